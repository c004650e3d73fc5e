// The URL map of the browser: path pattern → what answers it. Every route only reads.
import type { Archive } from '../../storage/index.ts';
import { rawCapture, viewCapture } from './archived-view.ts';
import { assetReply } from './assets.ts';
import { idParam } from './params.ts';
import { htmlReply, type Reply } from './reply.ts';
import { capturePage } from './pages/capture-page.ts';
import { chartsPage } from './pages/charts-page.ts';
import { auditPage } from './pages/audit-page.ts';
import { coveragePage } from './pages/coverage-page.ts';
import { exportDownload, exportPage } from './pages/export-page.ts';
import { reportPage } from './pages/report-page.ts';
import { runPage, runsPage } from './pages/runs-page.ts';
import { searchPage } from './pages/search-page.ts';

type Route = [pattern: RegExp, answer: (archive: Archive, match: RegExpExecArray, search: URLSearchParams) => Reply];

const ROUTES: Route[] = [
  [/^\/$/, (archive, _, search) => htmlReply(searchPage(archive, search))],
  [/^\/report\/([^/]+)$/, (archive, m) => htmlReply(reportPage(archive, idParam(m[1])))],
  [/^\/capture\/([^/]+)$/, (archive, m) => htmlReply(capturePage(archive, idParam(m[1])))],
  [/^\/capture\/([^/]+)\/view$/, (archive, m) => viewCapture(archive, idParam(m[1]))],
  [/^\/capture\/([^/]+)\/raw$/, (archive, m, search) => rawCapture(archive, idParam(m[1]), search.has('download'))],
  [/^\/coverage$/, (archive, _, search) => htmlReply(coveragePage(archive, search))],
  [/^\/audit$/, (archive, _, search) => htmlReply(auditPage(archive, search))],
  [/^\/charts$/, (archive, _, search) => htmlReply(chartsPage(archive, search))],
  [/^\/runs$/, (archive) => htmlReply(runsPage(archive))],
  [/^\/runs\/([^/]+)$/, (archive, m) => htmlReply(runPage(archive, idParam(m[1])))],
  [/^\/export$/, () => htmlReply(exportPage())],
  [/^\/export\/([^/]+)$/, (archive, m) => exportDownload(archive, m[1])],
  [/^\/assets\/([^/]+)$/, (_, m) => assetReply(m[1])],
];

/** The route answering a path, with its match, or undefined for a 404. */
export function findRoute(path: string): { answer: Route[1]; match: RegExpExecArray } | undefined {
  for (const [pattern, answer] of ROUTES) {
    const match = pattern.exec(path);
    if (match) return { answer, match };
  }
  return undefined;
}
