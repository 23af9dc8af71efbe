/** When a widget starts loading CaptchaLa. */
export const LoadingStrategy = {
  /** As soon as it is connected. */
  Eager: 'eager',
  /** When it comes near the viewport, or on the first interaction with its form, whichever is first. */
  Visible: 'visible',
  /** On the first interaction with its form (focus, pointer, key) or with the widget itself. */
  Interaction: 'interaction',
} as const;
export type LoadingStrategy = (typeof LoadingStrategy)[keyof typeof LoadingStrategy];
