import config from 'virtual:playground-config';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { allowCaptchalaScripts } from './allowCaptchalaScripts';
import { appKeyFor, submitToBackend, submitUrl, verdictOf } from './submitAnswer';

allowCaptchalaScripts();

const forms = [...document.querySelectorAll<HTMLFormElement>('form[data-scenario]')];
const widgets = forms.map((form) => form.querySelector<CaptchalaWidget>('captchala-widget')!);

// Offline, each form uses the stand-in key that shows its behaviour; live, every form uses your real key.
const appKeys = widgets.map((widget) => appKeyFor(widget.dataset['fakeKey'] ?? config.appKey));
for (const [i, widget] of widgets.entries()) {
  widget.setAttribute('app-key', appKeys[i]!);
  widget.setAttribute('loader-src', config.loaderUrl);
  forms[i]!.action = submitUrl(appKeys[i]!);
}
// The theming form: CaptchaLa's dark UI while the page is dark (the `theme` attribute; a change re-initialises).
const darkScheme = matchMedia('(prefers-color-scheme: dark)');
const followScheme = () => {
  for (const widget of document.querySelectorAll<CaptchalaWidget>('captchala-widget[data-follow-scheme]')) {
    if (darkScheme.matches) widget.setAttribute('theme', 'dark');
    else widget.removeAttribute('theme');
  }
};
followScheme();
darkScheme.addEventListener('change', followScheme);
await import('@captchala-kit/element/define');

const tbody = document.querySelector<HTMLTableSectionElement>('#panel tbody')!;
const log = document.querySelector('#log')!;
const answers = new Map<HTMLFormElement, string>();
const rows = forms.map((form) => {
  const row = tbody.insertRow();
  row.dataset['scenario'] = form.dataset['scenario'];
  for (let i = 0; i < 6; i++) row.insertCell();
  return row;
});

function note(form: HTMLFormElement, text: string) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} [${form.dataset['scenario']}] ${text}`;
  log.prepend(item);
}

const EVENTS = [
  'captchala-ready',
  'captchala-success',
  'captchala-expired',
  'captchala-error',
  'captchala-close',
];
for (const [i, form] of forms.entries()) {
  const widget = widgets[i]!;
  for (const type of EVENTS) {
    widget.addEventListener(type, (event) => {
      const detail = (event as Event & { detail?: Record<string, unknown> }).detail;
      // Never a whole token in a log: a prefix is enough to tell them apart.
      const summary = detail?.['code']
        ? `${detail['code']}: ${detail['message']}`
        : detail?.['token']
          ? `${String(detail['token']).slice(0, 10)}…`
          : '';
      note(form, `${type} ${summary}`);
    });
  }
  // A `data-native` form has no handler: the browser navigates to the backend's answer.
  if (form.hasAttribute('data-native')) continue;
  // The page's own submit handler: fetch, like most apps. The widget runs first and fills in a fresh token.
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new FormData(form, event.submitter);
    note(
      form,
      `submit → ${String(body.get('captchala_token') ?? '').slice(0, 14)}… intent=${body.get('intent')}`,
    );
    answers.set(form, verdictOf(await submitToBackend({ appKey: appKeys[i]!, body })));
    note(form, `backend: ${answers.get(form)}`);
  });
}

document.querySelector<HTMLSelectElement>('#lang')!.addEventListener('change', (event) => {
  const { value } = event.target as HTMLSelectElement;
  // `lang` is the native attribute: none means the page's language.
  for (const widget of widgets) {
    if (value) widget.lang = value;
    else widget.removeAttribute('lang');
  }
});

function refresh() {
  const now = Date.now();
  for (const [i, row] of rows.entries()) {
    const widget = widgets[i]!;
    const cells = row.cells;
    cells[0]!.textContent = forms[i]!.dataset['scenario'] ?? '';
    cells[1]!.textContent = widget.status;
    cells[2]!.textContent = widget.token ? `${widget.token.slice(0, 12)}…` : '—';
    cells[3]!.textContent = widget.issuedAt ? `${((now - widget.issuedAt) / 1000).toFixed(1)} s` : '—';
    cells[4]!.textContent = widget.expiresAt
      ? `${Math.max(0, (widget.expiresAt - now) / 1000).toFixed(1)} s`
      : '—';
    cells[5]!.textContent = answers.get(forms[i]!) ?? '—';
  }
  requestAnimationFrame(refresh);
}
refresh();
