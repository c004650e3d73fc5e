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
  lookalike: ['≈', 'only look-alikes found (a notice, half-year statistics), no report'],
  missing: ['—', 'missing: no report in the archive'],
  'not-expected': ['', 'not expected: a department before the first year it was seen'],
};

/** Organs per page: a county's organs fit on one; a province's archive pages. */
const ROWS_PER_PAGE = 100;

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
  const page = intParam(search, 'page', 1, 1_000_000) ?? 1;
  const { years, rows: shown, total } = coverageMatrix(archive, { portalId, regionPrefix, fromYear, toYear, limit: ROWS_PER_PAGE, offset: (page - 1) * ROWS_PER_PAGE });
  const portals = listPortals(archive);
  const missingCount = shown.reduce((n, row) => n + years.filter((y) => row.cells[y] === 'missing').length, 0);
  const form = html`<form class="search" method="get" action="/coverage">
<label>Portal 门户 <select name="portal" id="f-portal"><option value="">all</option>${portals.map((p) =>
    html`<option value="${p.id}"${p.id === portalId ? html` selected` : ''}>${p.name ?? p.url}</option>`)}</select></label>
<label>Region code 区划 <input name="region" id="f-region" value="${regionPrefix ?? ''}" inputmode="numeric"></label>
<label>From <input name="from" id="f-from" value="${fromYear ?? ''}" size="5" inputmode="numeric"></label>
<label>To <input name="to" id="f-to" value="${toYear ?? ''}" size="5" inputmode="numeric"></label>
<button type="submit">Show</button></form>`;
  const portalNames = new Map(portals.map((p) => [p.id, p.name ?? p.url]));
  const header = html`<tr><th>Organ 机关</th><th>Region</th><th>Portal</th>${years.map((y) => html`<th class="num">${y}</th>`)}</tr>`;
  const body = shown.map((row) => html`<tr data-organ="${row.organ}" data-organ-id="${row.organId}" data-expected-only="${row.expectedOnly ? 'yes' : 'no'}"><th class="label">${row.organ}${row.expectedOnly ? html` <small title="expected from the division dataset: nothing of it was found">(expected)</small>` : ''}</th><td>${row.regionCode ?? ''}</td><td>${row.portalId === null ? '' : html`<a href="/coverage?portal=${row.portalId}">${portalNames.get(row.portalId) ?? row.portalId}</a>`}</td>${years.map((year) => {
    const status = row.cells[year] ?? 'missing';
    const [short, long] = STATUS_TEXT[status];
    const id = row.reports[year];
    const content = id !== undefined ? html`<a href="/report/${id}">${short}</a>` : short;
    return html`<td class="cov ${status}" data-year="${year}" data-status="${status}" title="${row.organ} ${year}: ${long}">${content}</td>`;
  })}</tr>`);
  const legend = Object.entries(STATUS_TEXT).map(([status, [short, long]]) => html`<li><span class="cov ${status}">${short}</span> ${long}</li>`);
  const content = html`<h1>Coverage 覆盖</h1>${form}
<p class="count">${total} organs × ${years.length} years (${years[0] ?? ''}–${years.at(-1) ?? ''}; a report is one organ × year)${total > shown.length ? `, organs ${(page - 1) * ROWS_PER_PAGE + 1}–${(page - 1) * ROWS_PER_PAGE + shown.length} shown` : ''}; <strong id="missing-count">${missingCount}</strong> organ-years missing${total > shown.length ? ' on this page' : ''}.</p>
${shown.length ? html`<table class="coverage"><thead>${header}</thead><tbody>${body}</tbody></table>` : html`<p class="empty">No organ matches.</p>`}
${pager(search, page, Math.ceil(total / ROWS_PER_PAGE))}
<ul class="legend">${legend}</ul>`;
  return pageLayout('Coverage', '/coverage', content);
}
