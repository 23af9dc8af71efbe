import { describe, expect, test } from 'vitest';
import { minifyCss } from '../../../scripts/minifyCss';
import { CaptchalaWidget } from '../src/index';

/**
 * The rules as Chromium parses them: what the minified CSS must keep. (Chromium keeps a `var()` fallback's
 * tokens as written, so the space after its comma is the one difference allowed.)
 */
function parsed(css: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return [...sheet.cssRules].map((rule) => rule.cssText.replace(/,\s+/g, ','));
}

describe('the build minifies the element’s CSS without changing what Chromium parses', () => {
  test('the element’s own styles: same rules, fewer bytes', () => {
    const css = (CaptchalaWidget.styles as { cssText: string }).cssText;
    const minified = minifyCss(css);
    expect(parsed(minified)).toEqual(parsed(css));
    expect(minified.length).toBeLessThan(css.length * 0.8);
    expect(minified).not.toMatch(/\/\*|\n/);
  });

  test('descendant combinators, strings, calc() and comments', () => {
    const css = `
      /* a comment */
      div :hover , a > b   span { content: "  two  spaces "; width: calc( 1px + 2px ) ; }
      [part='a b'] :is( .x , .y ) { margin : 0 auto ; }
    `;
    const minified = minifyCss(css);
    expect(parsed(minified)).toEqual(parsed(css));
    expect(minified).toContain('div :hover');
    expect(minified).toContain('"  two  spaces "');
  });
});
