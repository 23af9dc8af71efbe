import '@captchala-kit/element/define';

const form = document.querySelector('#form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = new FormData(form, event.submitter);
  // The site's backend (vite.config.js) validates with @captchala-kit/server against the stand-in.
  const response = await fetch('/api/submit', { method: 'POST', body });
  document.querySelector('#out').textContent = JSON.stringify(await response.json());
});
