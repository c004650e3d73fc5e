// The HTTP server of `nianbao serve`: GET and HEAD for pages, POST with this server's token for
// heavy work (exports, the SQL box); every response with security headers; a Host header naming
// anything but this server refused (DNS rebinding); errors as pages (never a crash, never a stack
// trace to the browser).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Archive } from '../../storage/index.ts';
import { escapeHtml } from './html.ts';
import { errorPage } from './layout.ts';
import { BadRequest, htmlReply, NotFound, type Reply } from './reply.ts';
import { findRoute, type ServeContext } from './routes.ts';
import { securityHeaders } from './security-headers.ts';

/** Where to listen; port 0 picks a free one. */
export interface ServeOptions {
  host: string;
  port: number;
  /** Called for requests that failed with a 500, so the command can log them. */
  onError?: (error: unknown, url: string) => void;
  /** Host names besides loopback ones and the bound address that browsers may use to reach the server. */
  allowedHosts?: string[];
}

/** Host names always accepted: the loopback names a browser on this machine uses. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** The largest POST body read (a SQL query, a token): a bigger one is refused, not buffered. */
const MAX_POST_BYTES = 64 * 1024;

/** The host name of a Host header (lower case, port removed; IPv6 kept in brackets), or null when malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.exec(header.trim());
  return match ? match[1].toLowerCase().replace(/\.$/, '') : null;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams | 'too-large' | 'bad-type'> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return 'bad-type';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_POST_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function tokenMatches(given: string | null, token: string): boolean {
  const a = Buffer.from(given ?? '', 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** A running server: its base URL and how to stop it. */
export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

async function answer(context: ServeContext, request: IncomingMessage, options: ServeOptions, allowedHosts: Set<string>): Promise<Reply> {
  const host = hostName(request.headers.host);
  if (!host || !allowedHosts.has(host)) {
    return htmlReply(errorPage(421, `This server answers only to ${[...allowedHosts].join(', ')} (Host header "${request.headers.host ?? ''}" refused: a page from another site may not reach the archive).`), 421);
  }
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    return { ...htmlReply(errorPage(405, 'This archive browser only reads: GET and HEAD for pages, POST with a token for exports and SQL.'), 405), headers: { Allow: 'GET, HEAD, POST' } };
  }
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return htmlReply(errorPage(400, 'Malformed URL.'), 400);
  }
  const route = findRoute(url.pathname, method);
  if (!route) return htmlReply(errorPage(404, `Nothing at ${url.pathname}.`), 404);
  if ('allow' in route) {
    const why = method === 'POST' ? `${url.pathname} is a page: GET it.` : `${url.pathname} is heavy work: it is started by a button on this server's pages (POST with a token), not by a link.`;
    return { ...htmlReply(errorPage(405, why), 405), headers: { Allow: route.allow.join(', ') } };
  }
  let params = url.searchParams;
  if (method === 'POST') {
    // A form posted from another site: refused before reading it (browsers say so in Sec-Fetch-Site).
    const site = request.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') return htmlReply(errorPage(403, 'A request from another site is refused.'), 403);
    const form = await readForm(request);
    if (form === 'too-large') return htmlReply(errorPage(413, `The form is larger than ${MAX_POST_BYTES / 1024} KiB.`), 413);
    if (form === 'bad-type') return htmlReply(errorPage(415, 'POST wants a form (application/x-www-form-urlencoded).'), 415);
    if (!tokenMatches(form.get('token'), context.token)) return htmlReply(errorPage(403, 'The form token is missing or stale: reload the page and press the button again.'), 403);
    params = form;
  }
  try {
    return route.answer(context, route.match, params);
  } catch (error) {
    if (error instanceof NotFound) return htmlReply(errorPage(404, error.message), 404);
    if (error instanceof BadRequest) return htmlReply(errorPage(400, error.message), 400);
    options.onError?.(error, url.pathname + url.search);
    return htmlReply(errorPage(500, `The page failed: ${(error as Error).message ?? String(error)}`), 500);
  }
}

function send(response: ServerResponse, reply: Reply, headOnly: boolean): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const length = Buffer.isBuffer(body) ? body.byteLength : statSync(body.path).size;
  response.writeHead(reply.status, {
    ...securityHeaders(reply.csp),
    'Content-Type': reply.contentType,
    'Content-Length': String(length),
    ...reply.headers,
  });
  if (Buffer.isBuffer(body)) { response.end(headOnly ? undefined : body); return; }
  if (headOnly) { body.cleanup(); response.end(); return; }
  const stream = createReadStream(body.path);
  stream.on('close', () => body.cleanup());
  stream.on('error', () => response.destroy());
  response.on('close', () => stream.destroy()); // a client that goes away mid-download
  stream.pipe(response);
}

/** Starts serving the archive (which should be opened read-only) and resolves once listening. */
export function startServer(archive: Archive, options: ServeOptions): Promise<RunningServer> {
  const context: ServeContext = { archive, token: randomBytes(24).toString('base64url') };
  const allowedHosts = new Set([...LOOPBACK_NAMES, ...(options.allowedHosts ?? []).map((h) => hostName(h) ?? h.toLowerCase())]);
  const server = createServer((request, response) => {
    answer(context, request, options, allowedHosts)
      .then((reply) => send(response, reply, request.method === 'HEAD'))
      .catch((error) => {
        options.onError?.(error, request.url ?? '');
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders("default-src 'none'") });
        response.end(`internal error: ${escapeHtml(String((error as Error)?.message ?? error))}`);
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      // The bound address is a name browsers use too (unless it is a wildcard, which names no one).
      if (!['0.0.0.0', '[::]'].includes(host)) allowedHosts.add(host.toLowerCase());
      resolve({
        server,
        url: `http://${host}:${address.port}`,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
