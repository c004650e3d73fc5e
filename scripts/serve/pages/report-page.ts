// One report: its facts, the form tables with every figure's raw string and provenance, its checks
// (failing ones first, with who is to blame), its sources (every capture) and the organ's other years.
import { capturesOfUrl, getReport, reportText, type Archive, type ReportDetail } from '../../../storage/index.ts';
import { checkStatus, type CheckStatus } from '../../../parsers/index.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { NotFound } from '../reply.ts';
import { blameText, checksBadge } from './badges.ts';
import { highlightedKeys } from './check-highlights.ts';
import { provenanceText } from './provenance-text.ts';
import { reportForm } from './report-form.ts';

/** Renders `/report/:id`. */
export function reportPage(archive: Archive, reportId: number): SafeHtml {
  const report = getReport(archive, reportId);
  if (!report) throw new NotFound(`no report with id ${reportId}`);
  const template = report.template === '2021' || report.template === '2019' ? report.template : null;
  const flagged = template ? highlightedKeys(report.checks, template) : new Map<string, string[]>();
  const body = html`
<h1>${report.organ} <span class="year">${report.year}</span></h1>
<p class="subtitle">${report.title ?? ''} ${checksBadge(report)}</p>
${facts(report)}
${checksSection(report)}
${template
    ? reportForm(template, { fields: new Map(report.fields.map((f) => [f.key, f])), flagged, blame: new Map(report.checks.map((c) => [c.rule, c.blame])) })
    : html`<p class="notice">${report.template === 'legacy' ? 'A report under the 2008 rules: no standard tables, its text is kept below.' : `No tables were read${report.reason ? `: ${report.reason}` : '.'}`}</p>`}
${figuresDetails(report)}
${sourcesSection(archive, report)}
${otherYears(report)}
${sectionsText(report)}
${fullText(reportText(archive, report.id), report.template === 'legacy')}`;
  return pageLayout(`${report.organ} ${report.year}`, '', body);
}

function facts(r: ReportDetail): SafeHtml {
  const item = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value === null || value === undefined || value === '' ? '—' : String(value)}</dd></div>`;
  return html`<dl class="facts">
${item('Template 格式', r.template)}${item('Region 区划', r.regionCode)}${item('Published 发布', r.publishedDate)}
${item('Format', r.format)}${item('Figures read', r.fieldsFilled)}${item('Confidence', r.confidence === null ? null : r.confidence.toFixed(2))}
${item('Parser', r.parserVersion)}${item('Chosen because', r.chosenWhy)}${item('Updated', r.updatedAt)}
</dl>
<p class="links"><a href="/charts${queryString({ organ: r.organ })}">Charts for this organ</a> · <a href="/${queryString({ organ: r.organ })}">All its reports</a></p>`;
}

const STATE_TEXT: Record<CheckStatus, string> = { holds: 'holds', fails: 'FAILS', not_checked: 'not checked' };
const STATE_ORDER: Record<CheckStatus, number> = { fails: 0, not_checked: 1, holds: 2 };

function checksSection(r: ReportDetail): SafeHtml {
  if (r.checks.length === 0) return html`<section class="checks"><h2>Checks 校验</h2><p class="muted">No checks were run.</p></section>`;
  const ordered = [...r.checks].sort((a, b) => STATE_ORDER[checkStatus(a)] - STATE_ORDER[checkStatus(b)]);
  const rows = ordered.map((c) => {
    const state = checkStatus(c);
    const rowClass = state === 'fails' ? 'check-fail' : state === 'not_checked' ? 'check-unknown' : 'check-ok';
    return html`<tr class="${rowClass}" data-rule="${c.rule}" data-status="${state}">
<td class="rule">${c.rule}</td><td>${STATE_TEXT[state]}</td><td>${state === 'fails' ? blameText(c.blame) : ''}</td><td class="detail">${c.detail}</td></tr>`;
  });
  const failing = r.checks.filter((c) => checkStatus(c) === 'fails').length;
  const unchecked = r.checks.filter((c) => checkStatus(c) === 'not_checked').length;
  const heading = [failing ? `${failing} failing` : '', unchecked ? `${unchecked} not checked` : '', !failing && !unchecked ? 'all hold' : ''].filter(Boolean).join(' · ');
  return html`<section class="checks"><h2>Checks 校验 <small>${heading}</small></h2>
<table class="checks-table"><thead><tr><th>Rule</th><th>Result</th><th>Blame</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table>
${failing ? html`<p class="legend"><span class="swatch flagged source"></span> figures that disagree as printed · <span class="swatch flagged parse"></span> figures the parse is unsure of — hover a figure for its raw string and where it was read.</p>` : ''}
${unchecked ? html`<p class="legend muted">“not checked”: every equation of the rule met a blank cell, so it neither holds nor fails.</p>` : ''}
</section>`;
}

function figuresDetails(r: ReportDetail): SafeHtml {
  if (r.fields.length === 0) return html``;
  const rows = r.fields.map((f) => html`<tr data-key="${f.key}"><td class="key">${f.key}</td><td class="num">${f.value ?? ''}</td><td class="raw">${f.raw ?? ''}</td><td>${provenanceText(f.provenance)}</td></tr>`);
  return html`<details class="figures"><summary>Every figure with its raw string and provenance (${r.fields.length})</summary>
<table><thead><tr><th>Key</th><th>Value</th><th>Raw</th><th>Where read</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function sourcesSection(archive: Archive, r: ReportDetail): SafeHtml {
  const rows = r.sources.map((s) => {
    const versions = capturesOfUrl(archive, s.url).filter((c) => c.id !== s.captureId);
    return html`<tr><td>${s.role}</td><td><a href="/capture/${s.captureId}">capture ${s.captureId}</a>${versions.length
      ? html`<div class="versions">other captures of this URL: ${versions.map((v) => html`<a href="/capture/${v.id}">${v.id} (${v.fetchedAt.slice(0, 10)})</a> `)}</div>` : ''}</td>
<td class="url">${s.url}</td><td>${s.fetchedAt}</td><td>${s.contentType ?? ''}</td><td class="num">${s.size ?? ''}</td></tr>`;
  });
  return html`<section class="sources"><h2>Sources 来源</h2><table><thead><tr><th>Role</th><th>Capture</th><th>URL</th><th>Fetched</th><th>Type</th><th>Bytes</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function otherYears(r: ReportDetail): SafeHtml {
  if (r.otherYears.length === 0) return html`<section class="other-years"><h2>Other years</h2><p class="muted">The archive has no other year of this organ.</p></section>`;
  return html`<section class="other-years"><h2>Other years 其他年度</h2><ul class="years">${r.otherYears.map((y) =>
    html`<li><a href="/report/${y.id}">${y.year}</a> ${checksBadge({ ...y, fieldsFilled: 1 })}</li>`)}</ul></section>`;
}

function sectionsText(r: ReportDetail): SafeHtml {
  if (r.sections.length === 0) return html``;
  return html`<section class="sections"><h2>Text 正文</h2>${r.sections.map((s) => html`<details><summary>${s.heading}</summary><div class="text">${s.text}</div></details>`)}</section>`;
}

function fullText(text: string | null, open: boolean): SafeHtml {
  if (!text) return html``;
  return html`<details class="full-text"${open ? html` open` : ''}><summary>Full text as parsed (${text.length} characters)</summary><div class="text">${text}</div></details>`;
}
