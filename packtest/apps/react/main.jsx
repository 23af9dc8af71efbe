import { Captchala } from '@captchala-kit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

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
