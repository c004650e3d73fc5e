// The HTTP server of `nianbao serve`: GET and HEAD only, every response with security headers,
// errors as pages (never a crash, never a stack trace to the browser).
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Archive } from '../../storage/index.ts';
import { escapeHtml } from './html.ts';
import { errorPage } from './layout.ts';
import { BadRequest, htmlReply, NotFound, type Reply } from './reply.ts';
import { findRoute } from './routes.ts';
import { securityHeaders } from './security-headers.ts';

/** Where to listen; port 0 picks a free one. */
export interface ServeOptions {
  host: string;
  port: number;
  /** Called for requests that failed with a 500, so the command can log them. */
  onError?: (error: unknown, url: string) => void;
}

/** A running server: its base URL and how to stop it. */
export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function answer(archive: Archive, request: IncomingMessage, onError?: ServeOptions['onError']): Reply {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { ...htmlReply(errorPage(405, 'This archive browser only reads: GET and HEAD are the only methods.'), 405), headers: { Allow: 'GET, HEAD' } };
  }
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return htmlReply(errorPage(400, 'Malformed URL.'), 400);
  }
  const route = findRoute(url.pathname);
  if (!route) return htmlReply(errorPage(404, `Nothing at ${url.pathname}.`), 404);
  try {
    return route.answer(archive, route.match, url.searchParams);
  } catch (error) {
    if (error instanceof NotFound) return htmlReply(errorPage(404, error.message), 404);
    if (error instanceof BadRequest) return htmlReply(errorPage(400, error.message), 400);
    onError?.(error, url.pathname + url.search);
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
  const server = createServer((request, response) => {
    try {
      send(response, answer(archive, request, options.onError), request.method === 'HEAD');
    } catch (error) {
      options.onError?.(error, request.url ?? '');
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders("default-src 'none'") });
      response.end(`internal error: ${escapeHtml(String((error as Error)?.message ?? error))}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${host}:${address.port}`,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
