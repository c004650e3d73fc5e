// Static files of the browser (the stylesheet, the favicon), read once from scripts/serve/assets.
import { readFileSync } from 'node:fs';
import { NotFound, type Reply } from './reply.ts';
import { PAGE_CSP } from './security-headers.ts';

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
const ALLOWED = new Set(['style.css', 'favicon.svg']);
const cache = new Map<string, Buffer>();

/** `/assets/<name>` for the few files that exist; anything else is a 404 (no path walking). */
export function assetReply(name: string): Reply {
  if (!ALLOWED.has(name)) throw new NotFound(`no asset ${name}`);
  if (!cache.has(name)) cache.set(name, readFileSync(new URL(`./assets/${name}`, import.meta.url)));
  const extension = name.split('.').pop() ?? '';
  return { status: 200, contentType: TYPES[extension] ?? 'application/octet-stream', body: cache.get(name)!, csp: PAGE_CSP };
}
