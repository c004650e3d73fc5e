// A farm of real portal markup on loopback (issue 13). Each portal serves the files of one folder of
// ../shared/corpus/portals exactly as they are — read at serve time, with only the hosts in their
// links rewritten — on its own address (127.0.1.2, .3 …; per-host politeness stays real). Links to
// hosts that are no farm portal go to a closed loopback port. Where the path to the 年报 column needs
// pages the corpus lacks (the 信息公开 page, the lists, an API answer, the report pages), the portal
// writes them in its family's real format, each marked as written; the reports are the real documents
// of ../shared/corpus/peers and ../shared/seeds. The farm knows the truth: report URLs with organ and
// year, and the look-alikes.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnHosts } from '../farm/index.ts';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { REAL_PORTALS } from './portals/index.ts';
import type { Charset, RealBuild, RealPortalDefinition, RealRequest, RealTruth, Resource } from './types.ts';

export type { RealTruth, RealPortalDefinition } from './types.ts';
export { scoreRealCrawl, type PortalScore } from './score.ts';
export { REAL_PORTALS } from './portals/index.ts';
import { CORPUS_DIR as CORPUS } from './corpus.ts';
export { CORPUS_DIR } from './corpus.ts';

export interface RealFarmPortal {
  id: string;
  family: string;
  name: string;
  host: string;
  homeUrl: string;
  needsBrowser: boolean;
  notes: string;
}

export interface RealFarmRequest { host: string; method: string; path: string; status: number }

export interface RealFarm {
  portals: RealFarmPortal[];
  truth: RealTruth[];
  lookalikes: string[];
  requests: RealFarmRequest[];
  /** The loopback port nothing listens on, where links to other hosts point. */
  closedPort: number;
  resetLog(): void;
  stop(): Promise<void>;
}

const TLD = '(?:gov\\.cn|com\\.cn|org\\.cn|net\\.cn|edu\\.cn|cn|com|net|org|gov|edu|cc|info|top)';
const HOST_IN_TEXT = new RegExp(`(https?:)?//((?:[A-Za-z0-9-]+\\.)+${TLD})(:\\d+)?(?=[/:"'\\\\\\s?#)<>]|$)`, 'gi');

/** Rewrites the hosts of every absolute or protocol-relative URL in a text. */
export function rewriteHosts(text: string, hostMap: Map<string, string>, closedPort: number): string {
  return text.replace(HOST_IN_TEXT, (_whole, scheme: string | undefined, host: string) => {
    const target = hostMap.get(host.toLowerCase()) ?? `127.0.0.1:${closedPort}`;
    return `${scheme ? 'http:' : ''}//${target}`;
  });
}

function decode(bytes: Buffer, charset: Charset): string {
  if (charset === 'utf-16le') return iconv.decode(bytes, 'utf-16le').replace(/^\uFEFF/, '');
  if (charset === 'gbk') return iconv.decode(bytes, 'gb18030');
  return bytes.toString('utf8');
}

