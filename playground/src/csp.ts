import config from 'virtual:playground-config';
import { allowCaptchalaScripts } from './allowCaptchalaScripts';

allowCaptchalaScripts();

const widget = document.querySelector('#csp-widget')!;
widget.setAttribute('app-key', config.appKey);
widget.setAttribute('loader-src', config.loaderUrl);
await import('@captchala-kit/element/define');

const form = document.querySelector<HTMLFormElement>('#csp-form')!;
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch(form.action, { method: 'POST', body: new FormData(form, event.submitter) });
  document.querySelector('#result')!.textContent = JSON.stringify(await response.json(), null, 2);
});
