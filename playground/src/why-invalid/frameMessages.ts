/** What the CSP frame (`why-invalid-frame.ts`) tells the page, same origin only. */
export type FrameMessage =
  | { type: 'captchala-ready' }
  | { type: 'captchala-error'; code: string; message: string }
  | { type: 'submitted'; status: number };

export interface FrameMessages {
  /** The frame's next message (queued ones first). */
  next(): Promise<FrameMessage>;
  stop(): void;
}

/** Collects the messages one frame posts to this page; listen before the frame loads. */
export function frameMessages(frame: HTMLIFrameElement): FrameMessages {
  const queued: FrameMessage[] = [];
  const waiting: Array<(message: FrameMessage) => void> = [];
  const onMessage = (event: MessageEvent<FrameMessage>) => {
    if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
    const waiter = waiting.shift();
    if (waiter) waiter(event.data);
    else queued.push(event.data);
  };
  window.addEventListener('message', onMessage);
  return {
    next: () => {
      const message = queued.shift();
      return message ? Promise.resolve(message) : new Promise((resolve) => waiting.push(resolve));
    },
    stop: () => window.removeEventListener('message', onMessage),
  };
}
