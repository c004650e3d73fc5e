// One capture: what was fetched and when, the reports it feeds, its other versions, and the
// archived content itself in a sandboxed frame (or, for a PDF, links to view or download it).
import { capturedUrlId, capturesLinkedFrom, capturesOfUrl, getCapture, getCaptureBody, reportsOfCapture, type Archive, type Capture } from '../../../storage/index.ts';
import { captureKind } from '../archived-view.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { NotFound } from '../reply.ts';

/** Renders `/capture/:id`. */
export function capturePage(archive: Archive, captureId: number): SafeHtml {
  const capture = getCapture(archive, captureId);
  if (!capture) throw new NotFound(`no capture with id ${captureId}`);
  const bytes = getCaptureBody(archive, captureId);
  const kind = bytes ? captureKind(capture, bytes) : null;
  const body = html`
<h1>Capture ${capture.id}</h1>
<p class="url">${capture.url}</p>
${feeds(archive, capture)}
${original(capture, kind)}
${linkedFrom(archive, capture)}
${facts(archive, capture)}
${versions(archive, capture)}`;
  return pageLayout(`Capture ${capture.id}`, '', body);
}

function original(capture: Capture, kind: string | null): SafeHtml {
  if (!kind) return html`<p class="notice">Nothing was stored for this fetch: ${capture.error ?? `status ${capture.status ?? 'none'}`}.</p>`;
  const download = html`<a class="button" href="/capture/${capture.id}/raw?download=1">Download as captured</a>`;
  if (kind === 'pdf') {
    // The viewer would run the PDF's own JavaScript: the page shows its parsed text and offers the file as a download.
    return html`<section class="original"><h2>Original 原件 (PDF) <small>shown as its parsed text; the file is only downloaded, never opened in the browser's viewer</small></h2>
<p>${download}</p>
<iframe class="archived" sandbox="" referrerpolicy="no-referrer" src="/capture/${capture.id}/view" title="Text of the PDF of capture ${capture.id}"></iframe></section>`;
  }
  if (kind === 'other') return html`<section class="original"><h2>Original 原件</h2><p>This file type is not shown in the browser. ${download}</p></section>`;
  return html`<section class="original"><h2>Original 原件 <small>as captured; scripts and outside requests are blocked</small></h2>
<p>${download}</p>
<iframe class="archived" sandbox="" referrerpolicy="no-referrer" src="/capture/${capture.id}/view" title="Archived content of capture ${capture.id}"></iframe></section>`;
}

function feeds(archive: Archive, capture: Capture): SafeHtml {
  const reports = reportsOfCapture(archive, capture.id);
  if (reports.length === 0) return html``;
  return html`<p class="feeds">Source of: ${reports.map((r) => html`<a href="/report/${r.reportId}">${r.organ} ${r.year}</a> <span class="muted">(${r.role})</span> `)}</p>`;
}

function facts(archive: Archive, c: Capture): SafeHtml {
  const referrerId = c.referrerUrl ? capturedUrlId(archive, c.referrerUrl) : undefined;
  const rows: [string, unknown][] = [
    ['URL', c.url], ['Final URL', c.finalUrl], ['Fetched', c.fetchedAt], ['Last seen', `${c.lastSeenAt} (seen ${c.seenCount}×)`],
    ['Status', c.status], ['Content type', c.contentType], ['Bytes', c.size], ['SHA-256', c.sha256], ['ETag', c.etag],
    ['Last-Modified', c.lastModified], ['Error', c.error], ['Taken for', c.label], ['Link text', c.linkText],
  ];
  return html`<section class="capture-facts"><h2>Fetch 抓取信息</h2><table class="facts-table"><tbody>
${rows.map(([label, value]) => html`<tr><th>${label}</th><td>${value === null || value === undefined ? '—' : String(value)}</td></tr>`)}
<tr><th>Run</th><td>${c.runId === null ? '—' : html`<a href="/runs/${c.runId}">run ${c.runId}</a>`}</td></tr>
<tr><th>Linked from</th><td>${c.referrerUrl ?? '—'} ${referrerId !== undefined ? html`(<a href="/capture/${referrerId}">archived</a>)` : ''}</td></tr>
</tbody></table>
${c.headers ? html`<details><summary>Response headers</summary><table class="facts-table">${Object.entries(c.headers).map(([k, v]) =>
    html`<tr><th>${k}</th><td>${Array.isArray(v) ? v.join(', ') : String(v)}</td></tr>`)}</table></details>` : ''}</section>`;
}

function versions(archive: Archive, capture: Capture): SafeHtml {
  const all = capturesOfUrl(archive, capture.url);
  if (all.length <= 1) return html``;
  return html`<section><h2>Every capture of this URL</h2><ul>${all.map((v) => html`<li>${v.id === capture.id ? html`<strong>capture ${v.id}</strong>` : html`<a href="/capture/${v.id}">capture ${v.id}</a>`}
 — ${v.fetchedAt}, ${v.size ?? 0} bytes, ${v.sha256?.slice(0, 12) ?? 'no body'}</li>`)}</ul></section>`;
}

function linkedFrom(archive: Archive, capture: Capture): SafeHtml {
  const linked = capturesLinkedFrom(archive, capture.url);
  if (linked.length === 0) return html``;
  return html`<section class="linked"><h2>Archived from this page 本页链接的附件</h2><ul>${linked.map((l) =>
    html`<li><a href="/capture/${l.id}">${l.linkText || l.url}</a> <span class="muted">${l.contentType ?? ''}</span></li>`)}</ul></section>`;
}
