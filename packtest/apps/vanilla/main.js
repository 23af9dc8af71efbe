import { allowLoaderOrigins } from '@captchala-kit/element';
import { connectStandIn } from '@captchala-kit/testing/stand-in';

// The stand-in's loader and SDK on this server, named by their exact URLs as a site names its self-hosted loader:
// the kit loads CaptchaLa's own scripts and nothing else until the page's JavaScript names more.
allowLoaderOrigins(connectStandIn({ baseUrl: '/__captchala' }).scriptUrls());
// Only then the element: the widget in the markup starts loading as soon as it is defined.
await import('@captchala-kit/element/define');

const form = document.querySelector('#form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = new FormData(form, event.submitter);
  // The site's backend (vite.config.js) validates with @captchala-kit/server against the stand-in.
  const response = await fetch('/api/submit', { method: 'POST', body });
  document.querySelector('#out').textContent = JSON.stringify(await response.json());
});
