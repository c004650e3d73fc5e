// A farm of simulated county portals on loopback, each on its own address (127.0.0.2, .3 …) so
// per-host politeness is real. It knows the truth: which URLs are reports, of which organ and year.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnHosts } from './loopback-hosts.ts';
import { PORTALS } from './portals.ts';
import type { BuildContext, FarmPortal, FarmRequest, PortalDefinition, Reply, Route, TrueReport } from './types.ts';

export type { FarmPortal, TrueReport } from './types.ts';
export { compressionBomb } from './compression-bomb.ts';
export { listenOnHosts } from './loopback-hosts.ts';

export interface FarmLogEntry {
  host: string;
  method: string;
  path: string;
  status: number;
  at: number;
  userAgent?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

export interface Farm {
  portals: FarmPortal[];
  truth: TrueReport[];
  lookalikes: string[];
  challengeHosts: string[];
  robotsForbidden: string[];
  requests: FarmLogEntry[];
  resetLog(): void;
  setNight(night: number): void;
  stop(): Promise<void>;
}

export interface FarmOptions {
  port?: number;
  night?: number;
  /** Delay of the slow host's responses. */
  slowDelayMs?: number;
  /**
   * How many portals to serve (default: one of each definition). More than that repeats the
   * definitions on further loopback hosts (127.0.0.17 …), the copies' ids suffixed `~1`, `~2` …,
   * so a benchmark can crawl 100 portals at once.
   */
  portals?: number;
}

/** Last-Modified of everything first published on night 1. */
const NIGHT_ONE = 'Mon, 15 Jan 2024 08:00:00 GMT';

interface Built {
  def: PortalDefinition;
  host: string;
  pages: Map<string, Reply>;
  dynamic?: Route;
}

function hostOf(index: number): string {
  return `127.0.0.${index + 2}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function etagOf(body: Buffer | string): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

function notModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm === etag;
  const ims = req.headers['if-modified-since'];
  return Boolean(ims && Date.parse(ims) >= Date.parse(lastModified));
}

export async function startFarm(options: FarmOptions = {}): Promise<Farm> {
  let night = options.night ?? 1;
  const truth: TrueReport[] = [];
  const lookalikes: string[] = [];
  const robotsForbidden: string[] = [];
  const requests: FarmLogEntry[] = [];
  let port = options.port ?? 0;
  let built: Built[] = [];

  function build(): void {
    truth.length = 0;
    lookalikes.length = 0;
    robotsForbidden.length = 0;
    const count = options.portals ?? PORTALS.length;
    if (!Number.isInteger(count) || count < 1 || count > 250) throw new Error(`farm portals must be 1…250, got ${count}`);
    built = Array.from({ length: count }, (_, i) => {
      const copy = Math.floor(i / PORTALS.length);
      const base = PORTALS[i % PORTALS.length];
      const def: PortalDefinition = copy === 0 ? base : { ...base, id: `${base.id}~${copy}`, name: `${base.name}~${copy}` };
      const host = hostOf(i);
      const baseUrl = `http://${host}:${port}`;
      const ctx: BuildContext = {
        night, baseUrl, portalId: def.id,
        addReport: (r) => truth.push({ portalId: def.id, ...r }),
        addLookalike: (url) => lookalikes.push(url),
        forbid: (url) => robotsForbidden.push(url),
      };
      const { pages, dynamic } = def.build(ctx);
      return { def, host, pages, dynamic };
    });
  }

  async function handle(site: Built, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${site.host}`);
    const request: FarmRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: await readBody(req), headers: req.headers };
    const reply = site.pages.get(url.pathname + url.search) ?? (url.search ? undefined : site.pages.get(url.pathname)) ?? site.dynamic?.(request)
      ?? { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>404 页面不存在</h1></body></html>' };
    const delay = reply.delayMs ?? (site.def.slowDelayMs !== undefined ? options.slowDelayMs ?? site.def.slowDelayMs : 0);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    let status = reply.status ?? 200;
    const headers = { ...reply.headers };
    let body: Buffer | string = reply.body ?? '';
    if (status === 200) {
      const etag = etagOf(body);
      const lastModified = reply.lastModified ?? NIGHT_ONE;
      Object.assign(headers, { etag, 'last-modified': lastModified });
      if (notModified(req, etag, lastModified)) { status = 304; body = ''; }
    }
    requests.push({
      host: site.host, method: request.method, path: url.pathname + url.search, status, at: Date.now(),
      userAgent: req.headers['user-agent'], ifNoneMatch: req.headers['if-none-match'] as string | undefined,
      ifModifiedSince: req.headers['if-modified-since'] as string | undefined,
    });
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  // Handlers read built[index] at request time, so setNight's rebuilt tables take effect at once.
  build();
  const hosts = await listenOnHosts(built.map((b) => b.host), port, (index, req, res) => handle(built[index], req, res), (known) => {
    port = known;
    build(); // again, now that the port is known, so every URL in the truth carries it
  });

  const portals: FarmPortal[] = built.map((b) => ({
    id: b.def.id, name: b.def.name, family: b.def.family, host: b.host, notes: b.def.notes, divisionCode: b.def.divisionCode,
    baseUrl: `http://${b.host}:${port}/`, homeUrl: `http://${b.host}:${port}/`,
  }));
  return {
    portals, truth, lookalikes, robotsForbidden, requests,
    challengeHosts: built.filter((b) => b.def.challenge).map((b) => b.host),
    resetLog: () => { requests.length = 0; },
    setNight: (n) => { night = n; build(); },
    stop: hosts.stop,
  };
}
