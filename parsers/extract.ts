// The dispatcher: picks the format reader for a document's format, detected from its bytes. Every
// reader (html/, pdf/, word/, ocr/, text/) turns bytes into the same ExtractedDocument (rows of cells
// with provenance), so the report steps (report/) are format-neutral. Where one format needs
// another (a PDF without a text layer is read by OCR; an OLE file or a ZIP may be a spreadsheet), the
// decision is taken here.
import { detectFormat } from './document/detect-format.ts';
import { UnreadableDocumentError } from './document/errors.ts';
import type { ExtractedDocument, ParseHints } from './document/types.ts';

/** Documents larger than this are refused before any work (a runaway download, a video). */
export const MAX_DOCUMENT_BYTES = 40 * 1024 * 1024;

/** Turns one document's bytes into the common document; an unreadable one throws UnreadableDocumentError. */
export async function extractDocument(bytes: Uint8Array, hints: ParseHints = {}): Promise<ExtractedDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new UnreadableDocumentError(
      `document is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${MAX_DOCUMENT_BYTES / 1048576} MiB limit`,
      'too_large',
    );
  }
  const format = detectFormat(bytes);
  switch (format) {
    case 'empty':
      throw new UnreadableDocumentError('document is empty (0 bytes)', 'empty');
    case 'html':
      return (await import('./html/index.ts')).extractHtml(bytes, hints);
    case 'text':
      return (await import('./text/index.ts')).extractText(bytes, hints);
    case 'pdf':
      return extractPdf(bytes, hints);
    case 'docx':
      return (await import('./word/index.ts')).extractDocx(bytes);
    case 'ole':
      return extractOle(bytes);
    case 'rtf':
      return (await import('./word/index.ts')).extractRtf(bytes);
    case 'image':
      refuseIfOcrDeferred(hints, 'an image');
      return (await import('./ocr/index.ts')).extractImage(bytes, hints.signal);
    case 'zip':
      return extractZip(bytes);
    default:
      throw new UnreadableDocumentError('binary data of no known document format', 'unknown_format');
  }
}

/**
 * Loads the readers of the formats a crawl meets (HTML, PDF with pdfjs, Word) ahead of the first
 * document: a parse worker does it while the crawl fetches its first pages, so the first report
 * page's parse — which the crawl waits for to know what to follow — does not pay ~0.8 s of loading.
 */
export async function loadReaders(): Promise<void> {
  await Promise.all([
    import('./html/index.ts'),
    import('./pdf/index.ts').then((pdf) => pdf.loadPdfjs()),
    import('./word/index.ts'),
  ]);
}

/** The code of a document left for a later OCR pass (hints.ocr 'later'). */
export const OCR_DEFERRED = 'ocr_deferred';

/** With OCR put off (hints.ocr 'later'), a document only OCR can read is refused with its reason. */
function refuseIfOcrDeferred(hints: ParseHints, what: string): void {
  if (hints.ocr !== 'later') return;
  throw new UnreadableDocumentError(`${what} that only OCR can read: left for later (nianbao reparse --failed ${OCR_DEFERRED})`, OCR_DEFERRED);
}

/** A PDF's text layer, or OCR of its pages when it has none (a scan). */
async function extractPdf(bytes: Uint8Array, hints: ParseHints): Promise<ExtractedDocument> {
  const reading = await (await import('./pdf/index.ts')).readPdf(bytes, hints.signal);
  if (reading.kind === 'text-layer') return reading.document;
  refuseIfOcrDeferred(hints, `a scanned PDF of ${reading.totalPages ?? reading.pageCount} page(s) without a text layer`);
  return (await import('./ocr/index.ts')).ocrPdf(bytes, reading, hints.signal);
}

/** The name of a ZIP entry appears in clear in its local header. */
function zipHas(bytes: Uint8Array, entry: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(entry, 'latin1'));
}

/**
 * A ZIP that is no DOCX: an XLSX workbook is read as a sheet; an OFD (GB/T 33190, a ZIP of XML
 * around OFD.xml) is refused with its reason — no maintained OFD reader exists for Node (ofd.js runs
 * only in a browser) — so it is recorded and can be read once one does.
 */
async function extractZip(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (zipHas(bytes, 'xl/workbook.xml')) return (await import('./sheet/index.ts')).extractSheet(bytes);
  if (zipHas(bytes, 'OFD.xml')) {
    throw new UnreadableDocumentError('OFD (GB/T 33190) documents are not read yet: no maintained OFD reader exists for Node', 'unsupported_format');
  }
  throw new UnreadableDocumentError('a ZIP archive that is not a Word (DOCX) document', 'not_docx');
}

/** An OLE file is a Word 97 document (DOC, WPS) or, when it holds a Workbook stream, an XLS/ET sheet. */
async function extractOle(bytes: Uint8Array): Promise<ExtractedDocument> {
  try {
    return await (await import('./word/index.ts')).extractDoc(bytes);
  } catch (error) {
    const workbook = error instanceof UnreadableDocumentError && error.code === 'not_word' && /\b(Workbook|Book)\b/.test(error.message);
    if (!workbook) throw error;
    return (await import('./sheet/index.ts')).extractSheet(bytes);
  }
}
