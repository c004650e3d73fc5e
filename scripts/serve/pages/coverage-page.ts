// The organ × year matrix: found, parsed, checks failing, missing — per portal or region. What an
// evaluator asks first: who has not published. Sortable by any column (a year column sorts by
// status), paged, and as CSV / JSON at /coverage.csv, /coverage.json.
import { coverageMatrix, listPortals, type Archive, type CoverageRow, type CoverageStatus } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { intParam, textParam } from '../params.ts';
import { htmlReply, type Reply } from '../reply.ts';
import { regionLabel, regionName } from '../region-names.ts';
import { dataReply, formatLinks, pageParams, sortParam, sortRows, viewPager, viewTable, type ViewColumn, type ViewFormat } from '../table-view.ts';

const STATUS_TEXT: Record<CoverageStatus, [short: string, long: string]> = {
  ok: ['✓', 'found, figures read, checks pass'],
  'checks-failing': ['✗', 'found, figures read, some checks fail'],
  legacy: ['L', 'found, 2008-rules report (text only)'],
  'no-figures': ['?', 'found, but its tables could not be read'],
  unparsed: ['…', 'documents name it but none parsed as a report'],
  lookalike: ['≈', 'only look-alikes found (a notice, half-year statistics), no report'],
  'ocr-pending': ['◌', 'a scan was stored unread (crawl --ocr-later): nianbao reparse --failed ocr_deferred reads it'],
  missing: ['—', 'missing: no report in the archive'],
  'not-expected': ['', 'not expected: a department before the first year it was seen'],
};

/** Organs per page: a county's organs fit on one; a province's archive pages. */
const ROWS_PER_PAGE = 500;
/** Status order when a year column is sorted: worst (missing) first when descending. */
const STATUS_RANK: Record<CoverageStatus, number> = { 'not-expected': -1, ok: 0, legacy: 1, 'checks-failing': 2, 'no-figures': 3, unparsed: 4, 'ocr-pending': 4, lookalike: 5, missing: 6 };

/** `/coverage` (the page) and `/coverage.csv`, `/coverage.json` (the same matrix as data: one status per year). */
export function coverageView(archive: Archive, search: URLSearchParams, format: ViewFormat): Reply {
  const portalId = intParam(search, 'portal', 1);
  const regionPrefix = textParam(search, 'region', 12)?.replace(/\D/g, '') || undefined;
  const fromYear = intParam(search, 'from', 1990, 2100);
  const toYear = intParam(search, 'to', 1990, 2100);
  const { page, size } = pageParams(search, ROWS_PER_PAGE, 5000);
  // Unsorted, the archive pages the organs itself (division-code order) and reads one page; a sort
  // by a column needs every row.
  const sortAsked = search.has('_sort') || search.has('_sort_desc');
  const matrix = coverageMatrix(archive, { portalId, regionPrefix, fromYear, toYear, ...(sortAsked ? {} : { limit: size, offset: (page - 1) * size }) });
  const { years, rows, total } = matrix;
  const portals = listPortals(archive);
  const portalNames = new Map(portals.map((p) => [p.id, p.name ?? p.url]));
  const columns: ViewColumn<CoverageRow>[] = [
    { key: 'organ', label: 'Organ 机关', value: (r) => r.organ, cell: (r) => html`<span class="label">${r.organ}</span>${r.expectedOnly ? html` <small title="expected from the division dataset: nothing of it was found">(expected)</small>` : ''}` },
    { key: 'region', label: 'Region 区划', value: (r) => r.regionCode, cell: (r) => regionLabel(r.regionCode) },
    { key: 'portal', label: 'Portal 门户', value: (r) => (r.portalId === null ? null : portalNames.get(r.portalId) ?? String(r.portalId)),
      cell: (r) => (r.portalId === null ? '' : html`<a href="/coverage?portal=${r.portalId}">${portalNames.get(r.portalId) ?? r.portalId}</a>`) },
    ...years.map((year): ViewColumn<CoverageRow> => ({ key: String(year), label: String(year), numeric: true, value: (r) => r.cells[year] ?? 'missing', cell: (r) => statusCell(r, year) })),
  ];
  const sort = sortParam(search, columns.map((c) => c.key));
  const yearSort = sort && /^\d{4}$/.test(sort.key) ? Number(sort.key) : undefined;
  const sorted = yearSort !== undefined
    ? sortRows(rows, [{ key: sort!.key, label: '', value: (r) => STATUS_RANK[r.cells[yearSort] ?? 'missing'] }], sort)
    : sortRows(rows, columns, sort);
  const shown = sortAsked ? sorted.slice((page - 1) * size, page * size) : sorted;
  if (format !== 'html') {
    const dataColumns: ViewColumn<CoverageRow>[] = [columns[0], { key: 'region_code', label: '', value: (r) => r.regionCode }, { key: 'region_name', label: '', value: (r) => regionName(r.regionCode) },
      { key: 'portal_id', label: '', value: (r) => r.portalId }, ...columns.slice(3)];
    return dataReply(format, 'coverage', dataColumns, shown, { total, page, page_size: size, years, statuses: Object.fromEntries(Object.entries(STATUS_TEXT).map(([k, [, long]]) => [k, long])) });
  }
  const counted = sortAsked ? rows : shown;
  const missingCount = counted.reduce((n, row) => n + years.filter((y) => row.cells[y] === 'missing').length, 0);
  const onePageOnly = !sortAsked && total > shown.length;
  const form = html`<form class="search" method="get" action="/coverage">
<label>Portal 门户 <select name="portal" id="f-portal"><option value="">all</option>${portals.map((p) =>
    html`<option value="${p.id}"${p.id === portalId ? html` selected` : ''}>${p.name ?? p.url}</option>`)}</select></label>
<label>Region code 区划 <input name="region" id="f-region" value="${regionPrefix ?? ''}" inputmode="numeric"></label>
<label>From <input name="from" id="f-from" value="${fromYear ?? ''}" size="5" inputmode="numeric"></label>
<label>To <input name="to" id="f-to" value="${toYear ?? ''}" size="5" inputmode="numeric"></label>
<button type="submit">Show</button></form>`;
  const legend = Object.entries(STATUS_TEXT).map(([status, [short, long]]) => html`<li><span class="cov ${status}">${short}</span> ${long}</li>`);
  const content = html`<h1>Coverage 覆盖</h1>${form}
<p class="count">${total} organs × ${years.length} years (${years[0] ?? ''}–${years.at(-1) ?? ''}; a report is one organ × year); <strong id="missing-count">${missingCount}</strong> organ-years missing${onePageOnly ? ' on this page' : ''}.</p>
${formatLinks('/coverage', search)}
${shown.length ? viewTable('/coverage', search, columns, shown, sort, { id: 'coverage', className: 'coverage', rowAttrs: (r) => html` data-organ="${r.organ}" data-organ-id="${r.organId}" data-expected-only="${r.expectedOnly ? 'yes' : 'no'}"` }) : html`<p class="empty">No organ matches.</p>`}
${viewPager('/coverage', search, page, size, total)}
<ul class="legend">${legend}</ul>`;
  return htmlReply(pageLayout('Coverage', '/coverage', content));
}

function statusCell(row: CoverageRow, year: number): SafeHtml {
  const status = row.cells[year] ?? 'missing';
  const [short, long] = STATUS_TEXT[status];
  const id = row.reports[year];
  const content = id !== undefined ? html`<a href="/report/${id}">${short}</a>` : short;
  return html`<span class="cov ${status}" data-year="${year}" data-status="${status}" title="${row.organ} ${year}: ${long}">${content}</span>`;
}
