// `/audit`: the evaluator's yearly audit in the browser — per organ, published? on time? complete?
// changed after publication? — a page of 100 organs at a time, the same rows as `nianbao audit`.
import { auditYear, lastCompleteYear, listPortals, type Archive, type AuditRow } from '../../../storage/index.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { intParam, textParam } from '../params.ts';

const ROWS_PER_PAGE = 100;

function onTimeText(r: AuditRow): string {
  if (r.onTime === 'seen-by') return `seen by ${r.seenBy?.slice(0, 10) ?? '?'} (no printed date)`;
  if (r.onTime === '') return '';
  return `${r.onTime === 'late' ? 'late' : 'on time'}: ${r.publishedDate} (${r.dateSource})`;
}

/** Renders `/audit`. */
export function auditPage(archive: Archive, search: URLSearchParams): SafeHtml {
  const year = intParam(search, 'year', 2008, 2100) ?? lastCompleteYear();
  const portalId = intParam(search, 'portal', 1);
  const regionPrefix = textParam(search, 'region', 12)?.replace(/\D/g, '') || undefined;
  const page = intParam(search, 'page', 1, 1_000_000) ?? 1;
  const { rows, total } = auditYear(archive, { year, portalId, regionPrefix, limit: ROWS_PER_PAGE, offset: (page - 1) * ROWS_PER_PAGE });
  const portals = listPortals(archive);
  const portalNames = new Map(portals.map((p) => [p.id, p.name ?? p.url]));
  const form = html`<form class="search" method="get" action="/audit">
<label>Year 年度 <input name="year" id="f-year" value="${year}" size="5" inputmode="numeric"></label>
<label>Portal 门户 <select name="portal" id="f-portal"><option value="">all</option>${portals.map((p) =>
    html`<option value="${p.id}"${p.id === portalId ? html` selected` : ''}>${p.name ?? p.url}</option>`)}</select></label>
<label>Region code 区划 <input name="region" id="f-region" value="${regionPrefix ?? ''}" inputmode="numeric"></label>
<button type="submit">Audit</button></form>`;
  const body = rows.map((r) => html`<tr data-organ="${r.organ}" data-published="${r.published}" data-on-time="${r.onTime}">
<th class="label">${r.organ}</th><td>${r.divisionCode ?? ''}</td><td>${r.portalId === null ? '' : portalNames.get(r.portalId) ?? r.portalId}</td>
<td class="cov ${r.published === 'found' ? 'ok' : r.published}">${r.reportId !== null ? html`<a href="/report/${r.reportId}">${r.published}</a>` : r.published}</td>
<td class="${r.onTime}">${onTimeText(r)}</td><td>${r.deadline}</td>
<td>${[...r.problems, ...(r.changed.length ? [`changed after publication (captures ${r.changed.join(', ')})`] : [])].join('; ')}</td></tr>`);
  const count = (f: (r: AuditRow) => boolean) => rows.filter(f).length;
  const pages = Math.ceil(total / ROWS_PER_PAGE);
  const link = (to: number, label: string) => html`<a href="/audit${queryString({ ...Object.fromEntries(search), page: to })}">${label}</a>`;
  const content = html`<h1>Audit 年报审核 ${year}</h1>${form}
<p class="count" id="audit-summary">${total} organs; on this page ${count((r) => r.published === 'found')} reports (organ × ${year}) found,
${count((r) => r.published === 'missing')} missing, ${count((r) => r.published === 'lookalike')} only look-alikes, ${count((r) => r.published === 'ocr-pending')} awaiting OCR, ${count((r) => r.onTime === 'late')} late,
${count((r) => r.onTime === 'seen-by')} without a printed date, ${count((r) => r.problems.length > 0)} with content problems.</p>
<p class="notice">Deadlines (条例 2019 第四十九条): departments of county-level and higher governments 31 January, those governments
31 March of the next year; townships and 街道 (not named there) 31 January unless set (<code>nianbao audit --deadline township=MM-DD --save</code>).
A date is the one the page or document prints; without one a report is only "seen by" its first capture.</p>
${rows.length ? html`<table class="audit"><thead><tr><th>Organ 机关</th><th>Division</th><th>Portal</th><th>Published</th><th>On time</th><th>Deadline</th><th>Problems</th></tr></thead>
<tbody>${body}</tbody></table>` : html`<p class="empty">No organ matches.</p>`}
${pages > 1 ? html`<nav class="pager">${page > 1 ? link(page - 1, '← previous') : ''} organs page ${page} of ${pages} ${page < pages ? link(page + 1, 'next →') : ''}</nav>` : ''}`;
  return pageLayout('Audit', '/audit', content);
}
