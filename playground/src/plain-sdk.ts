// A plain page wired like the official integrations (contract §4), on purpose without captchala-kit.
import config from 'virtual:playground-config';

interface SdkInstance {
  onReady(cb: () => void): SdkInstance;
  onSuccess(cb: (result: { token: string }) => void): SdkInstance;
  onError(cb: (error: unknown) => void): SdkInstance;
  onClose(cb: () => void): SdkInstance;
  appendTo(target: string | Element): SdkInstance;
  bindTo(target: string | Element): void;
  destroy(): void;
}
declare global {
  interface Window {
    loadCaptchala?: (onReady: () => void, onError?: (error: unknown) => void) => void;
    Captchala?: { init(config: Record<string, unknown>): SdkInstance };
  }
}

const form = document.querySelector<HTMLFormElement>('#signup')!;
const tokenInput = document.querySelector<HTMLInputElement>('#token')!;
const productSelect = document.querySelector<HTMLSelectElement>('#product')!;
const container = document.querySelector<HTMLElement>('#captcha')!;
const status = document.querySelector<HTMLOutputElement>('#status')!;
const result = document.querySelector<HTMLPreElement>('#result')!;
const replay = document.querySelector<HTMLButtonElement>('#replay')!;
const submit = document.querySelector<HTMLButtonElement>('#submit')!;

let instance: SdkInstance | undefined;
let lastToken = '';

function loadLoader(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = config.loaderUrl;
    script.onload = () => window.loadCaptchala?.(resolve, reject);
    script.onerror = () => reject(new Error(`could not load ${config.loaderUrl}`));
    document.head.append(script);
  });
}

// SDK buttons may lack `type`, so inside a form they would submit it: switch them to type=button.
new MutationObserver(() => {
  for (const button of container.querySelectorAll('button:not([type])'))
    button.setAttribute('type', 'button');
}).observe(container, { childList: true, subtree: true });

function init() {
  instance?.destroy();
  container.replaceChildren();
  tokenInput.value = '';
  const product = productSelect.value;
  status.textContent = `initialising ${product}…`;
  instance = window
    .Captchala!.init({ appKey: config.appKey, product, action: 'signup' })
    .onReady(() => {
      status.textContent = 'ready: solve the challenge';
    })
    .onSuccess(({ token }) => {
      tokenInput.value = token;
      status.textContent = `solved: ${token.slice(0, 12)}…`;
      if (product === 'bind') form.requestSubmit(submit);
    })
    .onError((error) => {
      status.textContent = `error: ${String(error)}`;
    })
    .onClose(() => {
      status.textContent = 'challenge closed without solving';
    });
  if (product === 'bind') instance.bindTo(submit);
  else instance.appendTo(container);
}

async function send(body: FormData) {
  const response = await fetch(form.action, { method: 'POST', body });
  const answer = await response.json();
  result.textContent = JSON.stringify(answer, null, 2);
  return answer as { ok: boolean; reason: string | null };
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  // Counted for the e2e spec: a stray submission from an SDK button would show here.
  form.dataset['submits'] = String(Number(form.dataset['submits'] ?? 0) + 1);
  if (!tokenInput.value) {
    status.textContent = 'solve the challenge first';
    return;
  }
  const body = new FormData(form);
  lastToken = tokenInput.value;
  replay.disabled = false;
  await send(body);
  init(); // a pass token is single-use: start over for the next submission
});

replay.addEventListener('click', async () => {
  const body = new FormData(form);
  body.set('captchala_token', lastToken);
  await send(body);
});

productSelect.addEventListener('change', init);

loadLoader().then(init, (error: unknown) => {
  status.textContent = `loader failed: ${String(error)}`;
});
