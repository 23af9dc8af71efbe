/**
 * Shrinks the CSS of Lit `css` tagged templates for the packages' builds (as Lit's own build minifies its
 * templates): comments go, whitespace runs collapse, and the spaces around `{ } ; , >`, after `:` and before `)`
 * go (never before `:`, which would turn `a :hover` into `a:hover`). Only templates without `${…}` are touched;
 * strings inside the CSS (`[part='a b']`) keep their spaces.
 */
export function minifyCss(css: string): string {
  return css
    .split(/('[^']*'|"[^"]*")/)
    .map((part, index) =>
      index % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/\s+\)/g, ')')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

/** Every `` css`…` `` template of a module with its CSS minified. */
export function minifyCssTemplates(code: string): string {
  return code.replace(/\bcss`([^`$\\]*)`/g, (_, css: string) => `css\`${minifyCss(css)}\``);
}
