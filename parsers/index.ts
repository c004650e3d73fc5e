// The parsers' public face: bytes of one document in, the contract's parse result out.
// Pure: no network, no database, no files written.
import { extractDocument } from './extract.ts';
import { UnreadableDocumentError } from './document/errors.ts';
import { buildReport, emptyResult } from './report/index.ts';
import type { ParseHints, ParseResult } from './document/types.ts';

export { PARSER_VERSION } from './document/version.ts';
export { FIELD_SPECS, fieldKeysFor, fieldSpec, organYearOfTitle, toTraditional } from './report/index.ts';
export { extractDocument, loadReaders, OCR_DEFERRED } from './extract.ts';
export type { FieldSpec } from './report/index.ts';
export { detectFormat } from './document/detect-format.ts';
export type { GridTable, GreyImage } from './ocr/index.ts';
export { decodeHtmlBytes } from './document/decode.ts';
export { UnreadableDocumentError } from './document/errors.ts';
export * from './document/types.ts';

/**
 * Parses one report document. A document that cannot be read at all throws
 * UnreadableDocumentError (with a reason code); anything readable gives a result, with
 * `template: null` and a `reason` when it is not a report.
 */
export async function parseDocument(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParseResult> {
  const document = await extractDocument(bytes, hints);
  return buildReport(document);
}

/**
 * The ruled tables of a page image, as OCR finds them (the photographed-paper fixtures use it).
 * Loaded on request: the OCR reader is some twenty modules a text-layer parse never needs.
 */
export async function loadTableFinder(): Promise<typeof import('./ocr/index.ts').findTables> {
  return (await import('./ocr/index.ts')).findTables;
}

/** Like parseDocument, but an unreadable document becomes a result with its reason instead of a throw. */
export async function parseDocumentSafely(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParseResult> {
  try {
    return await parseDocument(bytes, hints);
  } catch (error) {
    if (error instanceof UnreadableDocumentError) return emptyResult(`${error.code}: ${error.message}`);
    throw error;
  }
}

export { ParsePool, ParseWorkerError, defaultParseJobs } from './pool/index.ts';
export type { DocumentParser } from './pool/index.ts';
