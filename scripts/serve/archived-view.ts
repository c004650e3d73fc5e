// Serving archived bytes: `view` shows a capture safely (HTML sanitized and sandboxed, text as
// UTF-8 text, a PDF as the text its parse read, images inline with their own type); `raw` hands
// over the bytes as captured, as a download unless they are a plain image. A PDF is never handed to
// the browser's viewer: Chromium's viewer runs a PDF's own JavaScript (/OpenAction → app.alert,
// submitForm) even under a CSP sandbox, so only `Content-Disposition: attachment` keeps it shut.
import { capturedUrlId, captureParseText, getCapture, getCaptureBody, type Archive, type Capture } from '../../storage/index.ts';
import { escapeHtml } from './html.ts';
import { decodeHtmlBytes } from '../../parsers/index.ts';
import { NotFound, type Reply } from './reply.ts';
import { sanitizeArchivedHtml } from './sanitize-archived-html.ts';
import { ARCHIVED_CSP, FILE_CSP } from './security-headers.ts';

/** How a capture is shown: what its bytes are, whatever the server claimed. */
export type CaptureKind = 'html' | 'text' | 'pdf' | 'image' | 'other';

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

function imageType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return IMAGE_TYPES.png;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return IMAGE_TYPES.jpeg;
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return IMAGE_TYPES.gif;
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return IMAGE_TYPES.webp;
  return null;
}

/** The kind of a capture from its bytes first (magic numbers), then its content type. */
export function captureKind(capture: Pick<Capture, 'contentType'>, bytes: Buffer): CaptureKind {
  const type = (capture.contentType ?? '').toLowerCase();
  const head = bytes.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('%pdf-')) return 'pdf';
  if (imageType(bytes)) return 'image';
  if (/^(\xef\xbb\xbf)?\s*<(!doctype html|html|head|body|meta|div|table|p[ >]|title)/.test(head) || type.includes('html')) return 'html';
  if (type.startsWith('text/') || (!type && !bytes.subarray(0, 512).includes(0))) return 'text';
  return 'other';
}

/** A file name for Content-Disposition: the URL's last segment, else capture-ID. */
export function downloadName(capture: Pick<Capture, 'id' | 'url'>, kind: CaptureKind): string {
  let name = '';
  try { name = decodeURIComponent(new URL(capture.url).pathname.split('/').pop() ?? ''); } catch { /* keep the fallback */ }
  const extension = { html: '.html', text: '.txt', pdf: '.pdf', image: '', other: '' }[kind];
  return name || `capture-${capture.id}${extension}`;
}

function disposition(kind: 'inline' | 'attachment', name: string, id: number): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_') || `capture-${id}`;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function loadCapture(archive: Archive, captureId: number): { capture: Capture; bytes: Buffer } {
  const capture = getCapture(archive, captureId);
  if (!capture) throw new NotFound(`no capture with id ${captureId}`);
  const bytes = getCaptureBody(archive, captureId);
  if (!bytes) throw new NotFound(`capture ${captureId} has no body (${capture.error ?? `status ${capture.status}`})`);
  return { capture, bytes };
}

/** `/capture/:id/view`: the capture shown safely, for the sandboxed frame. */
export function viewCapture(archive: Archive, captureId: number): Reply {
  const { capture, bytes } = loadCapture(archive, captureId);
  const kind = captureKind(capture, bytes);
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(capture.contentType ?? '')?.[1];
  if (kind === 'html') {
    const { text } = decodeHtmlBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
    // Links and images alike open the archived capture's safe view, inside the same sandboxed frame.
    const resolve = (url: string) => {
      const id = capturedUrlId(archive, url);
      return id === undefined ? null : `/capture/${id}/view`;
    };
    return { status: 200, contentType: 'text/html; charset=utf-8', body: sanitizeArchivedHtml(text, capture.finalUrl ?? capture.url, resolve), csp: ARCHIVED_CSP };
  }
  if (kind === 'text') {
    const { text } = decodeHtmlBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: text, csp: ARCHIVED_CSP };
  }
  if (kind === 'pdf') return pdfTextReply(archive, capture);
  if (kind === 'image') return fileReply(capture, bytes, imageType(bytes)!, 'inline', kind);
  return fileReply(capture, bytes, 'application/octet-stream', 'attachment', kind);
}

/** A PDF shown as the text its latest parse read (a page of ours, no viewer, no embedded script). */
function pdfTextReply(archive: Archive, capture: Capture): Reply {
  const parsed = captureParseText(archive, capture.id);
  const text = parsed?.text?.trim()
    ? `<pre class="pdf-text">${escapeHtml(parsed.text)}</pre>`
    : `<p>${parsed ? 'The parse read no text from this PDF (a scan?).' : 'This PDF has not been parsed yet.'} Download it to read it.</p>`;
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>PDF text of capture ${capture.id}</title>
<style>body{font:15px/1.6 system-ui,sans-serif;margin:1rem}pre{white-space:pre-wrap;font:inherit}</style></head>
<body><p><small>The PDF's text as parsed${parsed ? ` (parser ${escapeHtml(parsed.parserVersion)})` : ''}; the file itself is only downloaded, never opened here.</small></p>${text}</body></html>`;
  return { status: 200, contentType: 'text/html; charset=utf-8', body, csp: ARCHIVED_CSP };
}

/** `/capture/:id/raw`: the bytes as captured; plain images inline unless `download`, everything else (PDFs too) as a download. */
export function rawCapture(archive: Archive, captureId: number, download: boolean): Reply {
  const { capture, bytes } = loadCapture(archive, captureId);
  const kind = captureKind(capture, bytes);
  const type = kind === 'pdf' ? 'application/pdf' : kind === 'image' ? imageType(bytes)! : 'application/octet-stream';
  const inline = !download && kind === 'image';
  return fileReply(capture, bytes, type, inline ? 'inline' : 'attachment', kind);
}

function fileReply(capture: Capture, bytes: Buffer, type: string, how: 'inline' | 'attachment', kind: CaptureKind): Reply {
  return {
    status: 200, contentType: type, body: bytes, csp: kind === 'image' ? FILE_CSP : ARCHIVED_CSP,
    headers: {
      'Content-Disposition': disposition(how, downloadName(capture, kind), capture.id),
      // An archived page's frame is sandboxed, so its origin is opaque: its images count as cross-origin.
      ...(kind === 'image' ? { 'Cross-Origin-Resource-Policy': 'cross-origin' } : {}),
    },
  };
}
