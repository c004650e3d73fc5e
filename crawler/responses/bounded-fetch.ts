// One HTTP exchange with hard bounds, whatever the server does: the body is streamed and counted
// on the wire (compressed) and after gzip/deflate/br inflation, and aborted at the cap; the whole
// exchange (connect, headers, body, every redirect) ends at one deadline, so a server that promises
// a Content-Length and then holds the socket costs `timeoutMs`, not the OS's idea of a dead peer;
// every redirect hop is put to `checkUrl` before it is requested, and every address a host name
// resolves to is put to `checkAddress` before a socket is opened to it (no DNS rebinding between
// the check and the connection). Failures are FetchRefusal with a short code the crawl records.
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import zlib from 'node:zlib';
import type { LookupFunction } from 'node:net';

/** Why an exchange was cut short. */
export type RefusalCode = 'too_large' | 'timeout' | 'out_of_scope' | 'private_address' | 'redirect_loop' | 'bad_encoding' | 'network';

/** A fetch the crawler refused or gave up, with the code the summary counts. */
export class FetchRefusal extends Error {
  constructor(readonly code: RefusalCode, readonly detail: string, readonly url: string) {
    super(`${code}: ${detail}`);
    this.name = 'FetchRefusal';
  }

  /** Refusals that another attempt cannot change (a timeout or a reset might go better next time). */
  get isFinal(): boolean {
    return this.code !== 'timeout' && this.code !== 'network';
  }
}

/** What one bounded exchange needs. */
export interface BoundedRequest {
  url: string;
  method?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string | Buffer;
  /** Deadline for the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, counted both as received and as inflated. */
  maxBytes: number;
  /** At the cap: refuse the response (`too_large`, the default) or keep its first maxBytes (robots.txt). */
  overflow?: 'refuse' | 'truncate';
  maxRedirects?: number;
  /** Returns a refusal reason for a URL that must not be requested (a redirect hop out of scope). */
  checkUrl?: (url: string) => { code: RefusalCode; detail: string } | null;
  /** Returns a refusal reason for an address that must not be connected to (private, loopback). */
  checkAddress?: (address: string, host: string) => { code: RefusalCode; detail: string } | null;
  /** Told about each redirect before it is followed. */
  onRedirect?: (from: BoundedResponseHead, to: string) => void;
  signal?: AbortSignal;
  /** Check TLS certificates (default false: many portals serve expired or self-signed ones, as Crawlee's default). */
  rejectUnauthorized?: boolean;
  /** Accept slightly malformed response headers (default true, as got-scraping does). */
  insecureHTTPParser?: boolean;
  /** Keep-alive agents to reuse connections with (default: a fresh connection per request). */
  agents?: { http: http.Agent; https: https.Agent };
}

const DEFAULT_HEADERS: Record<string, string> = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
  'accept-encoding': 'gzip, deflate, br',
};

/** Status line and headers of one response. */
export interface BoundedResponseHead {
  url: string;
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A complete response: the last hop's head, the inflated body and the hops taken. */
export interface BoundedResponse extends BoundedResponseHead {
  body: Buffer;
  redirectUrls: string[];
  ip: string | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A DNS lookup that refuses (before any connection) every address `check` refuses. */
function checkedLookup(host: string, check: BoundedRequest['checkAddress'], onRefused: (r: FetchRefusal) => void, url: string): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return (callback as (e: Error) => void)(error);
      const list = addresses as dns.LookupAddress[];
      for (const entry of list) {
        const refusal = check?.(entry.address, host);
        if (refusal) {
          const failure = new FetchRefusal(refusal.code, refusal.detail, url);
          onRefused(failure);
          return (callback as (e: Error) => void)(failure);
        }
      }
      if ((options as { all?: boolean }).all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return (callback as (e: null, a: string, f: number) => void)(null, list[0].address, list[0].family);
    });
  };
}

function inflaterFor(encoding: string, first: Buffer): zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress | null {
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case 'gzip': case 'x-gzip': return zlib.createGunzip(options);
    // "deflate" is meant to be zlib-wrapped, but servers send raw deflate too: the first byte says which.
    case 'deflate': return (first[0] & 0x0f) === 8 && ((first[0] << 8) | (first[1] ?? 0)) % 31 === 0 ? zlib.createInflate(options) : zlib.createInflateRaw(options);
    case 'br': return zlib.createBrotliDecompress();
    default: return null;
  }
}

