// Crawl runs: the history as a sortable table (also /runs.csv, /runs.json), each run's summary as
// tables with words for labels (its totals, one row per portal, failures by reason, blocked portals),
// and the portals that are blocked (a challenge page) or need a browser.
import { getRun, listPortals, listRuns, runCaptureCounts, type Archive, type CrawlRun } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { htmlReply, NotFound, type Reply } from '../reply.ts';
import { dataReply, formatLinks, sortParam, sortRows, viewTable, type ViewColumn, type ViewFormat } from '../table-view.ts';

/** Words for the keys crawl summaries use; any other key is split from camelCase. */
const LABELS: Record<string, string> = {
  portalId: 'Portal id', url: 'URL', name: 'Name', fetched: 'Pages fetched', notModified: 'Unchanged (304)', reportsFound: 'Reports found',
  newReports: 'New reports', changedCaptures: 'Changed captures', failuresByReason: 'Failures by reason', skippedByReason: 'Skipped by reason',
  deferred: 'Deferred to next run', blockedReason: 'Blocked by', usedBrowser: 'Used a browser', portals: 'Portals', failures: 'Failures',
  blocked: 'Blocked', pagesFetched: 'Pages fetched', failed: 'Failed', runId: 'Run', startedAt: 'Started', finishedAt: 'Finished', status: 'Status',
  totals: 'Totals', blockedPortals: 'Blocked portals', reason: 'Reason', reparsed: 'Reparsed', changed: 'Changed', errors: 'Errors',
};

/** A summary key in words: the known label, else "someKey" → "Some key". */
export function humanLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

interface RunRow { run: CrawlRun; captures: number; failed: number; portals: number }

/** The totals of a summary, in words, on one line: its `totals` if it has them, else its scalar entries. */
function summaryLine(summary: unknown): string {
  if (summary === null || typeof summary !== 'object') return summary === null || summary === undefined ? '' : String(summary);
  const object = summary as Record<string, unknown>;
  const source = object.totals && typeof object.totals === 'object' ? (object.totals as Record<string, unknown>) : object;
  return Object.entries(source).filter(([k, v]) => isScalar(v) && !['runId', 'startedAt', 'finishedAt', 'status'].includes(k))
    .slice(0, 8).map(([k, v]) => `${humanLabel(k)}: ${scalar(v)}`).join(' · ');
}

const RUN_COLUMNS: ViewColumn<RunRow>[] = [
  { key: 'run', label: 'Run', numeric: true, value: (r) => r.run.id, cell: (r) => html`<a href="/runs/${r.run.id}">${r.run.id}</a>` },
  { key: 'kind', label: 'Kind', value: (r) => r.run.kind },
  { key: 'started', label: 'Started', value: (r) => r.run.startedAt },
  { key: 'finished', label: 'Finished', value: (r) => r.run.finishedAt },
  { key: 'status', label: 'Status', value: (r) => r.run.status, cell: (r) => html`<span class="badge ${statusClass(r.run.status)}">${r.run.status}</span>` },
  { key: 'captures', label: 'Captures', numeric: true, value: (r) => r.captures },
  { key: 'failed', label: 'Failed', numeric: true, value: (r) => r.failed },
  { key: 'portals', label: 'Portals', numeric: true, value: (r) => r.portals },
  { key: 'summary', label: 'Summary', value: (r) => summaryLine(r.run.summary), cell: (r) => html`<span class="summary">${summaryLine(r.run.summary)}</span>` },
];

/** `/runs` and `/runs.csv`, `/runs.json`. */
export function runsView(archive: Archive, search: URLSearchParams, format: ViewFormat): Reply {
  const counts = runCaptureCounts(archive);
  const rows: RunRow[] = listRuns(archive, 1000).map((run) => ({ run, captures: 0, failed: 0, portals: 0, ...counts.get(run.id) }));
  const sort = sortParam(search, RUN_COLUMNS.map((c) => c.key));
  const sorted = sortRows(rows, RUN_COLUMNS, sort);
  if (format !== 'html') return dataReply(format, 'runs', RUN_COLUMNS, sorted, { total: rows.length });
  const content = html`<h1>Crawl runs 抓取记录</h1>
${formatLinks('/runs', search)}
${rows.length ? viewTable('/runs', search, RUN_COLUMNS, sorted, sort, { className: 'runs', rowClass: (r) => `run ${r.run.status}` }) : html`<p class="empty">No run recorded yet.</p>`}
${portalsSection(archive)}`;
  return htmlReply(pageLayout('Crawl runs', '/runs', content));
}

