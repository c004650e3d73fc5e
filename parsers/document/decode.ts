// Turns bytes into text the way portals need it: BOM, then the HTTP header (unless it claims UTF-8
// and the bytes are not), then <meta charset>, then UTF-8 if valid, else GB18030 (a superset of
// GBK and GB2312, so older Chinese pages decode whatever they declare).
import iconv from 'iconv-lite';
import { utf16Encoding } from './detect-format.ts';

export interface DecodedText {
  text: string;
  encoding: string;
  /** Where the encoding was learned: bom (a BOM, or UTF-16's zero bytes without one), header, meta, utf8-valid or fallback. */
  decidedBy: 'bom' | 'header' | 'meta' | 'utf8-valid' | 'fallback';
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Normalises the Chinese aliases to the decoder we use for all of them. */
function canonicalEncoding(label: string): string | null {
  const name = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|windows-936)$/.test(name)) return 'gb18030';
  if (/^utf-?8$/.test(name)) return 'utf-8';
  if (/^(big5|big5-hkscs)$/.test(name)) return 'big5';
  return iconv.encodingExists(name) ? name : null;
}

/** A BOM, or UTF-16 without one (recognised by its zero bytes): bytes say so more surely than any label. */
function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  return utf16Encoding(bytes);
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const match = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i);
  return match ? match[1] : null;
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(Buffer.from(bytes), encoding);
}

/** Decodes an HTML (or any markup) body; `headerCharset` is the charset of the HTTP Content-Type, if any. */
export function decodeHtmlBytes(bytes: Uint8Array, headerCharset?: string): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.skip), bom.encoding), encoding: bom.encoding, decidedBy: 'bom' };
  const fromHeader = headerCharset ? canonicalEncoding(headerCharset) : null;
  const utf8Valid = isValidUtf8(bytes);
  if (fromHeader && !(fromHeader === 'utf-8' && !utf8Valid)) {
    return { text: decodeAs(bytes, fromHeader), encoding: fromHeader, decidedBy: 'header' };
  }
  const declared = metaCharset(bytes);
  const fromMeta = declared ? canonicalEncoding(declared) : null;
  // A page that declares UTF-8 in <meta> but is not valid UTF-8 is one more wrong declaration.
  if (fromMeta && !(fromMeta === 'utf-8' && !utf8Valid)) {
    return { text: decodeAs(bytes, fromMeta), encoding: fromMeta, decidedBy: 'meta' };
  }
  return decodePlainBytes(bytes);
}

/** Decodes a plain-text document: BOM, UTF-8 if valid, else GB18030. */
export function decodePlainBytes(bytes: Uint8Array): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.skip), bom.encoding), encoding: bom.encoding, decidedBy: 'bom' };
  if (isValidUtf8(bytes)) return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', decidedBy: 'utf8-valid' };
  return { text: decodeAs(bytes, 'gb18030'), encoding: 'gb18030', decidedBy: 'fallback' };
}

/** The charset parameter of a Content-Type header value, if any. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1];
}
