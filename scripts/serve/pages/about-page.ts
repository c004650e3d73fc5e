// Dataset metadata (/about, /about.json): what the archive holds, where it came from (each portal
// with its captures and when they were fetched), when it was crawled, which parser read it, and
// the licence terms under which it is offered.
import { archiveMetadata, type Archive } from '../../../storage/index.ts';
import { html } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { htmlReply, type Reply } from '../reply.ts';
import { PAGE_CSP } from '../security-headers.ts';
import { regionLabel } from '../region-names.ts';
import type { ViewFormat } from '../table-view.ts';

/** The terms shown with the data: the reports are public government information; the tool is MIT. */
export const LICENCE = {
  data: 'The reports are government information published under 《中华人民共和国政府信息公开条例》; each figure links to its source capture. Cite the publishing organ and the source URL.',
  software: 'nianbao is MIT-licensed; region names from china-area-data (MIT).',
};

/** `/about` and `/about.json`. */
export function aboutView(archive: Archive, format: ViewFormat): Reply {
  const meta = archiveMetadata(archive);
  if (format === 'json' || format === 'csv') {
    return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ ...meta, licence: LICENCE }, null, 1), csp: PAGE_CSP };
  }
  const item = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value === null || value === undefined ? '—' : String(value)}</dd></div>`;
  const sources = meta.sources.map((s) => html`<tr><td>${s.name ?? (s.portalId === null ? 'no portal (seed files, single URLs)' : '')}</td><td class="url">${s.url ?? ''}</td>
<td>${regionLabel(s.divisionCode)}</td><td class="num">${s.captures}</td><td class="num">${s.reports}</td><td>${s.firstFetchedAt ?? '—'}</td><td>${s.lastFetchedAt ?? '—'}</td></tr>`);
  return htmlReply(pageLayout('About', '/about', html`<h1>About this archive 数据说明</h1>
<dl class="facts" id="metadata">${item('Reports', meta.reports)}${item('Organs', meta.organs)}${item('Captures', meta.captures)}
${item('Years covered', meta.years.first === null ? null : `${meta.years.first}–${meta.years.last}`)}
${item('First fetched', meta.firstFetchedAt)}${item('Last fetched', meta.lastFetchedAt)}
${item('Last run', meta.lastRun ? `run ${meta.lastRun.id} (${meta.lastRun.kind}, ${meta.lastRun.status}, ${meta.lastRun.finishedAt ?? 'not finished'})` : null)}
${item('Parser versions', meta.parserVersions.map((p) => `${p.version} (${p.reports})`).join(', ') || null)}</dl>
<h2>Licence 许可</h2><p id="licence-data">${LICENCE.data}</p><p class="muted">${LICENCE.software}</p>
<h2>Sources 来源</h2><table class="view" id="sources"><thead><tr><th>Portal</th><th>URL</th><th>Region</th><th class="num">Captures</th><th class="num">Reports</th><th>First fetched</th><th>Last fetched</th></tr></thead><tbody>${sources}</tbody></table>
<p><a href="/about.json">This page as JSON</a></p>`));
}
