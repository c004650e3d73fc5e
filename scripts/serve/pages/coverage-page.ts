// The organ × year matrix: found, parsed, checks failing, missing — per portal or region. What an
// evaluator asks first: who has not published.
import { coverageMatrix, listPortals, type Archive, type CoverageStatus } from '../../../storage/index.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { intParam, textParam } from '../params.ts';

const STATUS_TEXT: Record<CoverageStatus, [short: string, long: string]> = {
  ok: ['✓', 'found, figures read, checks pass'],
  'checks-failing': ['✗', 'found, figures read, some checks fail'],
  legacy: ['L', 'found, 2008-rules report (text only)'],
  'no-figures': ['?', 'found, but its tables could not be read'],
  unparsed: ['…', 'documents name it but none parsed as a report'],
  missing: ['—', 'missing: no report in the archive'],
};

/** Organs per page: a county's organs fit on one; a province's archive pages. */
const ROWS_PER_PAGE = 500;

function pager(search: URLSearchParams, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const link = (to: number, label: string) => html`<a href="/coverage${queryString({ ...Object.fromEntries(search), page: to })}">${label}</a>`;
  return html`<nav class="pager">${page > 1 ? link(page - 1, '← previous') : ''} organs page ${page} of ${pages} ${page < pages ? link(page + 1, 'next →') : ''}</nav>`;
}

/** Renders `/coverage`. */
export function coveragePage(archive: Archive, search: URLSearchParams): SafeHtml {
  const portalId = intParam(search, 'portal', 1);
  const regionPrefix = textParam(search, 'region', 12)?.replace(/\D/g, '') || undefined;
  const fromYear = intParam(search, 'from', 1990, 2100);
  const toYear = intParam(search, 'to', 1990, 2100);
  const { years, rows } = coverageMatrix(archive, { portalId, regionPrefix, fromYear, toYear });
  const portals = listPortals(archive);
  const page = intParam(search, 'page', 1, 1_000_000) ?? 1;
  const shown = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  const missingCount = rows.reduce((n, row) => n + years.filter((y) => row.cells[y] === 'missing').length, 0);
  const form = html`<form class="search" method="get" action="/coverage">
<label>Portal 门户 <select name="portal" id="f-portal"><option value="">all</option>${portals.map((p) =>
    html`<option value="${p.id}"${p.id === portalId ? html` selected` : ''}>${p.name ?? p.url}</option>`)}</select></label>
<label>Region code 区划 <input name="region" id="f-region" value="${regionPrefix ?? ''}" inputmode="numeric"></label>
<label>From <input name="from" id="f-from" value="${fromYear ?? ''}" size="5" inputmode="numeric"></label>
<label>To <input name="to" id="f-to" value="${toYear ?? ''}" size="5" inputmode="numeric"></label>
<button type="submit">Show</button></form>`;
  const portalNames = new Map(portals.map((p) => [p.id, p.name ?? p.url]));
  const header = html`<tr><th>Organ 机关</th><th>Region</th><th>Portal</th>${years.map((y) => html`<th class="num">${y}</th>`)}</tr>`;
  const body = shown.map((row) => html`<tr data-organ="${row.organ}"><th class="label">${row.organ}</th><td>${row.regionCode ?? ''}</td><td>${row.portalId === null ? '' : html`<a href="/coverage?portal=${row.portalId}">${portalNames.get(row.portalId) ?? row.portalId}</a>`}</td>${years.map((year) => {
    const status = row.cells[year] ?? 'missing';
    const [short, long] = STATUS_TEXT[status];
    const id = row.reports[year];
    const content = id !== undefined ? html`<a href="/report/${id}">${short}</a>` : short;
    return html`<td class="cov ${status}" data-year="${year}" data-status="${status}" title="${row.organ} ${year}: ${long}">${content}</td>`;
  })}</tr>`);
  const legend = Object.entries(STATUS_TEXT).map(([status, [short, long]]) => html`<li><span class="cov ${status}">${short}</span> ${long}</li>`);
  const content = html`<h1>Coverage 覆盖</h1>${form}
<p class="count">${rows.length} organs × ${years.length} years; <strong id="missing-count">${missingCount}</strong> organ-years missing.</p>
${rows.length ? html`<table class="coverage"><thead>${header}</thead><tbody>${body}</tbody></table>` : html`<p class="empty">No organ matches.</p>`}
${pager(search, page, Math.ceil(rows.length / ROWS_PER_PAGE))}
<ul class="legend">${legend}</ul>`;
  return pageLayout('Coverage', '/coverage', content);
}
