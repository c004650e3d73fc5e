// Charts over the years for one organ or one region: applications received and how they were
// answered; 行政复议 and 行政诉讼. A region's figures are the sums over its organs' reports.
import { archiveDataVersion, fieldSeries, regionSeries, type Archive } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { cachedFacets, cachedOrgans } from '../archive-cache.ts';
import { textParam } from '../params.ts';
import { plotChart, type ChartSeries } from '../plot-chart.ts';
import { regionLabel } from '../region-names.ts';
import { resultGroups } from './form-layout.ts';

/** How applications were answered: each group of result rows (2021 and 2019 together) summed. */
const ANSWER_GROUPS: [label: string, rows: string[]][] = [
  ['予以公开 granted', ['granted']],
  ['部分公开 partly', ['partly_granted']],
  ['不予公开 denied', rowsOf('（三）不予公开')],
  ['无法提供 unable', rowsOf('（四）无法提供')],
  ['不予处理 not processed', rowsOf('（五）不予处理')],
  ['其他处理 other', ['other', ...rowsOf('（六）其他处理', '2021')]],
];
const REVIEW_SERIES: [label: string, key: string][] = [
  ['行政复议 total', 'review.total'], ['复议 纠正 corrected', 'review.corrected'],
  ['诉讼(直接) total', 'suit_direct.total'], ['诉讼(复议后) total', 'suit_after_review.total'],
];
const RECEIVED_KEY = 'apps.new.total';

function rowsOf(label: string, template: '2021' | '2019' = '2021'): string[] {
  return resultGroups(template).find((g) => g.label === label)?.rows.map(([, row]) => row) ?? [];
}

const ANSWER_KEYS = ANSWER_GROUPS.flatMap(([, rows]) => rows.map((r) => `apps.${r}.total`));
const ALL_KEYS = [RECEIVED_KEY, ...ANSWER_KEYS, ...REVIEW_SERIES.map(([, key]) => key)];

function sumOf(values: Record<string, number | null>, keys: string[]): number | null {
  const present = keys.map((k) => values[k]).filter((v): v is number => v !== null && v !== undefined);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

/** Renders `/charts?organ=…` or `/charts?region=…`. */
export function chartsPage(archive: Archive, search: URLSearchParams): SafeHtml {
  const organ = textParam(search, 'organ');
  const region = textParam(search, 'region', 12)?.replace(/\D/g, '') || undefined;
  // Plot takes ~30 ms a chart: a page is kept until the archive changes (SQLite's data_version).
  const key = `${archiveDataVersion(archive)}\u0000${organ ?? ''}\u0000${region ?? ''}`;
  const cached = pageCache.get(archive)?.get(key);
  if (cached) return cached;
  const page = renderCharts(archive, organ, region);
  const pages = pageCache.get(archive) ?? new Map<string, SafeHtml>();
  if (pages.size >= MAX_CACHED_PAGES) pages.delete(pages.keys().next().value!);
  pageCache.set(archive, pages.set(key, page));
  return page;
}

/** Rendered chart pages per archive, oldest first (a few dozen organs and regions at most). */
const pageCache = new WeakMap<Archive, Map<string, SafeHtml>>();
const MAX_CACHED_PAGES = 64;

function renderCharts(archive: Archive, organ: string | undefined, region: string | undefined): SafeHtml {
  // With nothing chosen the charts show the whole archive (sums over every report), not an empty page.
  const series = organ ? fieldSeries(archive, organ, ALL_KEYS) : regionSeries(archive, region ?? '', ALL_KEYS);
  const subject = organ ?? (region ? `region ${regionLabel(region)}` : null);
  const content = html`<h1>Charts 图表 — ${subject ?? 'every report in the archive 全部'}</h1>
${picker(archive, organ, region)}
${series.length === 0 ? html`<p class="empty">No figures for ${subject ?? 'the archive'}.</p>` : ''}
${series.length ? charts(series) : ''}`;
  return pageLayout(subject ? `Charts: ${subject}` : 'Charts', '/charts', content);
}

/** Above this many organs the picker is a text box (a select of thousands of names is unusable). */
const MAX_ORGAN_OPTIONS = 300;

function picker(archive: Archive, organ: string | undefined, region: string | undefined): SafeHtml {
  const organs = cachedOrgans(archive);
  const regions = cachedFacets(archive).regions;
  const organInput = organs.length > MAX_ORGAN_OPTIONS
    ? html`<input name="organ" id="f-organ" value="${organ ?? ''}" placeholder="full name, e.g. ${organs[0]?.organ ?? ''}" size="30">`
    : html`<select name="organ" id="f-organ"><option value="">—</option>${organs.map((o) =>
      html`<option value="${o.organ}"${o.organ === organ ? html` selected` : ''}>${o.organ} (${o.reports})</option>`)}</select>`;
  return html`<form class="search" method="get" action="/charts"><label>Organ 机关 ${organInput}</label><button type="submit">Show organ</button></form>
<form class="search" method="get" action="/charts"><label>Region 区划 <select name="region" id="f-chart-region"><option value="">—</option>${regions.map((r) =>
    html`<option value="${r.code}"${r.code === region ? html` selected` : ''}>${regionLabel(r.code)} (${r.reports} reports)</option>`)}</select></label><button type="submit">Show region</button></form>`;
}

function charts(series: { year: number; values: Record<string, number | null> }[]): SafeHtml {
  const categories = series.map((s) => String(s.year));
  const answered: ChartSeries[] = ANSWER_GROUPS.map(([label, rows]) => ({ label, values: series.map((s) => sumOf(s.values, rows.map((r) => `apps.${r}.total`))) }));
  const received: ChartSeries = { label: '本年新收 received', values: series.map((s) => s.values[RECEIVED_KEY] ?? null) };
  const reviews: ChartSeries[] = REVIEW_SERIES.map(([label, key]) => ({ label, values: series.map((s) => s.values[key] ?? null) }));
  const tableRows = [received, ...answered, ...reviews].map((s) => html`<tr><th>${s.label}</th>${s.values.map((v) => html`<td class="num">${v ?? '—'}</td>`)}</tr>`);
  return html`<div class="charts">
${plotChart({ title: 'Applications received and how they were answered 依申请公开', categories, series: answered, line: received, mode: 'stacked' })}
${plotChart({ title: '行政复议 and 行政诉讼', categories, series: reviews, mode: 'grouped' })}
</div>
<details class="chart-data" open><summary>The figures drawn</summary><table><thead><tr><th></th>${categories.map((c) => html`<th class="num">${c}</th>`)}</tr></thead><tbody>${tableRows}</tbody></table></details>`;
}
