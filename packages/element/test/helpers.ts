import { loaderSrc, standIn } from '../../../test/browser';
import { allowLoaderOrigins, type CaptchalaWidget } from '../src/index';

export { baseUrl, fake, loaderSrc, next, standIn, status } from '../../../test/browser';

// The kit loads only CaptchaLa's own scripts unless the page's JavaScript names others, as a site names its own.
allowLoaderOrigins(standIn.scriptUrls());

/** Renders `html` into a fresh host and returns the first form and widget in it. */
export function render(html: string): { form: HTMLFormElement; widget: CaptchalaWidget; host: HTMLElement } {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return {
    host,
    form: host.querySelector('form')!,
    widget: host.querySelector('captchala-widget')!,
  };
}

export interface RenderFormOptions {
  /** The widget's attributes; a `loader-src` of its own replaces the stand-in's. */
  attrs: string;
  /** Attributes of a `<div>` around the form (a `lang`, a `style`). */
  wrapper?: string;
}

/**
 * A sign-up form: an email field, the widget, and a submit button (`intent=publish`), whose own submit handler
 * records each submission's FormData, fetch-style.
 */
export function renderForm(options: RenderFormOptions) {
  const { attrs, wrapper = '' } = options;
  const loader = attrs.includes('loader-src=') ? '' : `loader-src="${loaderSrc}"`;
  const rendered = render(`<div ${wrapper}><form action="/never" method="post">
      <input name="email" value="ada@example.test" />
      <captchala-widget ${loader} ${attrs}></captchala-widget>
      <button name="intent" value="publish">Publish</button>
    </form></div>`);
  const button = rendered.form.querySelector<HTMLButtonElement>('button[name="intent"]')!;
  return { ...rendered, button, submit: () => button.click(), submissions: recordSubmissions(rendered.form) };
}

export function events(target: EventTarget, ...types: string[]): Array<Event & { detail?: any }> {
  const log: Array<Event & { detail?: any }> = [];
  for (const type of types) target.addEventListener(type, (event) => log.push(event));
  return log;
}

/** The form's own submit handler: fetch-style, reading FormData synchronously like most apps and frameworks. */
export function recordSubmissions(form: HTMLFormElement): FormData[] {
  const submissions: FormData[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submissions.push(new FormData(form, (event as SubmitEvent).submitter));
  });
  return submissions;
}

export const statusLine = (widget: CaptchalaWidget) =>
  widget.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();
