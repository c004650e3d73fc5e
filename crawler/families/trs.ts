// TRS static sites, the most common family: lists `index.html`, `index_1.html`, `index_2.html` … (the
// suffix is 0-based, so `index_1` is page 2; the prefix may be `list`, the extension `.shtml`),
// driven by `createPageHTML(countPage, current, "index", "html")` in a script; details
// `./YYYYMM/tYYYYMMDD_<id>.html` with `_wap.html` mobile twins that repeat them.
import type { PortalFamily } from './family.ts';

function scriptVariable(html: string, name: string): number | null {
  const match = html.match(new RegExp(`(?:var|let|const)\\s+${name}\\s*=\\s*["']?(\\d+)`));
  return match ? Number(match[1]) : null;
}

function argValue(arg: string, html: string): string | number | null {
  const trimmed = arg.trim();
  const quoted = trimmed.match(/^["'](.*)["']$/);
  if (quoted) return quoted[1];
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (/^[A-Za-z_$][\w$]*$/.test(trimmed)) return scriptVariable(html, trimmed);
  return null;
}

/**
 * The pages named by TRS's `createPageHTML(countPage, current, "index", "html")` (also the
 * six-argument form with a div id first). Page 0 is `index.html`, page k is `index_k.html`.
 */
export function trsPageUrls(html: string, pageUrl: string): string[] {
  const call = html.match(/createPageHTML\s*\(([^)]*)\)/);
  if (!call) return [];
  const values = call[1].split(',').map((a) => argValue(a, html));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const strings = values.filter((v): v is string => typeof v === 'string');
  // Six-argument form: ('page_div', count, current, 'index', 'html', total): skip the div id.
  const [prefix, extension] = strings.length >= 3 ? strings.slice(1) : strings;
  const [count, current] = numbers;
  if (!count || !prefix || !extension || count > 5000) return [];
  const urls: string[] = [];
  for (let page = 0; page < count; page++) {
    // The page itself may be the column's directory URL; do not fetch it twice as index.html.
    if (page === current) continue;
    urls.push(new URL(page === 0 ? `${prefix}.${extension}` : `${prefix}_${page}.${extension}`, pageUrl).toString());
  }
  return urls;
}

/** Links to the list's `index_N` / `list_N` siblings in the page's own folder. */
export function trsSiblingLinks(links: readonly { url: string }[], pageUrl: string): string[] {
  const here = new URL(pageUrl);
  const folder = (url: URL) => url.pathname.replace(/[^/]*$/, '');
  const found = new Set<string>();
  for (const link of links) {
    let target: URL;
    try {
      target = new URL(link.url);
    } catch {
      continue;
    }
    if (target.host === here.host && folder(target) === folder(here) && /(index|list)_\d+\.s?html?$/.test(target.pathname)) found.add(target.toString());
  }
  found.delete(here.toString());
  return [...found];
}

/** True for TRS's mobile twins (`t2024…_123_wap.html`), which repeat the desktop page. */
export function isTrsMobileTwin(url: URL): boolean {
  return /_wap\.s?html?$/i.test(url.pathname);
}

/** The TRS family. */
export const trs: PortalFamily = {
  name: 'trs',
  listPages: (html, pageUrl, links) => [...trsPageUrls(html, pageUrl), ...trsSiblingLinks(links, pageUrl)],
  isTwinPage: isTrsMobileTwin,
};
