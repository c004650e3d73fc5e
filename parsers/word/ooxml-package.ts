// Opens an OOXML (DOCX) package: unzips it safely and hands back its parts as text. A ZIP that
// is truncated, damaged or lacks word/document.xml is refused with a reason, never a crash.
import { unzipSync } from 'fflate';
import { UnreadableDocumentError } from '../document/errors.ts';

/** Parts larger than this (uncompressed) are refused: a zip bomb, not a report. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/** The XML parts of a Word package that the extractor reads. */
export interface WordPackage {
  documentXml: string;
  coreXml?: string;
}

const WANTED = new Set(['word/document.xml', 'docProps/core.xml']);

function unzipParts(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!WANTED.has(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) {
          throw new UnreadableDocumentError(`DOCX part ${file.name} unpacks to ${file.originalSize} bytes`, 'docx_too_large');
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreadableDocumentError(`the DOCX (ZIP) container is damaged or truncated: ${reason}`, 'docx_damaged');
  }
}

/** Reads word/document.xml (required) and docProps/core.xml (optional) from DOCX bytes. */
export function openWordPackage(bytes: Uint8Array): WordPackage {
  const parts = unzipParts(bytes);
  const document = parts['word/document.xml'];
  if (!document) throw new UnreadableDocumentError('a ZIP archive without word/document.xml is not a Word (DOCX) document', 'not_docx');
  const decoder = new TextDecoder('utf-8');
  const core = parts['docProps/core.xml'];
  return { documentXml: decoder.decode(document), coreXml: core ? decoder.decode(core) : undefined };
}
