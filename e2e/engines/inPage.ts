/**
 * What the engine facade runs in the page: `resolveElements` turns a locator's steps into elements, `act` acts on
 * them. Both are sent as source (the driver serialises them), so each is self-contained: no imports, no outer
 * names.
 */

/** A text to match: a string (whitespace-normalised, case-insensitive substring unless `exact`) or a RegExp. */
export type TextMatcher = { string: string; exact?: boolean } | { regex: string; flags: string };

export type Step =
  | { css: string; hasText?: TextMatcher }
  | { role: string; name?: TextMatcher }
  | { label: TextMatcher }
  | { text: TextMatcher }
  | { nth: number };

export type Action =
  | { type: 'count' }
  | { type: 'texts' }
  | { type: 'state' }
  | { type: 'attribute'; name: string }
  | { type: 'value' }
  | { type: 'textContent' }
  | { type: 'fill'; text: string }
  | { type: 'select'; value: string };

/** The outcome: `found` is how many elements matched (actions on one element need exactly one). */
export interface InPageResult {
  found: number;
  value?: unknown;
}

export function resolveElements(steps: Step[]): Element[] {
  const normalise = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();
  const matches = (text: string, matcher: TextMatcher) => {
    if ('regex' in matcher) return new RegExp(matcher.regex, matcher.flags).test(text);
    const a = normalise(text);
    const b = normalise(matcher.string);
    return matcher.exact ? a === b : a.toLowerCase().includes(b.toLowerCase());
  };
  // Playwright's CSS pierces open shadow roots, across descendant combinators too (`captchala-widget [part=x]`
  // reaches into the widget's shadow root): so does this. A list (`a, b`) is the union of its selectors.
  const split = (css: string, separator: RegExp): string[] => {
    const parts: string[] = [];
    let depth = 0;
    let quote = '';
    let part = '';
    for (const char of css) {
      if (quote) quote = char === quote ? '' : quote;
      else if (char === '"' || char === "'") quote = char;
      else if (char === '[' || char === '(') depth++;
      else if (char === ']' || char === ')') depth--;
      if (!quote && depth === 0 && separator.test(char)) {
        if (part.trim()) parts.push(part.trim());
        part = '';
        continue;
      }
      part += char;
    }
    if (part.trim()) parts.push(part.trim());
    return parts;
  };
  // Every open shadow root inside `root` (its own, when it is a host, included), nested ones too.
  const shadowRoots = (root: ParentNode): ShadowRoot[] => {
    const hosts = [...(root instanceof Element ? [root] : []), ...root.querySelectorAll('*')];
    return hosts.flatMap((host) =>
      host.shadowRoot ? [host.shadowRoot, ...shadowRoots(host.shadowRoot)] : [],
    );
  };
  // Matches of `css` inside `scope`: its light-DOM descendants (`:scope` keeps the whole selector inside an
  // element), and everything in the shadow roots within it.
  const inAnyRoot = (scope: ParentNode, css: string) => [
    ...scope.querySelectorAll(scope instanceof Element ? `:scope ${css}` : css),
    ...shadowRoots(scope).flatMap((shadow) => [...shadow.querySelectorAll(css)]),
  ];
  const deep = (root: ParentNode, css: string): Element[] =>
    split(css, /,/).flatMap((selector) => {
      // Descendant steps, each kept whole with the child/sibling combinators inside it (`a > b`).
      const steps = split(selector, /\s/).reduce<string[]>((merged, token) => {
        const previous = merged[merged.length - 1];
        if (previous !== undefined && (/[>+~]$/.test(previous) || /^[>+~]/.test(token))) {
          merged[merged.length - 1] = `${previous} ${token}`;
        } else merged.push(token);
        return merged;
      }, []);
      let scopes: ParentNode[] = [root];
      for (const step of steps) {
        // A step after the first searches inside what the one before found.
        const found = scopes.flatMap((scope) => inAnyRoot(scope, step));
        scopes = [...new Set(found)];
      }
      return scopes as Element[];
    });
  const rendered = (element: Element) =>
    element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const textOf = (element: Element) => normalise(element.textContent ?? '');
  const byIds = (ids: string | null) =>
    (ids ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter((node): node is HTMLElement => node !== null);
  const labelOf = (element: Element): string => {
    const labelledBy = byIds(element.getAttribute('aria-labelledby'));
    if (labelledBy.length > 0) return labelledBy.map(textOf).join(' ');
    const aria = element.getAttribute('aria-label');
    if (aria) return aria;
    const labels = (element as HTMLInputElement).labels;
    return labels && labels.length > 0 ? [...labels].map(textOf).join(' ') : '';
  };
  const roleOf = (element: Element): string | null => {
    const explicit = element.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0] ?? null;
    const tag = element.tagName.toLowerCase();
    if (tag === 'input') {
      const type = ((element as HTMLInputElement).type || 'text').toLowerCase();
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      if (['text', 'email', 'tel', 'url', 'search'].includes(type)) return 'textbox';
      return null;
    }
    const implicit: Record<string, string> = {
      button: 'button',
      textarea: 'textbox',
      select: 'combobox',
      fieldset: 'group',
      form: 'form',
      output: 'status',
      dialog: 'dialog',
      ul: 'list',
      ol: 'list',
      li: 'listitem',
      table: 'table',
      img: 'img',
      nav: 'navigation',
      main: 'main',
      h1: 'heading',
      h2: 'heading',
      h3: 'heading',
      h4: 'heading',
      h5: 'heading',
      h6: 'heading',
    };
    if (tag === 'a') return element.hasAttribute('href') ? 'link' : null;
    return implicit[tag] ?? null;
  };
  const nameOf = (element: Element): string => {
    const label = labelOf(element);
    if (label) return label;
    const tag = element.tagName.toLowerCase();
    if (tag === 'input') {
      const input = element as HTMLInputElement;
      if (['submit', 'button', 'reset'].includes(input.type)) return input.value;
      return input.placeholder || element.getAttribute('title') || '';
    }
    if (tag === 'img') return element.getAttribute('alt') ?? '';
    if (['select', 'textarea', 'fieldset', 'form', 'table', 'ul', 'ol'].includes(tag)) {
      return element.getAttribute('title') ?? '';
    }
    return textOf(element) || element.getAttribute('title') || '';
  };
  const labelable =
    'input, textarea, select, button, meter, output, progress, [contenteditable], [aria-label], [aria-labelledby]';

  let current: Element[] | null = null;
  for (const step of steps) {
    const roots: ParentNode[] = current ?? [document];
    const within = (css: string) => roots.flatMap((root) => deep(root, css));
    if ('nth' in step) {
      const list: Element[] = current ?? [];
      const picked = step.nth < 0 ? list[list.length + step.nth] : list[step.nth];
      current = picked ? [picked] : [];
    } else if ('css' in step) {
      const hasText = step.hasText;
      current = within(step.css).filter((element) => !hasText || matches(element.textContent ?? '', hasText));
    } else if ('role' in step) {
      const name = step.name;
      current = within('*').filter(
        (element) =>
          roleOf(element) === step.role && rendered(element) && (!name || matches(nameOf(element), name)),
      );
    } else if ('label' in step) {
      current = within(labelable).filter((element) => matches(labelOf(element), step.label));
    } else {
      const text = step.text;
      // The innermost elements whose own text matches, as Playwright's getByText.
      const candidates = within('*').filter(
        (element) => rendered(element) && matches(element.textContent ?? '', text),
      );
      current = candidates.filter(
        (element) => !candidates.some((other) => other !== element && element.contains(other)),
      );
    }
    // Document order, without duplicates (a node reached from two roots).
    current = [...new Set(current)];
  }
  return current ?? [];
}

