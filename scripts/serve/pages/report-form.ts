// The report's three tables laid out like the official form (2021 or 2019 generation). Every
// figure cell carries its raw string and provenance in its tooltip; cells a failing check points
// at are highlighted.
import type { ReportField } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import {
  activeBlocks, APPLICANT_COLUMNS, ORGANISATION_COLUMN_LABELS, resultGroups, REVIEW_COLUMN_LABELS, REVIEW_COLUMNS, REVIEW_GROUPS,
} from './form-layout.ts';
import { provenanceText } from './provenance-text.ts';

type Template = '2021' | '2019';

/** What the form cells need: the figures by key and the failing rules by key. */
export interface FormData {
  fields: Map<string, ReportField>;
  flagged: Map<string, string[]>;
  /** Failing rule → who is to blame, so source and parse doubts are told apart by colour. */
  blame: Map<string, string | undefined>;
}

function figureCell(data: FormData, key: string, colspan = 1): SafeHtml {
  const field = data.fields.get(key);
  const rules = data.flagged.get(key);
  const blame = rules ? (rules.some((r) => data.blame.get(r) === 'source') ? 'source' : 'parse') : '';
  const classes = ['fig', field?.value === null || !field ? 'blank' : '', rules ? `flagged ${blame}` : ''].filter(Boolean).join(' ');
  const rawText = field ? (field.raw === null ? 'blank cell' : `raw “${field.raw}”`) : 'not read';
  const title = [key, rawText, provenanceText(field?.provenance), rules ? `fails ${rules.join(', ')}` : ''].filter(Boolean).join(' · ');
  const shown = field?.value ?? (field?.raw ? field.raw : '');
  return html`<td class="${classes}" data-key="${key}" title="${title}"${colspan > 1 ? html` colspan="${colspan}"` : ''}>${shown}</td>`;
}

function activeTable(template: Template, data: FormData): SafeHtml {
  const rows = activeBlocks(template).flatMap((block) => {
    const header = html`<tr><th class="sub" colspan="4">${block.heading}</th></tr>
<tr><th>信息内容</th>${block.columns.map((c, i) => html`<th${spanAttr(colspanOf(i, block.columns.length))}>${c}</th>`)}</tr>`;
    const body = block.rows.map(([label, keys]) => html`<tr><th class="label">${label}</th>${keys.map((k, i) => figureCell(data, k, colspanOf(i, keys.length)))}</tr>`);
    return [header, ...body];
  });
  return html`<table class="form" id="table-active"><caption>二、主动公开政府信息情况</caption><tbody>${rows}</tbody></table>`;
}

/** Cells spread over three value columns: one column spans 3, two columns give the last one 2. */
function colspanOf(index: number, count: number): number {
  if (count === 3) return 1;
  if (count === 1) return 3;
  return index === count - 1 ? 2 : 1;
}

function spanAttr(colspan: number): SafeHtml {
  return colspan > 1 ? html` colspan="${colspan}"` : html``;
}

function applicationRow(data: FormData, row: string, labelCells: SafeHtml): SafeHtml {
  return html`<tr data-row="${row}">${labelCells}${APPLICANT_COLUMNS.map((c) => figureCell(data, `apps.${row}.${c}`))}</tr>`;
}

function applicationsTable(template: Template, data: FormData): SafeHtml {
  const groups = resultGroups(template);
  const resultRowCount = groups.reduce((n, g) => n + g.rows.length, 0);
  const header = html`<tr><th colspan="3" rowspan="3" class="note">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7">申请人情况</th></tr>
<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>
<tr>${ORGANISATION_COLUMN_LABELS.map((l) => html`<th>${l}</th>`)}</tr>`;
  const rows: SafeHtml[] = [
    applicationRow(data, 'new', html`<th colspan="3" class="label">一、本年新收政府信息公开申请数量</th>`),
    applicationRow(data, 'carried_over', html`<th colspan="3" class="label">二、上年结转政府信息公开申请数量</th>`),
  ];
  groups.forEach((group, groupIndex) => {
    group.rows.forEach(([itemLabel, row], itemIndex) => {
      const outer = groupIndex === 0 && itemIndex === 0 ? html`<th rowspan="${resultRowCount}" class="label">三、本年度办理结果</th>` : html``;
      const labels = itemLabel
        ? html`${itemIndex === 0 ? html`<th rowspan="${group.rows.length}" class="label">${group.label}</th>` : ''}<th class="label">${itemLabel}</th>`
        : html`<th colspan="2" class="label">${group.label}</th>`;
      rows.push(applicationRow(data, row, html`${outer}${labels}`));
    });
  });
  rows.push(applicationRow(data, 'carried_forward', html`<th colspan="3" class="label">四、结转下年度继续办理</th>`));
  return html`<table class="form" id="table-applications"><caption>三、收到和处理政府信息公开申请情况</caption><thead>${header}</thead><tbody>${rows}</tbody></table>`;
}

function reviewsTable(data: FormData): SafeHtml {
  const columnHeads = REVIEW_COLUMN_LABELS.map((l) => html`<th>${l}</th>`);
  return html`<table class="form" id="table-reviews"><caption>四、政府信息公开行政复议、行政诉讼情况</caption><thead>
<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>
<tr>${REVIEW_COLUMN_LABELS.map((l) => html`<th rowspan="2">${l}</th>`)}<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
<tr>${columnHeads}${columnHeads}</tr></thead>
<tbody><tr>${REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => figureCell(data, `${g}.${c}`)))}</tr></tbody></table>`;
}

/** The three tables of a 2021 or 2019 report. */
export function reportForm(template: Template, data: FormData): SafeHtml {
  return html`<section class="form-tables" data-template="${template}">
${activeTable(template, data)}
${applicationsTable(template, data)}
${reviewsTable(data)}
</section>`;
}
