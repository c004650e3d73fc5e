// Links in a JSON answer a page fetched for itself (a POST search API behind a list): any object that
// carries an address (url, href, link …) and a title (title, name …), however deep the answer nests it.
export interface JsonLink { href: string; text: string }

const URL_KEYS = ['url', 'href', 'link', 'linkurl', 'docurl', 'puburl', 'art_url', 'visiturl'];
const TITLE_KEYS = ['title', 'name', 'text', 'doctitle', 'showtitle', 'art_title', 'subject'];

function pick(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const [k, v] of Object.entries(record)) if (keys.includes(k.toLowerCase()) && typeof v === 'string' && v.trim()) return v.trim();
  return undefined;
}

/** Every (address, title) pair in a JSON value, in order, at most `limit`. */
export function jsonLinks(value: unknown, limit = 2000): JsonLink[] {
  const out: JsonLink[] = [];
  const walk = (node: unknown, depth: number) => {
    if (out.length >= limit || depth > 8 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) { for (const item of node) walk(item, depth + 1); return; }
    const record = node as Record<string, unknown>;
    const href = pick(record, URL_KEYS);
    const text = pick(record, TITLE_KEYS);
    if (href && text && /^(https?:\/\/|\/|\.\.?\/|[\w-]+\/)/.test(href)) out.push({ href, text: text.replace(/<[^>]+>/g, '') });
    for (const child of Object.values(record)) walk(child, depth + 1);
  };
  walk(value, 0);
  return out;
}
