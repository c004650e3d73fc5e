// URL rules: normal form for the frontier, what counts as a file, and what stays in scope. Where a
// portal family has its own habit (a fragment that names the page, a download's file name in the
// query, mobile twins) the family's module says so (families/).
import { familyAttachmentName, isFamilyTwinPage, keepsFragment } from '../families/index.ts';

const ATTACHMENT_EXTENSIONS = /\.(pdf|docx?|wps|xlsx?|et|ofd|zip|rar|txt|rtf|jpe?g|png|gif|tiff?)$/i;
const DOWNLOAD_SCRIPTS = /(downfile|download|downloadfile|filedownload|getfile)\.(jsp|do|aspx?|php)$/i;

/** The URL as the frontier keys it: absolute, no fragment, default port dropped; null for non-http(s). */
export function normaliseUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Some families name the page only in the fragment (gkmlpt's `/gkmlpt/index#2517`): keep it there.
  if (!keepsFragment(url)) url.hash = '';
  return url.toString();
}

/** The file name a download URL carries: a family's own parameter (Hanweb's `showname=`), then `filename=` and the like, else the last path segment. */
export function fileNameOf(url: string): string | undefined {
  const parsed = new URL(url);
  const named = familyAttachmentName(parsed);
  if (named) return named;
  for (const key of ['fileName', 'filename', 'name', 'file']) {
    const value = parsed.searchParams.get(key);
    if (value && /\.\w{2,4}$/.test(value)) return value;
  }
  const last = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
  return last || undefined;
}

/** True for links to documents (PDF, Word, WPS, spreadsheets, images, OFD) rather than pages. */
export function isAttachmentUrl(url: string): boolean {
  const parsed = new URL(url);
  if (ATTACHMENT_EXTENSIONS.test(parsed.pathname)) return true;
  if (DOWNLOAD_SCRIPTS.test(parsed.pathname)) return true;
  const name = fileNameOf(url);
  return Boolean(name && ATTACHMENT_EXTENSIONS.test(name) && parsed.search);
}

/** True for mobile twins, which repeat a desktop page: a `/wap/` folder, or a family's own (TRS `_wap.html`). */
export function isMobileTwin(url: string): boolean {
  const parsed = new URL(url);
  return /\/wap\//i.test(parsed.pathname) || isFamilyTwinPage(parsed);
}

/** The host of a URL (with port), the unit of politeness. */
export function hostOf(url: string): string {
  return new URL(url).host;
}

// Scope (which hosts a portal's crawl may call) lives in scope.ts.
export { isInScope, outOfScopeReason } from './scope.ts';