function encode(text: string, charset: Charset, hadBom: boolean): Buffer {
  if (charset === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
  if (charset === 'gbk') return iconv.encode(text, 'gbk');
  // A UTF-8 BOM decodes to U+FEFF and is encoded back with the text.
  void hadBom;
  return Buffer.from(text, 'utf8');
}

function contentTypeOf(path: string): string {
  const name = path.replace(/[?#].*$/, '');
  if (/\.js$/i.test(name)) return 'application/javascript';
  if (/\.pdf$/i.test(name)) return 'application/pdf';
  if (/\.json$/i.test(name)) return 'application/json';
  if (/\.docx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return 'text/html';
}

/** The bytes a resource is served as, hosts rewritten. */
export function renderResource(resource: Resource, corpusDir: string, path: string, hostMap: Map<string, string>, closedPort: number): { bytes: Buffer; contentType: string; status: number; headers: Record<string, string> } {
  if (resource.kind === 'corpus') {
    const raw = readFileSync(join(CORPUS, corpusDir, resource.file));
    const contentType = resource.contentType ?? contentTypeOf(resource.file);
    if (resource.charset === 'binary') return { bytes: raw, contentType, status: 200, headers: {} };
    const hadBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    const text = rewriteHosts(decode(raw, resource.charset), hostMap, closedPort);
    return { bytes: encode(text, resource.charset, hadBom), contentType, status: 200, headers: {} };
  }
  const charset = resource.charset ?? 'utf-8';
  const contentType = resource.contentType ?? `${contentTypeOf(path)}${charset === 'utf-8' && contentTypeOf(path) === 'text/html' ? '; charset=utf-8' : ''}`;
  if (Buffer.isBuffer(resource.body) || charset === 'binary') return { bytes: Buffer.from(resource.body), contentType, status: resource.status ?? 200, headers: resource.headers ?? {} };
  const text = rewriteHosts(resource.body, hostMap, closedPort);
  return { bytes: encode(text, charset, false), contentType, status: resource.status ?? 200, headers: rewriteHeaderHosts(resource.headers ?? {}, hostMap, closedPort) };
}

function rewriteHeaderHosts(headers: Record<string, string>, hostMap: Map<string, string>, closedPort: number): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, rewriteHosts(v, hostMap, closedPort)]));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function closedLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

interface Site {
  def: RealPortalDefinition;
  host: string;
  baseUrl: string;
  pages: Map<string, Resource>;
}

const NOT_FOUND = '<html><head><meta charset="utf-8"><title>404</title></head><body><h1>404 Not Found</h1></body></html>';

/** Starts the farm: one server per portal, on 127.0.1.2 … and one shared port. */
export async function startRealFarm(options: { portals?: readonly RealPortalDefinition[] } = {}): Promise<RealFarm> {
  const defs = options.portals ?? REAL_PORTALS;
  const closedPort = await closedLoopbackPort();
  const truth: RealTruth[] = [];
  const lookalikes: string[] = [];
  const requests: RealFarmRequest[] = [];
  let port = 0;
  let sites: Site[] = [];
  const hostMap = new Map<string, string>();

  function build(): void {
    truth.length = 0;
    lookalikes.length = 0;
    hostMap.clear();
    sites = defs.map((def, i) => ({ def, host: `127.0.1.${i + 2}`, baseUrl: `http://127.0.1.${i + 2}:${port}`, pages: new Map() }));
    for (const site of sites) for (const h of site.def.realHosts) hostMap.set(h.toLowerCase(), `${site.host}:${port}`);
    for (const site of sites) {
      const b: RealBuild = {
        baseUrl: site.baseUrl, pages: site.pages,
        report: (organ, year, path) => truth.push({ portalId: site.def.id, organ, year, url: site.baseUrl + path }),
        lookalike: (path) => lookalikes.push(site.baseUrl + path),
      };
      site.def.build(b);
    }
  }

  function resolve(site: Site, req: RealRequest): Resource | undefined {
    const full = req.path + (req.query.size ? `?${req.query}` : '');
    if (req.method === 'GET' || req.method === 'HEAD') {
      const hit = site.pages.get(full) ?? site.pages.get(decodeURIComponent(full)) ?? (req.query.size ? undefined : site.pages.get(req.path));
      if (hit) return hit;
    }
    const dynamic = site.def.dynamic?.(req, site.baseUrl);
    if (dynamic) return dynamic;
    // A saved page's script includes (static/js/<name>) wherever the page sits.
    const include = req.path.match(/\/static\/js\/([^/]+)$/);
    if (include && existsSync(join(CORPUS, site.def.corpus, 'static', 'js', basename(include[1])))) {
      const file = join('static', 'js', basename(include[1]));
      return { kind: 'corpus', file, charset: site.def.includeCharset ?? 'utf-8' };
    }
    return undefined;
  }

  async function handle(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${site.host}`);
    const request: RealRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: await readBody(req) };
    const resource = resolve(site, request);
    const out = resource
      ? renderResource(resource, site.def.corpus, url.pathname, hostMap, closedPort)
      : { bytes: Buffer.from(NOT_FOUND), contentType: 'text/html; charset=utf-8', status: 404, headers: {} };
    requests.push({ host: site.host, method: request.method, path: url.pathname + url.search, status: out.status });
    res.writeHead(out.status, { 'content-type': out.contentType, ...out.headers });
    res.end(req.method === 'HEAD' ? undefined : out.bytes);
  }

  build();
  const hosts = await listenOnHosts(sites.map((site) => site.host), port, (index, req, res) => handle(sites[index], req, res), (known) => {
    port = known;
    build(); // again, now that the port is known, so every URL in the truth carries it
  });
  return {
    portals: sites.map((s) => ({ id: s.def.id, family: s.def.family, name: s.def.name, host: s.host, homeUrl: `${s.baseUrl}/`, needsBrowser: Boolean(s.def.needsBrowser), notes: s.def.notes })),
    truth, lookalikes, requests, closedPort,
    resetLog: () => { requests.length = 0; },
    stop: hosts.stop,
  };
}
