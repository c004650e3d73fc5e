// The URL map of the browser: path pattern → what answers it. Every route only reads; the heavy
// ones (exports, the SQL box) are POST, and the server lets a POST through only with its token.
import type { Archive } from '../../storage/index.ts';
import { rawCapture, viewCapture } from './archived-view.ts';
import { assetReply } from './assets.ts';
import { idParam } from './params.ts';
import { htmlReply, type Reply } from './reply.ts';
import { capturePage } from './pages/capture-page.ts';
import { chartsPage } from './pages/charts-page.ts';
import { aboutView } from './pages/about-page.ts';
import { auditPage } from './pages/audit-page.ts';
import { coverageView } from './pages/coverage-page.ts';
import { exportDownload, exportPage } from './pages/export-page.ts';
import { fieldsPage, fieldView, namedQueryView, queriesPage, sqlPage, sqlRun } from './pages/query-pages.ts';
import { reportPage } from './pages/report-page.ts';
import { runPage, runsView } from './pages/runs-page.ts';
import { searchView } from './pages/search-page.ts';
import { formatOf } from './table-view.ts';

/** What every route is given: the read-only archive and this server's form token. */
export interface ServeContext {
  archive: Archive;
  /** A secret made when the server starts, put in its forms: a POST without it is refused. */
  token: string;
}

type Answer = (context: ServeContext, match: RegExpExecArray, params: URLSearchParams) => Reply;
interface Route { pattern: RegExp; answer: Answer; method?: 'POST' }

const get = (pattern: RegExp, answer: Answer): Route => ({ pattern, answer });
const post = (pattern: RegExp, answer: Answer): Route => ({ pattern, answer, method: 'POST' });

/** `.csv` or `.json` after a view's path: the same view as data. */
const DATA = '(\\.csv|\\.json)?';
const view = (path: string) => new RegExp(`^${path}${DATA}$`);

const ROUTES: Route[] = [
  get(/^\/$/, ({ archive }, _, search) => searchView(archive, search, 'html')),
  get(view('/search'), ({ archive }, m, search) => searchView(archive, search, formatOf(m[1]))),
  get(/^\/report\/([^/]+)$/, ({ archive }, m) => htmlReply(reportPage(archive, idParam(m[1])))),
  get(/^\/capture\/([^/]+)$/, ({ archive }, m) => htmlReply(capturePage(archive, idParam(m[1])))),
  get(/^\/capture\/([^/]+)\/view$/, ({ archive }, m) => viewCapture(archive, idParam(m[1]))),
  get(/^\/capture\/([^/]+)\/raw$/, ({ archive }, m, search) => rawCapture(archive, idParam(m[1]), search.has('download'))),
  get(view('/coverage'), ({ archive }, m, search) => coverageView(archive, search, formatOf(m[1]))),
  get(/^\/audit$/, ({ archive }, _, search) => htmlReply(auditPage(archive, search))),
  get(/^\/charts$/, ({ archive }, _, search) => htmlReply(chartsPage(archive, search))),
  get(view('/runs'), ({ archive }, m, search) => runsView(archive, search, formatOf(m[1]))),
  get(/^\/runs\/([^/]+)$/, ({ archive }, m) => runPage(archive, idParam(m[1]))),
  get(/^\/queries$/, () => queriesPage()),
  get(view('/queries/([a-z-]+)'), ({ archive }, m, search) => namedQueryView(archive, m[1], search, formatOf(m[2]))),
  get(/^\/field$/, () => fieldsPage()),
  get(view('/field/([a-z0-9_.]+?)'), ({ archive }, m, search) => fieldView(archive, m[1], search, formatOf(m[2]))),
  get(/^\/sql$/, ({ token }) => sqlPage(token)),
  post(/^\/sql$/, ({ archive, token }, _, form) => sqlRun(archive, token, form)),
  get(/^\/about(\.json)?$/, ({ archive }, m) => aboutView(archive, formatOf(m[1]))),
  get(/^\/export$/, ({ token }) => htmlReply(exportPage(token))),
  post(/^\/export\/([^/]+)$/, ({ archive }, m) => exportDownload(archive, m[1])),
  get(/^\/assets\/([^/]+)$/, (_, m) => assetReply(m[1])),
];

/**
 * The route answering a path for a method (HEAD is GET), with its match; when the path is known
 * but only for other methods, those methods (for a 405); undefined for a 404.
 */
export function findRoute(path: string, method: string): { answer: Answer; match: RegExpExecArray } | { allow: string[] } | undefined {
  const wanted = method === 'POST' ? 'POST' : 'GET';
  const allow = new Set<string>();
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const routeMethod = route.method ?? 'GET';
    if (routeMethod === wanted) return { answer: route.answer, match };
    allow.add(routeMethod === 'GET' ? 'GET, HEAD' : 'POST');
  }
  return allow.size ? { allow: [...allow] } : undefined;
}
