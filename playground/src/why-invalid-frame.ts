// The page inside the "why invalid?" page's CSP frame (pages/csp-blocked-frame.html, whose CSP the site backend
// sets: playground/server/cspRoutes.ts): a form with a widget, reporting to the parent page what the widget says
// and whether the form was submitted. `?run=<id>` names the run its submissions are logged under.
import config from 'virtual:playground-config';
import type { CaptchalaWidget } from '@captchala-kit/element';
import { WHY_INVALID_BASE } from '../shared/paths';
import { allowCaptchalaScripts } from './allowCaptchalaScripts';
import type { FrameMessage } from './why-invalid/frameMessages';

allowCaptchalaScripts();

const post = (message: FrameMessage) => window.parent.postMessage(message, location.origin);

const form = document.querySelector('form')!;
const run = new URLSearchParams(location.search).get('run') ?? '';
form.action = `${WHY_INVALID_BASE}/csp/submit?run=${encodeURIComponent(run)}`;
const widget = form.querySelector<CaptchalaWidget>('captchala-widget')!;
widget.setAttribute('app-key', config.appKey);
widget.setAttribute('loader-src', config.loaderUrl);
widget.addEventListener('captchala-ready', () => post({ type: 'captchala-ready' }));
widget.addEventListener('captchala-error', (event) =>
  post({ type: 'captchala-error', code: event.detail.code, message: event.detail.message }),
);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch(form.action, { method: 'POST', body: new FormData(form, event.submitter) });
  post({ type: 'submitted', status: response.status });
});

await import('@captchala-kit/element/define');
