// Every internal link of the built docs site leads somewhere: its page exists, and its `#fragment` is an `id` on
// that page (VitePress checks pages, not anchors). Run after every `docs:build` (VitePress's buildEnd); throws with
// the full list of broken links.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CheckSiteOptions {
  /** The built site (docs/dist). */
  outDir: string;
}

const SITE = 'http://site.invalid';

/** The HTML files of a directory, recursively. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const decode = (text: string) =>
  text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<');

/** The file a site path is served from (`/guide/` → `guide/index.html`), or null when none is. */
function fileOf(outDir: string, pathname: string): string | null {
  const path = join(outDir, decodeURIComponent(pathname));
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : null;
}

export async function checkSite(options: CheckSiteOptions): Promise<{ pages: number; links: number }> {
  const { outDir } = options;
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let found = ids.get(file);
    if (!found) {
      const html = readFileSync(file, 'utf8');
      found = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => decode(match[1]!)));
      ids.set(file, found);
    }
    return found;
  };
  const broken: string[] = [];
  const pages = htmlFiles(outDir);
  let links = 0;
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const page = new URL(`/${relative(outDir, file)}`, SITE);
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = decode(match[1]!);
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(raw) || raw === '') continue; // another site, mailto:, data:
      const target = new URL(raw, page);
      if (target.origin !== SITE) continue;
      // The stand-in and the site backend are served by the server, not files.
      if (/^\/(?:__captchala|api)(?:\/|$)/.test(target.pathname)) continue;
      links++;
      const where = `${relative(outDir, file)}: ${raw}`;
      const targetFile = fileOf(outDir, target.pathname);
      if (!targetFile) {
        broken.push(`${where} (no such page)`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment && targetFile.endsWith('.html') && !idsOf(targetFile).has(fragment)) {
        broken.push(`${where} (no id="${fragment}" on ${relative(outDir, targetFile)})`);
      }
    }
  }
  if (broken.length) {
    throw new Error(`The docs site has ${broken.length} broken internal link(s):\n  ${broken.join('\n  ')}`);
  }
  console.log(`docs: ${pages.length} pages, ${links} internal links and anchors, none broken`);
  return { pages: pages.length, links };
}
