// @ts-check
// The stand-in's browser SDK (`captchala.js`): `window.Captchala.init(config)` with the instance API of the
// contract (§2), a small real UI for each product, 8 UI languages and themes. Every challenge and pass token
// comes from the stand-in's server, which therefore knows every token's age and use count.
// Test hooks: `[data-captchala-fake=root|trigger|checkbox|overlay|panel|solve|close|status]`.
// SDK buttons come in two shapes, as the real SDK's may: an untyped `<button>` (popup/float trigger, panel) and a
// `<button type=submit>` inside a nested element (embed checkbox). Inside a form, both would submit it.
// SDK builds by key name: keys ending `_legacy_sdk` get an instance without `setLang` (an older SDK); keys
// containing `_renew` ask `onServerTokenExpired` for a new server token when theirs is refused, and retry once.
(() => {
  /** @type {any} */
  const w = window;
  const self = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const sdkUrl = new URL(self?.src ?? `${location.origin}/captchala.js`);
  const base = sdkUrl.href.replace(/\/captchala\.js(\?.*)?$/, '');

  const PRODUCTS = ['popup', 'float', 'embed', 'bind'];

  /** @type {Record<string, Record<string, string>>} */
  const I18N = {
    en: {
      trigger: 'Click to verify',
      checkbox: "I'm not a robot",
      title: 'Security check',
      solve: 'Verify',
      close: 'Close',
      solving: 'Verifying…',
      solved: 'Verified',
    },
    'zh-CN': {
      trigger: '点击进行验证',
      checkbox: '我不是机器人',
      title: '安全验证',
      solve: '验证',
      close: '关闭',
      solving: '验证中…',
      solved: '验证成功',
    },
    'zh-TW': {
      trigger: '點擊進行驗證',
      checkbox: '我不是機器人',
      title: '安全驗證',
      solve: '驗證',
      close: '關閉',
      solving: '驗證中…',
      solved: '驗證成功',
    },
    ja: {
      trigger: 'クリックして認証',
      checkbox: '私はロボットではありません',
      title: 'セキュリティチェック',
      solve: '認証する',
      close: '閉じる',
      solving: '認証中…',
      solved: '認証済み',
    },
    ko: {
      trigger: '클릭하여 인증',
      checkbox: '로봇이 아닙니다',
      title: '보안 확인',
      solve: '인증',
      close: '닫기',
      solving: '인증 중…',
      solved: '인증됨',
    },
    ms: {
      trigger: 'Klik untuk mengesahkan',
      checkbox: 'Saya bukan robot',
      title: 'Semakan keselamatan',
      solve: 'Sahkan',
      close: 'Tutup',
      solving: 'Mengesahkan…',
      solved: 'Disahkan',
    },
    vi: {
      trigger: 'Nhấn để xác minh',
      checkbox: 'Tôi không phải là người máy',
      title: 'Kiểm tra bảo mật',
      solve: 'Xác minh',
      close: 'Đóng',
      solving: 'Đang xác minh…',
      solved: 'Đã xác minh',
    },
    id: {
      trigger: 'Klik untuk verifikasi',
      checkbox: 'Saya bukan robot',
      title: 'Pemeriksaan keamanan',
      solve: 'Verifikasi',
      close: 'Tutup',
      solving: 'Memverifikasi…',
      solved: 'Terverifikasi',
    },
  };

  /** @param {string | undefined} lang */
  function resolveLang(lang) {
    const tags = !lang || lang === 'auto' ? [...navigator.languages] : [lang];
    for (const tag of tags) {
      const lower = tag.toLowerCase();
      if (lower.startsWith('zh')) return /-(tw|hk|mo|hant)\b/.test(lower) ? 'zh-TW' : 'zh-CN';
      const short = lower.split('-')[0] ?? '';
      if (Object.hasOwn(I18N, short)) return short;
    }
    return 'en';
  }

  function ensureStyles() {
    if (document.querySelector('link[data-captchala-fake-css]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${base}/captchala.css`;
    link.dataset['captchalaFakeCss'] = '';
    document.head.append(link);
  }

  /**
   * @param {string} path
   * @param {Record<string, unknown>} body
   * @returns {Promise<any>}
   */
  async function post(path, body) {
    let response;
    try {
      response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      throw 'Network error, please check your connection (network_error)';
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw json.message ?? `Request failed with status ${response.status} (request_failed)`;
    return json;
  }

  /** @param {string | Element} target */
  function resolveTarget(target) {
    const element = typeof target === 'string' ? document.querySelector(target) : target;
    if (!element) throw new Error(`CaptchaLa: target ${String(target)} not found`);
    return element;
  }

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] */
  function el(tag, attrs = {}, text = '') {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  }

  /** @param {HTMLElement} node @param {unknown} theme */
  function applyTheme(node, theme) {
    if (theme === 'dark' || theme === 'stereoscopic') node.dataset['theme'] = theme;
    const custom = theme && typeof theme === 'object' ? /** @type {any} */ (theme).custom : undefined;
    if (custom && typeof custom === 'object') {
      if (custom.color) node.style.setProperty('--cf-color', String(custom.color));
      if (custom.radius) node.style.setProperty('--cf-radius', String(custom.radius));
      if (custom.brightness === 'dark') node.dataset['theme'] = 'dark';
    }
  }

  /** @param {Record<string, any>} config */
  function init(config) {
    const appKey = typeof config?.appKey === 'string' ? config.appKey : '';
    const product = config?.product ?? 'popup';
    const action = typeof config?.action === 'string' && config.action ? config.action : 'default';
    const legacy = /_legacy_sdk(~[\w-]+)?$/.test(appKey);
    const renews = /_renew/.test(appKey);
    /** @type {string | undefined} */
    let serverToken = typeof config?.serverToken === 'string' ? config.serverToken : undefined;
    /** @type {Record<'ready' | 'success' | 'error' | 'close', Array<(value?: any) => void>>} */
    const handlers = { ready: [], success: [], error: [], close: [] };
    let lang = resolveLang(config?.lang);
    let destroyed = false;
    let solved = false;
    let busy = false;
    let ready = false;
    /** @type {Promise<any> | null} */
    let challenge = null;
    /** @type {HTMLElement | null} */
    let root = null;
    /** @type {HTMLElement | null} */
    let panel = null;
    /** @type {Element | null} */
    let bound = null;

    /** @param {'ready' | 'success' | 'error' | 'close'} type @param {unknown} [value] */
    function emit(type, value) {
      if (destroyed) return;
      for (const handler of handlers[type]) handler(value);
    }

    const t = () => (Object.hasOwn(I18N, lang) ? I18N[lang] : I18N['en']) ?? {};

    function render() {
      if (!root) return;
      root.lang = Object.hasOwn(I18N, lang) ? lang : 'en'; // the language its UI speaks
      const text = t();
      const trigger = root.querySelector('[data-captchala-fake="trigger"]');
      if (trigger)
        trigger.textContent = solved
          ? `✓ ${text['solved']}`
          : busy
            ? (text['solving'] ?? '')
            : (text['trigger'] ?? '');
      const checkbox = root.querySelector('[data-captchala-fake="checkbox"]');
      if (checkbox) {
        checkbox.setAttribute('aria-checked', String(solved));
        checkbox.textContent = `${solved ? '☑' : '☐'} ${busy ? text['solving'] : text['checkbox']}`;
      }
      if (panel) {
        const title = panel.querySelector('[data-captchala-fake="status"]');
        if (title) title.textContent = busy ? (text['solving'] ?? '') : (text['title'] ?? '');
        const solve = panel.querySelector('[data-captchala-fake="solve"]');
        if (solve) solve.textContent = text['solve'] ?? '';
        panel.querySelector('[data-captchala-fake="close"]')?.setAttribute('aria-label', text['close'] ?? '');
      }
    }

    /**
     * A challenge from the server; spends a server-token use. `early`: asked for before ready, which makes the SDK
     * fetch a second challenge (contract §2); the server counts those.
     */
    async function fetchChallenge(early = false) {
      if (!PRODUCTS.includes(product)) throw `Unknown product "${String(product)}" (invalid_product)`;
      const body = () => ({ appKey, action, serverToken, early });
      try {
        return await post('/sdk/challenge', body());
      } catch (error) {
        const renewable =
          renews &&
          typeof config?.onServerTokenExpired === 'function' &&
          /\(server_token_(invalid|expired|exhausted)\)$/.test(String(error));
        if (!renewable) throw error;
        const next = await config.onServerTokenExpired();
        if (typeof next !== 'string' || !next) throw error;
        serverToken = next;
        return post('/sdk/challenge', body());
      }
    }

    function preload() {
      ready = false;
      challenge = fetchChallenge();
      challenge.then(
        () => {
          ready = true;
          emit('ready');
        },
        (error) => emit('error', error),
      );
      challenge.catch(() => {
        challenge = null;
      });
    }

    function closePanel() {
      panel?.closest('[data-captchala-fake="overlay"]')?.remove();
      panel?.remove();
      panel = null;
    }

    async function solve() {
      if (busy || solved || destroyed) return;
      busy = true;
      render();
      try {
        // Not preloaded (showCaptcha before ready, or after a failure): fetch one now, as the real SDK does.
        challenge ??= fetchChallenge();
        const current = await challenge;
        if (current.solveDelayMs) await new Promise((resolve) => setTimeout(resolve, current.solveDelayMs));
        const result = await post('/sdk/solve', { challengeId: current.challengeId });
        if (destroyed) return;
        solved = true;
        busy = false;
        closePanel();
        render();
        emit('success', result);
      } catch (error) {
        busy = false;
        challenge = null;
        closePanel();
        render();
        emit('error', error);
      }
    }

    function openPanel() {
      if (panel || destroyed) return;
      const text = t();
      const titleId = `cf-title-${Math.random().toString(36).slice(2)}`;
      panel = el('div', {
        'data-captchala-fake': 'panel',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': titleId,
        class: 'cf-panel',
      });
      applyTheme(panel, config?.theme);
      panel.append(
        el('p', { 'data-captchala-fake': 'status', class: 'cf-title', id: titleId }, text['title']),
        el('button', { 'data-captchala-fake': 'solve', class: 'cf-solve' }, text['solve']),
        el(
          'button',
          { 'data-captchala-fake': 'close', class: 'cf-close', 'aria-label': text['close'] ?? '' },
          '×',
        ),
      );
      panel.querySelector('[data-captchala-fake="solve"]')?.addEventListener('click', () => solve());
      const dismiss = () => {
        closePanel();
        emit('close');
      };
      panel.querySelector('[data-captchala-fake="close"]')?.addEventListener('click', dismiss);
      // A good dialog: Escape closes it. Where focus goes afterwards is the embedding page's business.
      panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') dismiss();
      });
      if (product === 'float' && root) {
        const rect = root.getBoundingClientRect();
        panel.classList.add('cf-float');
        panel.style.top = `${rect.bottom + window.scrollY + 4}px`;
        panel.style.left = `${rect.left + window.scrollX}px`;
        document.body.append(panel);
      } else {
        const overlay = el('div', { 'data-captchala-fake': 'overlay', class: 'cf-overlay' });
        overlay.append(panel);
        document.body.append(overlay);
      }
      render();
      panel.querySelector('button')?.focus();
    }

    /**
     * showCaptcha / verify / a click on the trigger, checkbox or bound element. Interactive keys always need a
     * person: a click on the embed checkbox solves, anything else opens the challenge panel.
     * @param {{checkbox?: boolean}} [how]
     */
    function start(how = {}) {
      if (destroyed || solved || busy) return;
      // Before ready, the SDK fetches a second challenge (and spends another server-token use), as the real one does.
      if (!ready) challenge = fetchChallenge(true);
      else challenge ??= fetchChallenge();
      challenge.then(
        (current) => {
          if (destroyed || solved) return;
          if (current.behaviour === 'auto_pass' || how.checkbox) solve();
          else openPanel();
        },
        (error) => {
          challenge = null;
          emit('error', error);
        },
      );
    }

    const onBoundClick = () => start();

    const instance = {
      /** @param {() => void} cb */
      onReady(cb) {
        handlers.ready.push(cb);
        return instance;
      },
      /** @param {(result: {token: string, action: string, challengeId: string}) => void} cb */
      onSuccess(cb) {
        handlers.success.push(cb);
        return instance;
      },
      /** @param {(error: string) => void} cb */
      onError(cb) {
        handlers.error.push(cb);
        return instance;
      },
      /** @param {() => void} cb */
      onClose(cb) {
        handlers.close.push(cb);
        return instance;
      },
      /** @param {string | Element} target */
      appendTo(target) {
        if (destroyed) return instance;
        ensureStyles();
        root = el('div', {
          'data-captchala-fake': 'root',
          class: 'cf-root',
          'data-product': String(product),
        });
        applyTheme(root, config?.theme);
        if (product === 'embed') {
          const wrap = el('span', { class: 'cf-check' });
          wrap.append(
            el('button', {
              'data-captchala-fake': 'checkbox',
              role: 'checkbox',
              class: 'cf-checkbox',
              type: 'submit',
            }),
          );
          root.append(wrap);
          root.querySelector('button')?.addEventListener('click', () => start({ checkbox: true }));
        } else if (product !== 'bind') {
          root.append(el('button', { 'data-captchala-fake': 'trigger', class: 'cf-trigger' }));
          root.querySelector('button')?.addEventListener('click', () => start());
        }
        resolveTarget(target).append(root);
        render();
        preload();
        return instance;
      },
      /** @param {string | Element} target */
      bindTo(target) {
        if (destroyed) return;
        ensureStyles();
        bound = resolveTarget(target);
        bound.addEventListener('click', onBoundClick);
        preload();
      },
      showCaptcha: () => start(),
      verify: () => start(),
      reset() {
        if (destroyed) return;
        solved = false;
        busy = false;
        closePanel();
        render();
        preload();
      },
      destroy() {
        if (destroyed) return;
        destroyed = true;
        closePanel();
        root?.remove();
        root = null;
        bound?.removeEventListener('click', onBoundClick);
        bound = null;
      },
      /** @param {string} next */
      setLang(next) {
        lang = resolveLang(next);
        render();
      },
    };
    if (legacy) delete (/** @type {Partial<typeof instance>} */ (instance).setLang);

    return instance;
  }

  w.Captchala = { init, version: 'fake-1' };
})();