export function act(elements: Element[], action: Action): InPageResult {
  const normalise = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();
  const rendered = (element: Element) =>
    element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const textOf = (element: Element) => normalise(element.textContent ?? '');
  const found = elements.length;
  const one = elements[0] as HTMLElement | undefined;
  switch (action.type) {
    case 'count':
      return { found };
    case 'texts':
      return { found, value: elements.map(textOf) };
  }
  if (found !== 1 || !one) return { found };
  switch (action.type) {
    case 'state': {
      one.scrollIntoView({ block: 'center', inline: 'center' });
      const box = one.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      // What a click there would hit: the element itself (or inside it), or something covering it.
      let hit: Element | null = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      const receives = hit !== null && (one === hit || one.contains(hit) || hit.contains(one));
      return {
        found,
        value: {
          visible: rendered(one),
          enabled: !(one as HTMLButtonElement).disabled,
          checked: (one as HTMLInputElement).checked === true,
          receives,
        },
      };
    }
    case 'attribute':
      return { found, value: one.getAttribute(action.name) };
    case 'value':
      return { found, value: (one as HTMLInputElement).value };
    case 'textContent':
      return { found, value: one.textContent };
    case 'fill': {
      // As Playwright's fill: focus, select all, insert the text as one edit (input events a framework sees).
      one.focus();
      const field = one as HTMLInputElement;
      field.select?.();
      if (
        action.text === ''
          ? !document.execCommand('delete')
          : !document.execCommand('insertText', false, action.text)
      ) {
        // No editing command here: the value setter frameworks track, then the events an edit fires.
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
        setter?.call(field, action.text);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      field.dispatchEvent(new Event('change', { bubbles: true }));
      return { found, value: field.value === action.text };
    }
    case 'select': {
      const select = one as HTMLSelectElement;
      const option = [...select.options].find(
        (candidate) => candidate.value === action.value || normalise(candidate.label) === action.value,
      );
      if (!option) return { found, value: false };
      select.value = option.value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return { found, value: true };
    }
  }
}