/** One request, no redirects followed: resolves with the head and the bounded, inflated body. */
function exchange(request: BoundedRequest, url: URL, method: string, body: string | Buffer | undefined, deadline: AbortSignal): Promise<BoundedResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let refusedAddress: FetchRefusal | null = null;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    // A literal IP address is never looked up: check it before any socket exists.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (/^[\d.]+$|:/.test(literal)) {
      const refusal = request.checkAddress?.(literal, url.hostname);
      if (refusal) { settled = true; reject(new FetchRefusal(refusal.code, refusal.detail, url.toString())); return; }
    }
    const client = url.protocol === 'https:' ? https : http;
    const headers = { ...(request.headers ?? {}) } as Record<string, string | string[]>;
    for (const key of Object.keys(headers)) if (headers[key] === undefined) delete headers[key];
    for (const [name, value] of Object.entries(DEFAULT_HEADERS)) if (!Object.keys(headers).some((k) => k.toLowerCase() === name)) headers[name] = value;
    const req = client.request(url, {
      method, headers, agent: (url.protocol === 'https:' ? request.agents?.https : request.agents?.http) ?? false,
      rejectUnauthorized: request.rejectUnauthorized ?? false, insecureHTTPParser: request.insecureHTTPParser ?? true,
      lookup: checkedLookup(url.hostname, request.checkAddress, (r) => { refusedAddress = r; }, url.toString()),
    });
    const onAbort = () => fail(new FetchRefusal('timeout', `no complete answer within ${request.timeoutMs} ms`, url.toString()));
    if (deadline.aborted) { onAbort(); return; }
    deadline.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => fail(refusedAddress ?? (error instanceof FetchRefusal ? error : new FetchRefusal('network', (error as NodeJS.ErrnoException).code ?? error.message, url.toString()))));
    req.on('close', () => deadline.removeEventListener('abort', onAbort));
    req.on('response', (res) => {
      const head: BoundedResponseHead = { url: url.toString(), statusCode: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers };
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBytes && request.overflow !== 'truncate') {
        fail(new FetchRefusal('too_large', `Content-Length ${declared} over the cap of ${request.maxBytes} bytes`, url.toString()));
        return;
      }
      // A redirect's body is never wanted.
      if (REDIRECTS.has(head.statusCode) || method === 'HEAD') {
        res.resume();
        settled = true;
        resolve({ ...head, body: Buffer.alloc(0), redirectUrls: [], ip: req.socket?.remoteAddress });
        req.destroy();
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
      const chunks: Buffer[] = [];
      let wire = 0;
      let inflated = 0;
      let inflater: ReturnType<typeof inflaterFor> | undefined;
      const finish = () => {
        if (settled) return;
        settled = true;
        resolve({ ...head, body: Buffer.concat(chunks).subarray(0, request.maxBytes), redirectUrls: [], ip: req.socket?.remoteAddress });
      };
      const tooLarge = (what: string) => {
        inflater?.destroy();
        if (request.overflow === 'truncate') { finish(); req.destroy(); return; }
        fail(new FetchRefusal('too_large', `${what} over the cap of ${request.maxBytes} bytes`, url.toString()));
      };
      const keep = (chunk: Buffer) => {
        if (settled) return;
        inflated += chunk.length;
        chunks.push(chunk);
        if (inflated > request.maxBytes) tooLarge(encoding && encoding !== 'identity' ? `inflated body (${encoding})` : 'body');
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        wire += chunk.length;
        if (inflater === undefined) {
          inflater = encoding && encoding !== 'identity' ? inflaterFor(encoding, chunk) : null;
          if (inflater) {
            inflater.on('data', keep);
            inflater.on('error', (error) => fail(new FetchRefusal('bad_encoding', `${encoding}: ${error.message}`, url.toString())));
            inflater.on('end', finish);
          }
        }
        if (!inflater) { keep(chunk); return; }
        if (wire > request.maxBytes) { tooLarge('compressed body'); return; }
        inflater.write(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        if (inflater) inflater.end();
        else finish();
      });
      res.on('aborted', () => fail(new FetchRefusal('network', 'connection closed before the body ended', url.toString())));
      res.on('error', (error) => fail(new FetchRefusal('network', error.message, url.toString())));
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** Fetches `request.url`, following redirects (each hop checked), within the deadline and the cap. */
export async function boundedFetch(request: BoundedRequest): Promise<BoundedResponse> {
  const deadline = request.signal
    ? AbortSignal.any([AbortSignal.timeout(request.timeoutMs), request.signal])
    : AbortSignal.timeout(request.timeoutMs);
  const maxRedirects = request.maxRedirects ?? 8;
  let url = new URL(request.url);
  let method = (request.method ?? 'GET').toUpperCase();
  let body = request.body;
  const hops: string[] = [];
  for (;;) {
    const refusal = request.checkUrl?.(url.toString());
    if (refusal) throw new FetchRefusal(refusal.code, refusal.detail, url.toString());
    const response = await exchange(request, url, method, body, deadline);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode) || !location || maxRedirects === 0) return { ...response, redirectUrls: hops };
    if (hops.length >= maxRedirects) throw new FetchRefusal('redirect_loop', `more than ${maxRedirects} redirects`, request.url);
    let next: URL;
    try {
      next = new URL(String(Array.isArray(location) ? location[0] : location), url);
    } catch {
      return { ...response, redirectUrls: hops };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchRefusal('out_of_scope', `redirect to ${next.protocol} URL`, next.toString());
    request.onRedirect?.(response, next.toString());
    if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    hops.push(next.toString());
    url = next;
  }
}
