import { allowLoaderOrigins, Captchala } from '@captchala-kit/react';
import { connectStandIn } from '@captchala-kit/testing/stand-in';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The stand-in's loader and SDK on this server, named by their exact URLs as a site names its self-hosted loader:
// the kit loads CaptchaLa's own scripts and nothing else until the page's JavaScript names more.
allowLoaderOrigins(connectStandIn({ baseUrl: '/__captchala' }).scriptUrls());

function App() {
  async function onSubmit(event) {
    event.preventDefault();
    // The widget, inside the form, put a fresh token into this submission's FormData.
    const response = await fetch('/api/submit', { method: 'POST', body: new FormData(event.currentTarget) });
    document.querySelector('#out').textContent = JSON.stringify(await response.json());
  }
  return (
    <form onSubmit={onSubmit}>
      <input name="email" defaultValue="ada@example.test" />
      <Captchala appKey="test_auto_pass" product="bind" loaderSrc="/__captchala/captchala-loader.js" />
      <button type="submit" name="intent" value="send">
        Send
      </button>
    </form>
  );
}

createRoot(document.querySelector('#root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
