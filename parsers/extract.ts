// Picks the extractor for a document's detected format. Every extractor turns bytes into the same
// ExtractedDocument (rows of cells with provenance), so the field mapping is format-neutral.
import { detectFormat } from './document/detect-format.ts';
import { UnreadableDocumentError } from './document/errors.ts';
import type { ExtractedDocument, ParseHints } from './document/types.ts';

/** Documents larger than this are refused before any work (a runaway download, a video). */
export const MAX_DOCUMENT_BYTES = 40 * 1024 * 1024;

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
      return (await import('./pdf/index.ts')).extractPdf(bytes);
    case 'docx':
      return (await import('./word/docx.ts')).extractDocx(bytes);
    case 'ole':
      return (await import('./word/doc.ts')).extractDoc(bytes);
    case 'rtf':
      return (await import('./word/rtf.ts')).extractRtf(bytes);
    case 'image':
      return (await import('./ocr/image.ts')).extractImage(bytes);
    case 'zip':
      throw new UnreadableDocumentError('a ZIP archive that is not a Word (DOCX) document', 'not_docx');
    default:
      throw new UnreadableDocumentError('binary data of no known document format', 'unknown_format');
  }
}
