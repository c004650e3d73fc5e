// The search page: full text over the reports with filters; each hit shows organ, year, source
// and whether its checks pass.
import { searchReports, type Archive, type BrowseFacets, type SearchHit, type SearchOptions } from '../../../storage/index.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { cachedFacets } from '../archive-cache.ts';
import { checksBadge } from './badges.ts';
import { choiceParam, intParam, textParam } from '../params.ts';

const PAGE_SIZE = 50;

/** Renders `/` for the given query parameters. */
export function searchPage(archive: Archive, search: URLSearchParams): SafeHtml {
  const facets = cachedFacets(archive);
  const options: SearchOptions = {
    text: textParam(search, 'q'),
    organ: textParam(search, 'organ'),
    regionPrefix: textParam(search, 'region', 12),
    year: intParam(search, 'year', 1990, 2100),
    template: choiceParam(search, 'template', ['2021', '2019', 'legacy']),
    checks: choiceParam(search, 'checks', ['pass', 'fail']),
  };
  const page = intParam(search, 'page', 1, 100_000) ?? 1;
  const { total, totalCapped, hits } = searchReports(archive, { ...options, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const body = html`
<h1>Search the reports 检索年报</h1>
<p class="muted">${facets.reports} reports from ${facets.organs} organs, ${facets.captures} captures.</p>
${searchForm(search, facets)}
<p class="count" id="result-count">${totalCapped ? `${total.toLocaleString('en')}+` : total} ${total === 1 && !totalCapped ? 'report' : 'reports'} found${options.text ? ', newest first' : ''}</p>
${hits.length ? resultsTable(hits) : html`<p class="empty">No report matches.</p>`}
${pager(search, page, total, totalCapped)}`;
  return pageLayout(options.text ? `“${options.text}”` : 'Search', '/', body);
}

function select(name: string, current: string | null, choices: [value: string, label: string][]): SafeHtml {
  return html`<select name="${name}" id="f-${name}"><option value="">any</option>${choices.map(([value, label]) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`)}</select>`;
}

function searchForm(search: URLSearchParams, facets: BrowseFacets): SafeHtml {
  const value = (name: string) => search.get(name) ?? '';
  return html`<form class="search" method="get" action="/" role="search">
<label class="wide">Text 全文 <input type="search" name="q" id="f-q" value="${value('q')}" placeholder="e.g. 依申请公开 or 复议"></label>
<label>Organ 机关 <input type="text" name="organ" id="f-organ" value="${value('organ')}"></label>
<label>Region 区划 ${select('region', search.get('region'), facets.regions.map((r) => [r.code, `${r.code} (${r.reports})`]))}</label>
<label>Year 年度 ${select('year', search.get('year'), facets.years.map((y) => [String(y), String(y)]))}</label>
<label>Template 格式 ${select('template', search.get('template'), [['2021', '2021 form'], ['2019', '2019 form'], ['legacy', 'legacy (≤2018)']])}</label>
<label>Checks 校验 ${select('checks', search.get('checks'), [['pass', 'all pass'], ['fail', 'some fail']])}</label>
<button type="submit">Search</button>
</form>`;
}

function resultsTable(hits: SearchHit[]): SafeHtml {
  const rows = hits.map((hit) => html`<tr class="hit" data-report="${hit.reportId}">
<td><a href="/report/${hit.reportId}">${hit.organ}</a>${hit.snippet ? html`<div class="snippet">${snippetHtml(hit.snippet)}</div>` : ''}</td>
<td class="num">${hit.year}</td><td>${hit.template ?? '—'}</td><td>${hit.regionCode ?? '—'}</td>
<td class="source"><span class="format">${hit.format ?? '?'}</span> <span class="url" title="${hit.sourceUrl}">${hit.sourceUrl}</span></td>
<td>${checksBadge(hit)}</td></tr>`);
  return html`<table class="results"><thead><tr><th>Organ 机关</th><th>Year</th><th>Template</th><th>Region</th><th>Source 来源</th><th>Checks 校验</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** Pages of the counted hits; past a capped count, "next" stays while a page comes back full. */
function pager(search: URLSearchParams, page: number, total: number, totalCapped: boolean): SafeHtml {
  const pages = Math.max(Math.ceil(total / PAGE_SIZE), totalCapped ? page + 1 : 0);
  if (pages <= 1) return html``;
  const link = (to: number, label: string) => {
    const params = Object.fromEntries(search);
    return html`<a href="/${queryString({ ...params, page: to })}">${label}</a>`;
  };
  return html`<nav class="pager">${page > 1 ? link(page - 1, '← previous') : ''} page ${page} of ${pages}${totalCapped ? '+' : ''} ${page < pages ? link(page + 1, 'next →') : ''}</nav>`;
}

/** The FTS snippet with its [match] markers as <mark>, everything else escaped. */
function snippetHtml(snippet: string): SafeHtml {
  const parts = snippet.split(/\[([^[\]]{1,80})\]/);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<mark>${part}</mark>` : part))}`;
}
