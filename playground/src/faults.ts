import config from 'virtual:playground-config';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { FAKE_BASE_PATH } from '../shared/paths';
import { allowCaptchalaScripts } from './allowCaptchalaScripts';
import { isolated } from './isolatedKey';
import { submitToBackend, verdictOf } from './submitAnswer';

allowCaptchalaScripts();

const log = document.querySelector('#log')!;
const forms = [...document.querySelectorAll<HTMLFormElement>('form[data-scenario]')];

function note(scenario: string, text: string) {
  const item = document.createElement('li');
  item.textContent = `[${scenario}] ${text}`;
  log.prepend(item);
}

if (config.mode !== 'offline') document.querySelector<HTMLElement>('#live-note')!.hidden = false;

for (const form of forms) {
  const scenario = form.dataset['scenario']!;
  for (const widget of form.querySelectorAll<CaptchalaWidget>('captchala-widget')) {
    // Its own stand-in counters: the flaky key's refusals are counted per key.
    widget.setAttribute('app-key', isolated(widget.dataset['fakeKey']!));
    widget.setAttribute('loader-src', config.loaderUrl);
    const ttl = widget.dataset['sctTtl'];
    if (ttl) {
      // The site's server-token endpoint (the stand-in's demo one), issuing tokens that live `ttl` seconds.
      const count = form.querySelector('[data-sct-count]')!;
      widget.serverTokenProvider = async ({ action, signal }) => {
        count.textContent = String(Number(count.textContent) + 1);
        const response = await fetch(
          `${FAKE_BASE_PATH}/__site/server-token?app_key=${widget.appKey}&ttl=${ttl}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ action }),
            signal,
          },
        );
        const answer = (await response.json()) as { server_token: string; expires_in: number };
        return { serverToken: answer.server_token, expiresIn: answer.expires_in };
      };
    }
    widget.addEventListener('captchala-error', (event) =>
      note(scenario, `captchala-error ${event.detail.code}`),
    );
    widget.addEventListener('captchala-status', (event) => note(scenario, `status ${event.detail.status}`));
    // Also after the re-init that follows each hand-out, whose status stays `consumed`.
    widget.addEventListener('captchala-ready', () => note(scenario, 'captchala-ready'));
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new FormData(form, event.submitter);
    const tokens = [...body].filter(([key]) => key.endsWith('token')).length;
    note(scenario, `submit (${tokens} token${tokens === 1 ? '' : 's'})`);
    // The backend validates with the key the widget used (a `~tag`ged one here).
    const appKey = form.querySelector('captchala-widget')!.getAttribute('app-key') ?? '';
    note(scenario, `backend: ${verdictOf(await submitToBackend({ appKey, body }))}`);
  });
}

document.querySelector('[data-make-flaky]')!.addEventListener('click', () => {
  // A new tag is a key the stand-in has not counted yet: its first two inits are refused again.
  const widget = document.querySelector<CaptchalaWidget>('form[data-scenario="flaky"] captchala-widget')!;
  widget.setAttribute('app-key', isolated('test_flaky_2'));
});

const badWidget = document.querySelector<CaptchalaWidget>('#bad-widget')!;
const attribute = document.querySelector<HTMLSelectElement>('#bad-attribute')!;
const value = document.querySelector<HTMLInputElement>('#bad-value')!;
const apply = () => {
  for (const name of ['token-ttl', 'refresh-margin', 'loading', 'theme']) badWidget.removeAttribute(name);
  badWidget.setAttribute('product', 'popup');
  badWidget.setAttribute('app-key', 'test_pass');
  badWidget.setAttribute('loader-src', config.loaderUrl);
  badWidget.setAttribute(attribute.value, value.value);
};
attribute.addEventListener('change', apply);
value.addEventListener('input', apply);
badWidget.addEventListener('captchala-error', (event) => {
  document.querySelector('#bad-error')!.textContent = `${event.detail.code}: ${event.detail.message}`;
});
badWidget.addEventListener('captchala-ready', () => {
  document.querySelector('#bad-error')!.textContent = 'none: the widget is ready';
});

await import('@captchala-kit/element/define');
