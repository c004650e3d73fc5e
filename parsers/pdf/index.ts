// PDF reader: rebuilds rows and cells from the text layer's positions (pdfjs-dist), not from a
// flattened text stream. A PDF without a text layer comes back as `scanned`: the dispatcher
// (extract.ts) then hands it to the OCR reader (ocr/).
import { createRequire } from 'node:module';
import path from 'node:path';
import { UnreadableDocumentError } from '../document/errors.ts';
import { onePdfAtATime } from './one-at-a-time.ts';
import { checkStreamBounds } from './stream-bounds.ts';
import { withSyncInflate } from './sync-inflate.ts';
import { pageRows, type PositionedItem } from '../document/positioned/rows.ts';
import type { ExtractedDocument, Row } from '../document/types.ts';

/** More pages than any annual report has; the rest of a huge PDF is ignored with a warning. */
export const MAX_PDF_PAGES = 200;

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

type PdfDocument = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs')['getDocument']>['promise']>;

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
// The minified builds: the same code as pdf.mjs and pdf.worker.mjs (pdfjs makes both from one
// source), half the bytes for V8 to parse and compile when a process first reads a PDF (about
// 35 ms less each on this machine). Their names are strings so TypeScript takes the types from
// pdf.mjs (no declarations are shipped for the minified files, nor for the worker).
const PDFJS: string = 'pdfjs-dist/legacy/build/pdf.min.mjs';
const PDFJS_WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
let loading: Promise<Pdfjs> | null = null;

/** Puts back a built-in a polyfill replaced, with the attributes it had. */
function restore(owner: object, key: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor && Object.getOwnPropertyDescriptor(owner, key)?.value !== descriptor.value) Object.defineProperty(owner, key, descriptor);
}

/**
 * pdfjs, loaded lazily and once. The legacy build (the one that runs on Node 20: the modern build
 * needs DOMMatrix) carries core-js polyfills that replace `Array.prototype.push` (pdf.mjs and
 * pdf.worker.mjs) and `JSON.parse` (pdf.mjs) for the whole process — pushes about 4× slower, in
 * every reader and in the crawl. Both modules are loaded here (the worker handed to pdfjs as
 * `globalThis.pdfjsWorker`, so it does not import it later) and the native functions put back.
 * The polyfills only add what Node 20 lacks otherwise (Set methods, iterator helpers, …).
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push');
    const parse = Object.getOwnPropertyDescriptor(JSON, 'parse');
    const skipsFonts = withoutCanvasSystemFonts();
    try {
      const [pdfjs, worker] = await Promise.all([import(PDFJS) as Promise<Pdfjs>, import(PDFJS_WORKER) as Promise<object>]);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
      return pdfjs;
    } finally {
      restore(Array.prototype, 'push', push);
      restore(JSON, 'parse', parse);
      if (skipsFonts) delete process.env.DISABLE_SYSTEM_FONTS_LOAD;
    }
  })();
  return loading;
}

/**
 * pdf.mjs requires @napi-rs/canvas as it loads (for rendering, which we never do: the text layer
 * needs no canvas, scans are rendered by pdftoppm), and the canvas opens every system font file
 * as it loads unless DISABLE_SYSTEM_FONTS_LOAD is set (its documented switch). Set only while
 * pdfjs loads, and only when the user has not set it; true when it was set here.
 */
function withoutCanvasSystemFonts(): boolean {
  if (process.env.DISABLE_SYSTEM_FONTS_LOAD !== undefined) return false;
  process.env.DISABLE_SYSTEM_FONTS_LOAD = '1';
  return true;
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: path.join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as Error)?.name ?? '';
    const message = (error as Error)?.message ?? String(error);
    if (name === 'PasswordException') throw new UnreadableDocumentError('PDF is encrypted with a password', 'pdf_encrypted');
    throw new UnreadableDocumentError(`PDF cannot be read: ${message}`, 'pdf_corrupt');
  }
}

async function pageItems(doc: PdfDocument, pageNumber: number): Promise<PositionedItem[]> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const items: PositionedItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [, , , d, x, y] = item.transform as number[];
    items.push({ text: item.str, x, y, width: item.width, height: Math.abs(d) || item.height, page: pageNumber });
  }
  page.cleanup();
  return items;
}

function isoDate(pdfDate: unknown): string | undefined {
  const m = /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?/.exec(String(pdfDate ?? ''));
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

async function readMeta(doc: PdfDocument): Promise<Record<string, string>> {
  const meta: Record<string, string> = {};
  const info = ((await doc.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
  for (const key of ['Title', 'Author', 'Producer', 'Creator']) {
    if (typeof info[key] === 'string' && (info[key] as string).trim()) meta[key] = (info[key] as string).trim();
  }
  const created = isoDate(info.CreationDate);
  if (created) meta.CreationDate = created;
  return meta;
}

/** What the text layer gave: the document, or (an image-only PDF) what OCR needs to read it instead. */
export type PdfReading =
  | { kind: 'text-layer'; document: ExtractedDocument }
  | { kind: 'scanned'; pageCount: number; totalPages: number; meta: Record<string, string>; warnings: string[] };

/**
 * Reads a PDF's text layer into rows; an image-only PDF is reported as `scanned`. Readings are
 * queued, one document open at a time (one-at-a-time.ts): pdfjs shares page counts across documents.
 * Its Flate streams are inflated synchronously meanwhile (sync-inflate.ts).
 */
export async function readPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfReading> {
  checkStreamBounds(bytes);
  return onePdfAtATime(() => withSyncInflate(() => readPdfAlone(bytes, signal)));
}

function cancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UnreadableDocumentError('parse cancelled (its AbortSignal fired)', 'cancelled');
}

async function readPdfAlone(bytes: Uint8Array, signal?: AbortSignal): Promise<PdfReading> {
  cancelled(signal);
  const doc = await openPdf(bytes);
  try {
    const warnings: string[] = [];
    const pageCount = Math.min(doc.numPages, MAX_PDF_PAGES);
    if (doc.numPages > MAX_PDF_PAGES) warnings.push(`only the first ${MAX_PDF_PAGES} of ${doc.numPages} pages read`);
    const rows: Row[] = [];
    let characters = 0;
    let pagesRead = 0;
    for (let n = 1; n <= pageCount; n++) {
      cancelled(signal);
      let items: PositionedItem[];
      try {
        items = await pageItems(doc, n);
      } catch (error) {
        warnings.push(`page ${n} unreadable: ${(error as Error).message}`);
        continue;
      }
      pagesRead += 1;
      characters += items.reduce((sum, i) => sum + i.text.trim().length, 0);
      rows.push(...pageRows(items));
    }
    const meta = await readMeta(doc);
    if (characters < 20 * pageCount && characters < 200) return { kind: 'scanned', pageCount, totalPages: doc.numPages, meta, warnings };
    const text = rows.map((r) => r.cells.map((c) => c.text).join(' ')).join('\n');
    return { kind: 'text-layer', document: { format: 'pdf', text, rows, containerTitle: meta.Title, meta, pages: doc.numPages, pagesRead, warnings } };
  } finally {
    await doc.destroy().catch(() => {});
  }
}
