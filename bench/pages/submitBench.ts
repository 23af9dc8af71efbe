import type { CaptchalaSdk } from '@captchala-kit/core';
import type { CaptchalaGlobals } from '@captchala-kit/core/internal';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { LOADER_SRC } from './Driver';

/** Submissions timed in the page (cross-origin isolated: `performance.now()` at its finest resolution). */
export interface SubmitBench {
  /** A form with a widget and a form without; resolves once the widget is ready. */
  setUp(options: { appKey: string; product: string; serverTokenUrl?: string }): Promise<void>;
  /** Solves the widget's challenge through the SDK's own control; resolves when the widget holds a token. */
  solve(): Promise<void>;
  /**
   * Ms from `form.requestSubmit(button)` to the page's own submit handler on the form with the widget, or on the
   * form without. With a fresh token the kit lets the submission through; without, it holds it, runs a challenge,
   * and re-submits. `token`: what the submission carried under `captchala_token`.
   */
  submit(options: { withWidget: boolean }): Promise<{ ms: number; token: string }>;
  /** Resolves when the widget is ready again: it re-inits after each submission (its status stays `consumed`). */
  ready(): Promise<void>;
  /** The stand-in's own challenge time: ms from `showCaptcha()` to `onSuccess` on a new, ready SDK instance. */
  handChallenge(options: { appKey: string; product: string }): Promise<number>;
}

declare global {
  interface Window {
    submitBench: SubmitBench;
  }
}

function form(): { form: HTMLFormElement; button: HTMLButtonElement } {
  const element = document.createElement('form');
  const button = document.createElement('button');
  button.name = 'intent';
  button.value = 'send';
  element.append(button);
  document.body.append(element);
  return { form: element, button };
}

function whenStatus(widget: CaptchalaWidget, status: string): Promise<void> {
  return new Promise((resolve) => {
    if (widget.status === status) return resolve();
    const onStatus = () => {
      if (widget.status !== status) return;
      widget.removeEventListener('captchala-status', onStatus);
      resolve();
    };
    widget.addEventListener('captchala-status', onStatus);
  });
}

export function submitBench(): SubmitBench {
  const withWidget = form();
  const without = form();
  const widget = document.createElement('captchala-widget');
  let readies = 0;
  let awaited = 0;
  widget.addEventListener('captchala-ready', () => {
    readies += 1;
  });
  return {
    setUp({ appKey, product, serverTokenUrl }) {
      widget.setAttribute('app-key', appKey);
      widget.setAttribute('product', product);
      if (serverTokenUrl) widget.setAttribute('server-token-url', serverTokenUrl);
      widget.setAttribute('loader-src', LOADER_SRC);
      withWidget.form.prepend(widget);
      return whenStatus(widget, 'ready');
    },
    solve() {
      widget.querySelector<HTMLElement>('[data-captchala-fake="trigger"]')?.click();
      return whenStatus(widget, 'verified');
    },
    submit(options) {
      const { form, button } = options.withWidget ? withWidget : without;
      if (options.withWidget) awaited = readies + 1;
      return new Promise((resolve) => {
        const start = performance.now();
        form.addEventListener(
          'submit',
          (event) => {
            const ms = performance.now() - start;
            event.preventDefault();
            resolve({ ms, token: String(new FormData(form).get('captchala_token') ?? '') });
          },
          { once: true },
        );
        form.requestSubmit(button);
      });
    },
    ready: () =>
      new Promise((resolve) => {
        if (readies >= awaited) return resolve();
        const onReady = () => {
          if (readies < awaited) return;
          widget.removeEventListener('captchala-ready', onReady);
          resolve();
        };
        widget.addEventListener('captchala-ready', onReady);
      }),
    async handChallenge({ appKey, product }) {
      const sdk = (window as Window & CaptchalaGlobals).Captchala as CaptchalaSdk;
      const target = document.createElement('div');
      document.body.append(target);
      const instance = sdk.init({ appKey, product: product as 'popup', action: 'default' });
      await new Promise<void>((resolve) => {
        instance.onReady(resolve);
        instance.appendTo(target);
      });
      const elapsed = await new Promise<number>((resolve) => {
        const start = performance.now();
        instance.onSuccess(() => resolve(performance.now() - start));
        instance.showCaptcha();
      });
      instance.destroy();
      target.remove();
      return elapsed;
    },
  };
}
