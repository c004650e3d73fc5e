// One way every table of the browser is shown, Datasette-style: a header whose every column sorts
// (?_sort=col, ?_sort_desc=col), pages (?page=, ?_size=), facets with counts, and the same view as
// CSV and JSON at the same URL with .csv / .json added to the path.
import { writeCsv } from '../../storage/index.ts';
import { html, queryString, type HtmlValue, type SafeHtml } from './html.ts';
import { BadRequest, type Reply } from './reply.ts';
import { intParam, textParam } from './params.ts';
import { PAGE_CSP } from './security-headers.ts';

/** html: the page; csv / json: the view's rows as data. */
export type ViewFormat = 'html' | 'csv' | 'json';

/** One column: its key (in URLs, CSV and JSON), its label, its value as data and (optionally) as a cell. */
export interface ViewColumn<R> {
  key: string;
  label: string;
  numeric?: boolean;
  value(row: R): string | number | boolean | null;
  cell?(row: R): HtmlValue;
  /** False for a column the view cannot sort (e.g. a snippet). */
  sortable?: boolean;
}

/** The sort asked for in the URL, checked against the view's columns. */
export interface ViewSort { key: string; desc: boolean }

/** The format named by a path's extension ('' for the page). */
export function formatOf(extension: string | undefined): ViewFormat {
  return extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : 'html';
}

/** `?_sort=key` or `?_sort_desc=key`, one of `keys`; undefined when the URL asks for none. */
export function sortParam(search: URLSearchParams, keys: string[]): ViewSort | undefined {
  const desc = textParam(search, '_sort_desc', 60);
  const key = desc ?? textParam(search, '_sort', 60);
  if (key === undefined) return undefined;
  if (!keys.includes(key)) throw new BadRequest(`_sort must be one of ${keys.join(', ')}, not "${key}"`);
  return { key, desc: desc !== undefined };
}

/** Page number and size from `?page=` and `?_size=` (size capped: a view is a page, exports are POST). */
export function pageParams(search: URLSearchParams, defaultSize: number, maxSize = 1000): { page: number; size: number } {
  return { page: intParam(search, 'page', 1, 1_000_000) ?? 1, size: intParam(search, '_size', 1, maxSize) ?? defaultSize };
}

/** Sorts rows in memory by a column's value (nulls last either way), stably. */
export function sortRows<R>(rows: R[], columns: ViewColumn<R>[], sort: ViewSort | undefined): R[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!column) return rows;
  const sign = sort!.desc ? -1 : 1;
  return rows.map((row, i) => ({ row, i, v: column.value(row) })).sort((a, b) => {
    if (a.v === null || a.v === undefined) return b.v === null || b.v === undefined ? a.i - b.i : 1;
    if (b.v === null || b.v === undefined) return -1;
    const order = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'zh-CN');
    return order === 0 ? a.i - b.i : sign * order;
  }).map((x) => x.row);
}

function withParams(search: URLSearchParams, changes: Record<string, string | number | null>): string {
  const params: Record<string, string | number | null> = Object.fromEntries(search);
  delete params.token;
  return queryString({ ...params, ...changes });
}

/** The table with a sort link in every header (▲/▼ on the current one). */
export function viewTable<R>(path: string, search: URLSearchParams, columns: ViewColumn<R>[], rows: R[], sort: ViewSort | undefined, attrs: { id?: string; className?: string; rowClass?: (row: R) => string; rowAttrs?: (row: R) => SafeHtml } = {}): SafeHtml {
  const head = columns.map((column) => {
    if (column.sortable === false) return html`<th>${column.label}</th>`;
    const current = sort?.key === column.key;
    const desc = current && !sort!.desc;
    const href = `${path}${withParams(search, { _sort: desc ? null : column.key, _sort_desc: desc ? column.key : null, page: null })}`;
    return html`<th class="${column.numeric ? 'num' : ''}" data-column="${column.key}"${current ? html` aria-sort="${sort!.desc ? 'descending' : 'ascending'}"` : ''}><a class="sort" href="${href}">${column.label}${current ? (sort!.desc ? ' ▼' : ' ▲') : ''}</a></th>`;
  });
  const body = rows.map((row) => html`<tr class="${attrs.rowClass?.(row) ?? ''}"${attrs.rowAttrs?.(row) ?? ''}>${columns.map((column) =>
    html`<td class="${column.numeric ? 'num' : ''}" data-column="${column.key}">${column.cell ? column.cell(row) : column.value(row) ?? '—'}</td>`)}</tr>`);
  return html`<table class="view ${attrs.className ?? ''}"${attrs.id ? html` id="${attrs.id}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** ← previous · page n of N · next → */
export function viewPager(path: string, search: URLSearchParams, page: number, size: number, total: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return html``;
  const link = (to: number, label: string) => html`<a href="${path}${withParams(search, { page: to })}">${label}</a>`;
  return html`<nav class="pager">${page > 1 ? link(page - 1, '← previous') : ''} page ${page} of ${pages} ${page < pages ? link(page + 1, 'next →') : ''}</nav>`;
}

/** "This view as CSV · JSON": links to the same URL with .csv / .json. */
export function formatLinks(path: string, search: URLSearchParams): SafeHtml {
  const base = path === '/' ? '/search' : path;
  const query = withParams(search, {});
  return html`<p class="formats">This view as <a class="format-link" data-format="csv" href="${base}.csv${query}">CSV</a> · <a class="format-link" data-format="json" href="${base}.json${query}">JSON</a></p>`;
}

/** One facet: its values as links that add (or, for the current one, remove) the filter, with counts. */
export interface FacetValue { value: string; label: string; count: number }

/** A box of facets, each a list of values with counts. */
export function facetBox(path: string, search: URLSearchParams, facets: { param: string; title: string; values: FacetValue[] }[]): SafeHtml {
  const boxes = facets.filter((f) => f.values.length > 0).map((facet) => {
    const current = search.get(facet.param);
    const items = facet.values.slice(0, 30).map((v) => {
      const selected = current === v.value;
      const href = `${path}${withParams(search, { [facet.param]: selected ? null : v.value, page: null })}`;
      return html`<li${selected ? html` class="selected"` : ''}><a href="${href}" data-facet="${facet.param}" data-value="${v.value}">${v.label}</a> <span class="count">${v.count}</span>${selected ? html` <span class="muted">✕</span>` : ''}</li>`;
    });
    return html`<section class="facet" data-facet="${facet.param}"><h3>${facet.title}</h3><ul>${items}</ul></section>`;
  });
  return boxes.length ? html`<div class="facets">${boxes}</div>` : html``;
}

/** The view as CSV or JSON: the columns' values, and for JSON the totals and paging a client needs. */
export function dataReply<R>(format: 'csv' | 'json', name: string, columns: ViewColumn<R>[], rows: R[], meta: Record<string, unknown> = {}): Reply {
  const values = rows.map((row) => columns.map((c) => c.value(row)));
  if (format === 'csv') {
    let body = '';
    writeCsv(columns.map((c) => c.key), values, (chunk) => { body += chunk; });
    return { status: 200, contentType: 'text/csv; charset=utf-8', body, csp: PAGE_CSP, headers: { 'Content-Disposition': `inline; filename="${name}.csv"` } };
  }
  const body = JSON.stringify({ ...meta, columns: columns.map((c) => c.key), rows: values.map((v) => Object.fromEntries(columns.map((c, i) => [c.key, v[i]]))) }, null, 1);
  return { status: 200, contentType: 'application/json; charset=utf-8', body, csp: PAGE_CSP };
}
