// Crawl runs: the history with each run's counts and summary, and the portals that are blocked
// (a challenge page) or need a browser.
import { getRun, listPortals, listRuns, runCaptureCounts, type Archive, type CrawlRun } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { NotFound } from '../reply.ts';

/** Renders `/runs`. */
export function runsPage(archive: Archive): SafeHtml {
  const runs = listRuns(archive, 200);
  const counts = runCaptureCounts(archive);
  const rows = runs.map((run) => {
    const c = counts.get(run.id);
    return html`<tr class="run ${run.status}"><td><a href="/runs/${run.id}">${run.id}</a></td><td>${run.kind}</td><td>${run.startedAt}</td>
<td>${run.finishedAt ?? '—'}</td><td><span class="badge ${statusClass(run.status)}">${run.status}</span></td>
<td class="num">${c?.captures ?? 0}</td><td class="num">${c?.failed ?? 0}</td><td class="num">${c?.portals ?? 0}</td><td class="summary">${summaryLine(run.summary)}</td></tr>`;
  });
  const content = html`<h1>Crawl runs 抓取记录</h1>
${runs.length ? html`<table class="runs"><thead><tr><th>Run</th><th>Kind</th><th>Started</th><th>Finished</th><th>Status</th><th>Captures</th><th>Failed</th><th>Portals</th><th>Summary</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="empty">No run recorded yet.</p>`}
${portalsSection(archive)}`;
  return pageLayout('Crawl runs', '/runs', content);
}

function statusClass(status: string): string {
  return status === 'ok' ? 'ok' : status === 'running' ? 'neutral' : status === 'problems' ? 'warn' : 'fail';
}

/** The scalar entries of a summary, one line. */
function summaryLine(summary: unknown): string {
  if (summary === null || typeof summary !== 'object') return summary === null || summary === undefined ? '' : String(summary);
  return Object.entries(summary as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .slice(0, 8).map(([k, v]) => `${k}: ${v}`).join(' · ');
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

/** Renders `/runs/:id`: the run's facts and its whole summary as nested lists. */
export function runPage(archive: Archive, runId: number): SafeHtml {
  const run = getRun(archive, runId);
  if (!run) throw new NotFound(`no run with id ${runId}`);
  const content = html`<h1>Run ${run.id} <small>${run.kind}</small></h1>
<dl class="facts"><div><dt>Status</dt><dd>${run.status}</dd></div><div><dt>Started</dt><dd>${run.startedAt}</dd></div><div><dt>Finished</dt><dd>${run.finishedAt ?? '—'}</dd></div></dl>
<h2>Summary</h2>${summaryTree(run.summary as CrawlRun['summary'], 0)}`;
  return pageLayout(`Run ${run.id}`, '/runs', content);
}

function summaryTree(value: unknown, depth: number): SafeHtml {
  if (value === null || value === undefined) return html`<span class="muted">—</span>`;
  if (typeof value !== 'object') return html`${String(value)}`;
  if (depth > 6) return html`${JSON.stringify(value)}`;
  const entries = Array.isArray(value) ? value.slice(0, 500).map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return html`<ul class="tree">${entries.map(([k, v]) => html`<li><span class="key">${k}</span>: ${summaryTree(v, depth + 1)}</li>`)}</ul>`;
}
