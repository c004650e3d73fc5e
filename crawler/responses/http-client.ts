// The HTTP client Crawlee's HttpCrawler fetches through (its `httpClient` option), in place of
// got-scraping: every exchange goes through boundedFetch, so a body is capped on the wire and after
// inflation, the whole exchange (body included) ends at the request timeout, and every redirect hop
// and every address is checked against the portal's scope before anything is sent. The body is
// read whole (within the cap) before Crawlee sees the response; Crawlee gets it back as a stream.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { NonRetryableError, type BaseHttpClient, type HttpRequest, type HttpResponse, type RedirectHandler, type ResponseTypes, type StreamingHttpResponse } from 'crawlee';
import { boundedFetch, FetchRefusal, type BoundedRequest, type RefusalCode } from './bounded-fetch.ts';

/** A refusal no retry can change (too large, out of scope, a private address, a redirect loop). */
export class FinalFetchRefusal extends NonRetryableError {
  constructor(readonly code: RefusalCode, readonly detail: string, readonly url: string) {
    super(`${code}: ${detail}`);
    this.name = 'FinalFetchRefusal';
  }
}

/** The bounds and checks every request of one crawl pass gets. */
export interface FetchPolicy {
  timeoutMs: number;
  maxBytes: number;
  checkUrl: BoundedRequest['checkUrl'];
  checkAddress: BoundedRequest['checkAddress'];
}

function asFinal(error: unknown): unknown {
  if (error instanceof FetchRefusal && error.isFinal) return new FinalFetchRefusal(error.code, error.detail, error.url);
  return error;
}

function bodyOf(body: HttpRequest['body']): string | Buffer | undefined {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) return body;
  throw new Error('bounded HTTP client: only string or Buffer request bodies are supported');
}

function maxRedirectsOf(request: HttpRequest): number {
  if (request.followRedirect === false) return 0;
  return typeof request.maxRedirects === 'number' ? request.maxRedirects : 8;
}

/** A Crawlee HTTP client that never reads more than the policy allows. */
export class BoundedHttpClient implements BaseHttpClient {
  /** Connections are kept alive between requests to a host, as a browser (and got) would. */
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) };

  /** One policy, or the policy of each request (a run's one client serving many portals). */
  constructor(private readonly policy: FetchPolicy | ((request: HttpRequest) => FetchPolicy)) {}

  /** Closes the idle connections. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async fetch(request: HttpRequest, onRedirect?: RedirectHandler) {
    try {
      const policy = typeof this.policy === 'function' ? this.policy(request) : this.policy;
      return await boundedFetch({
        url: String(request.url), method: request.method, headers: request.headers, body: bodyOf(request.body),
        timeoutMs: policy.timeoutMs, maxBytes: policy.maxBytes, maxRedirects: maxRedirectsOf(request),
        checkUrl: policy.checkUrl, checkAddress: policy.checkAddress, signal: request.signal,
        rejectUnauthorized: (request.https as { rejectUnauthorized?: boolean } | undefined)?.rejectUnauthorized ?? false,
        insecureHTTPParser: request.insecureHTTPParser ?? true, agents: this.agents,
        onRedirect: onRedirect && ((from, to) => onRedirect({ ...from, redirectUrls: [], trailers: {}, complete: true }, { url: to, headers: {} })),
      });
    } catch (error) {
      throw asFinal(error);
    }
  }

  async sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    const response = await this.fetch(request as HttpRequest);
    const type = request.responseType ?? 'text';
    const body = type === 'buffer' ? response.body : type === 'json' ? JSON.parse(response.body.toString('utf8')) : response.body.toString(request.encoding ?? 'utf8');
    return {
      url: response.url, statusCode: response.statusCode, statusMessage: response.statusMessage, headers: response.headers,
      trailers: {}, complete: true, redirectUrls: response.redirectUrls.map((u) => new URL(u)), ip: response.ip,
      request: request as HttpRequest<T>, body,
    } as HttpResponse<T>;
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const response = await this.fetch(request, onRedirect);
    const size = response.body.length;
    return {
      url: response.url, statusCode: response.statusCode, statusMessage: response.statusMessage, headers: response.headers,
      trailers: {}, complete: true, redirectUrls: response.redirectUrls.map((u) => new URL(u)), ip: response.ip,
      request, stream: Readable.from(size ? [response.body] : []),
      downloadProgress: { percent: 1, transferred: size, total: size },
      uploadProgress: { percent: 1, transferred: 0, total: 0 },
    };
  }
}
