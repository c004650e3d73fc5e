// The search page: full text over the reports with filters, facets with counts (region by name,
// year, template, organ level, check status), every column sortable, pages, and the same view as
// CSV and JSON (/search.csv, /search.json with the same query).
import { searchFacets, searchReports, type Archive, type BrowseFacets, type FacetCount, type SearchHit, type SearchOptions, type SearchSort } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { cachedFacets } from '../archive-cache.ts';
import { checksBadge } from './badges.ts';
import { choiceParam, intParam, textParam } from '../params.ts';
import { htmlReply, type Reply } from '../reply.ts';
import { regionLabel, regionName } from '../region-names.ts';
import { dataReply, facetBox, formatLinks, pageParams, sortParam, viewPager, viewTable, type FacetValue, type ViewColumn, type ViewFormat } from '../table-view.ts';

const PAGE_SIZE = 50;
const LEVELS = ['province', 'city', 'county', 'district', 'township', 'department'] as const;

/** The columns of a search view (page and data alike); `snippet` and `report_id` are data only on the page's cells. */
const COLUMNS: ViewColumn<SearchHit>[] = [
  { key: 'organ', label: 'Organ 机关', value: (h) => h.organ, cell: (h) => html`<a href="/report/${h.reportId}">${h.organ}</a>${h.snippet ? html`<div class="snippet">${snippetHtml(h.snippet)}</div>` : ''}` },
  { key: 'year', label: 'Year 年度', numeric: true, value: (h) => h.year },
  { key: 'template', label: 'Template 格式', value: (h) => h.template },
  { key: 'region', label: 'Region 区划', value: (h) => h.regionCode, cell: (h) => regionLabel(h.regionCode) },
  { key: 'source', label: 'Source 来源', value: (h) => h.sourceUrl, cell: (h) => html`<span class="format">${h.format ?? '?'}</span> <span class="url" title="${h.sourceUrl}">${h.sourceUrl}</span>` },
  { key: 'checks', label: 'Checks 校验', value: (h) => h.checksFailed, cell: (h) => checksBadge(h) },
];
const DATA_COLUMNS: ViewColumn<SearchHit>[] = [
  { key: 'report_id', label: 'id', value: (h) => h.reportId }, COLUMNS[0], COLUMNS[1], COLUMNS[2],
  { key: 'region_code', label: 'region', value: (h) => h.regionCode }, { key: 'region_name', label: 'region name', value: (h) => regionName(h.regionCode) },
  { key: 'format', label: 'format', value: (h) => h.format }, { key: 'source_url', label: 'source', value: (h) => h.sourceUrl },
  { key: 'checks_failed', label: 'checks failed', value: (h) => h.checksFailed }, { key: 'fields_filled', label: 'figures', value: (h) => h.fieldsFilled },
  { key: 'title', label: 'title', value: (h) => h.title }, { key: 'snippet', label: 'snippet', value: (h) => h.snippet?.replace(/\[([^[\]]{1,80})\]/g, '$1') ?? null },
];

function optionsOf(search: URLSearchParams): SearchOptions {
  return {
    text: textParam(search, 'q'),
    organ: textParam(search, 'organ'),
    regionPrefix: textParam(search, 'region', 12)?.replace(/\D/g, '') || undefined,
    year: intParam(search, 'year', 1990, 2100),
    template: choiceParam(search, 'template', ['2021', '2019', 'legacy']),
    checks: choiceParam(search, 'checks', ['pass', 'fail']),
    level: choiceParam(search, 'level', LEVELS),
  };
}

