// Decides what a document is from its bytes (magic numbers, then a look at the text), never from
// its file name: portals serve PDFs named .html and Word files named .pdf.

export type DetectedFormat = 'pdf' | 'docx' | 'zip' | 'ole' | 'image' | 'html' | 'text' | 'rtf' | 'empty' | 'binary';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  return magic.every((b, i) => bytes[offset + i] === b);
}

function isImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) || // GIF
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF
    startsWith(bytes, [0x42, 0x4d]) // BMP
  );
}

/** A PDF header may follow a little junk (some servers prepend a BOM or whitespace). */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function zipHasEntry(bytes: Uint8Array, entryName: string): boolean {
  // Local file headers carry the entry name in clear; enough to tell a DOCX from another ZIP.
  return Buffer.from(bytes).includes(Buffer.from(entryName, 'latin1'));
}

/** RTF starts with {\rtf, possibly after a BOM or whitespace. */
export function isRtf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 16)).toString('latin1').replace(/^\uFEFF|^\s+/, '').startsWith('{\\rtf');
}

/**
 * UTF-16 text, from its BOM or, without one, from its markup: ASCII characters (tags, digits,
 * spaces) leave a zero byte at every odd (LE) or even (BE) position, and almost none at the other.
 */
export function utf16Encoding(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; skip: number } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.02) return { encoding: 'utf-16le', skip: 0 };
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.02) return { encoding: 'utf-16be', skip: 0 };
  return null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9) || (b > 13 && b < 32 && b !== 27)) control++;
  return control > sample.length * 0.05;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const utf16 = utf16Encoding(bytes);
  const sample = bytes.subarray(utf16?.skip ?? 0, 8192 + (utf16?.skip ?? 0));
  const head = (utf16 ? new TextDecoder(utf16.encoding).decode(sample) : Buffer.from(sample).toString('latin1')).toLowerCase();
  return /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<table[\s>]|<div[\s>]|<p[\s>]/.test(head);
}

export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes.length === 0) return 'empty';
  if (isPdf(bytes)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipHasEntry(bytes, 'word/document.xml') ? 'docx' : 'zip';
  if (startsWith(bytes, OLE_MAGIC)) return 'ole';
  if (isImage(bytes)) return 'image';
  // RTF is plain ASCII, so it must be told apart before the text/HTML guess (portals serve it as .doc).
  if (isRtf(bytes)) return 'rtf';
  // UTF-16 (with or without BOM) is text, though half its bytes are zeros.
  if (!utf16Encoding(bytes) && looksBinary(bytes)) return 'binary';
  return looksLikeHtml(bytes) ? 'html' : 'text';
}
