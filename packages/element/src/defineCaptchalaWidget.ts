import { CaptchalaError } from '@captchala-kit/core';
import { CaptchalaWidget } from './CaptchalaWidget';
import { DEV } from './DEV';

/**
 * Registers `<captchala-widget>` in `registry` (default: the page's `customElements`) and returns the class that
 * owns the tag. Idempotent, and a no-op returning undefined where custom elements don't exist (SSR). A tag
 * already taken by another version of the kit, or by anything else, is a `tag_conflict` error naming both: two
 * copies never clash silently (the same version loaded twice shares the first copy's class).
 */
export function defineCaptchalaWidget(
  registry: Pick<CustomElementRegistry, 'get' | 'define'> | undefined = globalThis.customElements,
): typeof CaptchalaWidget | undefined {
  if (!registry) return undefined;
  const { tagName, version } = CaptchalaWidget;
  const existing = registry.get(tagName) as (CustomElementConstructor & { version?: unknown }) | undefined;
  if (!existing) {
    registry.define(tagName, CaptchalaWidget);
    return CaptchalaWidget;
  }
  if (existing === CaptchalaWidget) return CaptchalaWidget;
  if (existing.version === version && existing.name === CaptchalaWidget.name) {
    return existing as typeof CaptchalaWidget;
  }
  const owner =
    typeof existing.version === 'string'
      ? `@captchala-kit/element ${existing.version}`
      : `another element (${existing.name || 'an anonymous class'}), not captchala-kit`;
  throw new CaptchalaError({
    code: 'tag_conflict',
    message: DEV
      ? `<${tagName}> is already defined by ${owner}; this copy is @captchala-kit/element ${version}. Load one copy of the kit (dedupe @captchala-kit/element in your bundler), or give the other element another tag.`
      : '',
    detail: owner,
  });
}
