// What a route hands back: status, type, body and any extra headers. The server adds the
// security headers; a route chooses only which policy applies (page, archived HTML or file).
import { PAGE_CSP } from './security-headers.ts';
import type { SafeHtml } from './html.ts';

/** One response, before the server writes it. */
export interface Reply {
  status: number;
  contentType: string;
  /** The body, or a file to stream (large exports) and a clean-up to run once it is sent. */
  body: string | Buffer | StreamedFile;
  csp: string;
  headers?: Record<string, string>;
}

/** A file sent in chunks rather than read whole into memory. */
export interface StreamedFile {
  path: string;
  cleanup(): void;
}

/** A page of the browser's own, under the page policy. */
export function htmlReply(page: SafeHtml, status = 200): Reply {
  return { status, contentType: 'text/html; charset=utf-8', body: page.value, csp: PAGE_CSP };
}

/** Thrown by a route for an id or path that does not exist; the server answers 404. */
export class NotFound extends Error {}

/** Thrown by a route for a malformed parameter; the server answers 400 with the message. */
export class BadRequest extends Error {}
