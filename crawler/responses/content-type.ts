// Small readers of the Content-Type header.

/** The charset parameter of a Content-Type value, if any. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1];
}

/** True when the body is markup or text a page handler should read (not a document file). */
export function isMarkup(contentType: string, bytes: Uint8Array): boolean {
  if (/html|xml/i.test(contentType)) return true;
  if (/json|pdf|msword|officedocument|octet-stream|image\/|zip|wps|ofd/i.test(contentType)) return false;
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<?xml') || head.includes('<head');
}

/** True for a JSON answer (a gkmlpt API page). */
export function isJson(contentType: string, bytes: Uint8Array): boolean {
  if (/json/i.test(contentType)) return true;
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  return head.startsWith('{') && /"(articles|total|data)"/.test(Buffer.from(bytes.subarray(0, 2000)).toString('latin1'));
}