function statusClass(status: string): string {
  return status === 'ok' ? 'ok' : status === 'running' ? 'neutral' : status === 'problems' ? 'warn' : 'fail';
}

function portalsSection(archive: Archive): SafeHtml {
  const portals = listPortals(archive);
  const blocked = portals.filter((p) => p.blockedReason);
  const row = (p: (typeof portals)[number]) => html`<tr class="${p.blockedReason ? 'blocked' : ''}"><td>${p.name ?? ''}</td><td class="url">${p.url}</td><td>${p.divisionCode ?? ''}</td>
<td>${p.blockedReason ?? ''}</td><td>${p.blockedAt ?? ''}</td><td>${p.needsBrowser ? 'yes' : ''}</td><td>${p.enabled ? '' : 'disabled'}</td><td>${p.lastCrawlAt ?? '—'}</td>
<td><a href="/coverage?portal=${p.id}">coverage</a></td></tr>`;
  return html`<section class="portals"><h2>Blocked portals 被拦截的门户 <small>${blocked.length} of ${portals.length}</small></h2>
${blocked.length ? html`<table id="blocked-portals"><thead><tr><th>Name</th><th>URL</th><th>Code</th><th>Blocked by</th><th>Since</th><th>Browser</th><th></th><th>Last crawl</th><th></th></tr></thead><tbody>${blocked.map(row)}</tbody></table>` : html`<p class="muted">No portal is blocked.</p>`}
<details><summary>All portals (${portals.length})</summary><table><thead><tr><th>Name</th><th>URL</th><th>Code</th><th>Blocked by</th><th>Since</th><th>Browser</th><th></th><th>Last crawl</th><th></th></tr></thead><tbody>${portals.map(row)}</tbody></table></details></section>`;
}

/** Renders `/runs/:id`: the run's facts, then its summary as tables with words for labels. */
export function runPage(archive: Archive, runId: number): Reply {
  const run = getRun(archive, runId);
  if (!run) throw new NotFound(`no run with id ${runId}`);
  const content = html`<h1>Run ${run.id} <small>${run.kind}</small></h1>
<dl class="facts"><div><dt>Status</dt><dd>${run.status}</dd></div><div><dt>Started</dt><dd>${run.startedAt}</dd></div><div><dt>Finished</dt><dd>${run.finishedAt ?? '—'}</dd></div></dl>
<h2>Summary</h2>${summaryTables(run.summary)}`;
  return htmlReply(pageLayout(`Run ${run.id}`, '/runs', content));
}

/** A value as a table: scalars as label/value rows, a list of objects as one row each, a count map as reason/count. */
function summaryTables(value: unknown, depth = 0): SafeHtml {
  if (value === null || value === undefined) return html`<p class="muted">No summary was recorded.</p>`;
  if (isScalar(value)) return html`<p>${scalar(value)}</p>`;
  if (depth > 4) return html`<code>${JSON.stringify(value)}</code>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return html`<p class="muted">none</p>`;
    if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const keys = [...new Set(value.flatMap((v) => Object.keys(v as object)))];
      return html`<table class="summary-table"><thead><tr>${keys.map((k) => html`<th>${humanLabel(k)}</th>`)}</tr></thead><tbody>${value.slice(0, 1000).map((v) =>
        html`<tr>${keys.map((k) => { const cell = (v as Record<string, unknown>)[k]; return html`<td${typeof cell === 'number' ? html` class="num"` : ''}>${isScalar(cell) ? scalar(cell) : inline(cell)}</td>`; })}</tr>`)}</tbody></table>`;
    }
    return html`<p>${value.map((v) => (isScalar(v) ? scalar(v) : JSON.stringify(v))).join(', ')}</p>`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const scalars = entries.filter(([, v]) => isScalar(v));
  const nested = entries.filter(([, v]) => !isScalar(v));
  return html`${scalars.length ? html`<table class="facts-table summary-facts"><tbody>${scalars.map(([k, v]) => html`<tr><th>${humanLabel(k)}</th><td>${scalar(v)}</td></tr>`)}</tbody></table>` : ''}
${nested.map(([k, v]) => html`<section class="summary-part"><h3>${humanLabel(k)}</h3>${summaryTables(v, depth + 1)}</section>`)}`;
}

/** A small nested value inside a table cell: "reason: n" pairs, or JSON as a last resort. */
function inline(value: unknown): SafeHtml {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return html`—`;
    if (entries.every(([, v]) => isScalar(v))) return html`${entries.map(([k, v], i) => html`${i ? ', ' : ''}${k}: ${scalar(v)}`)}`;
  }
  return html`<code>${JSON.stringify(value)}</code>`;
}