/** `/` (the page) and `/search.csv`, `/search.json` (the same view as data). */
export function searchView(archive: Archive, search: URLSearchParams, format: ViewFormat): Reply {
  const options = optionsOf(search);
  const sort = sortParam(search, COLUMNS.map((c) => c.key));
  const { page, size } = pageParams(search, PAGE_SIZE);
  const { total, hits } = searchReports(archive, { ...options, sort: sort?.key as SearchSort | undefined, desc: sort?.desc, limit: size, offset: (page - 1) * size });
  if (format !== 'html') return dataReply(format, 'search', DATA_COLUMNS, hits, { total, page, page_size: size, facets: searchFacets(archive, options) });
  const facets = cachedFacets(archive);
  const counts = searchFacets(archive, options);
  const body = html`
<h1>Search the reports 检索年报</h1>
<p class="muted">${facets.reports} reports from ${facets.organs} organs, ${facets.captures} captures. <a href="/about">About this archive</a></p>
${searchForm(search, facets)}
<p class="count" id="result-count">${total} ${total === 1 ? 'report' : 'reports'} found</p>
${formatLinks('/', search)}
<div class="with-facets">
${facetBox('/', search, [
    { param: 'region', title: 'Region 区划', values: counts.region.filter((c) => c.value !== null).map((c) => ({ value: String(c.value), label: regionLabel(String(c.value)), count: c.count })) },
    { param: 'year', title: 'Year 年度', values: facetValues(counts.year) },
    { param: 'template', title: 'Template 格式', values: facetValues(counts.template) },
    { param: 'level', title: 'Organ level 层级', values: facetValues(counts.level) },
    { param: 'checks', title: 'Checks 校验', values: counts.checks.map((c) => ({ value: String(c.value), label: c.value === 'fail' ? 'some fail' : 'all pass', count: c.count })) },
  ])}
<div class="view-body">
${hits.length ? viewTable('/', search, COLUMNS, hits, sort, { id: 'results', className: 'results', rowClass: () => 'hit', rowAttrs: (h) => html` data-report="${h.reportId}"` })
    : html`<p class="empty">No report matches.${options.text && [...options.text].length < 3 ? ' (Words shorter than three characters are matched without the index.)' : ''}</p>`}
${viewPager('/', search, page, size, total)}
</div></div>`;
  return htmlReply(pageLayout(options.text ? `“${options.text}”` : 'Search', '/', body));
}

function facetValues(counts: FacetCount[]): FacetValue[] {
  return counts.filter((c) => c.value !== null).map((c) => ({ value: String(c.value), label: String(c.value), count: c.count }));
}

function select(name: string, current: string | null, choices: [value: string, label: string][]): SafeHtml {
  return html`<select name="${name}" id="f-${name}"><option value="">any</option>${choices.map(([value, label]) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`)}</select>`;
}

function searchForm(search: URLSearchParams, facets: BrowseFacets): SafeHtml {
  const value = (name: string) => search.get(name) ?? '';
  return html`<form class="search" method="get" action="/" role="search">
<label class="wide">Text 全文 <input type="search" name="q" id="f-q" value="${value('q')}" placeholder="e.g. 依申请公开 (3+ characters)"></label>
<label>Organ 机关 <input type="text" name="organ" id="f-organ" value="${value('organ')}"></label>
<label>Region 区划 ${select('region', search.get('region'), facets.regions.map((r) => [r.code, `${regionLabel(r.code)} (${r.reports})`]))}</label>
<label>Year 年度 ${select('year', search.get('year'), facets.years.map((y) => [String(y), String(y)]))}</label>
<label>Template 格式 ${select('template', search.get('template'), [['2021', '2021 form'], ['2019', '2019 form'], ['legacy', 'legacy (≤2018)']])}</label>
<label>Checks 校验 ${select('checks', search.get('checks'), [['pass', 'all pass'], ['fail', 'some fail']])}</label>
<button type="submit">Search</button>
</form>`;
}

/** The matching sentence with its [match] marker as <mark>, everything else escaped. */
function snippetHtml(snippet: string): SafeHtml {
  const parts = snippet.split(/\[([^[\]]{1,80})\]/);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<mark>${part}</mark>` : part))}`;
}
