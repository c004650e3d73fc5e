// The data dictionary shipped with every export: what each column of the wide table means,
// built from the field contract (fields.tsv) so it can never drift from the columns.
import { FIELD_SPECS } from '../parsers/index.ts';
import { stataNames } from './stata-names.ts';
import { WIDE_REPORT_COLUMNS } from './wide-columns.ts';

const REPORT_COLUMN_MEANINGS: Record<(typeof WIDE_REPORT_COLUMNS)[number], string> = {
  report_id: 'the report\'s id in this archive (stable while the archive lives)',
  organ: 'the reporting organ as its title names it, without year and report words',
  year: 'the year the statistics cover (not the year of publication)',
  template: '2021 (国办公开办函〔2021〕30号), 2019 (〔2019〕60号), or legacy (2018 and earlier, no fields)',
  region_code: 'administrative-division code (6 digits) of the publishing site, when known',
  published_date: 'publication date as the page or file states it',
  title: 'the report\'s title',
  format: 'format of the chosen source: html, pdf, docx, doc, text, image',
  confidence: '0..1: 1 for a clean text-layer parse whose checks pass; lower for OCR or doubtful parses',
  fields_filled: 'how many fields have a figure',
  checks_failed: 'how many consistency checks fail (see report_checks)',
  parser_version: 'version of the parser that produced these figures',
  source_url: 'URL of the document the figures were read from',
  portal_url: 'the portal whose crawl found it',
};

/** Chinese labels of the report columns (the XLSX label row, Stata variable labels). */
export const REPORT_COLUMN_LABELS: Record<(typeof WIDE_REPORT_COLUMNS)[number], string> = {
  report_id: '报告编号', organ: '机关', year: '年度', template: '模板', region_code: '行政区划代码', published_date: '发布日期',
  title: '标题', format: '格式', confidence: '置信度', fields_filled: '有数字段数', checks_failed: '未通过核对数',
  parser_version: '解析器版本', source_url: '来源网址', portal_url: '门户网址',
};

/** The dictionary's columns. */
export const DICTIONARY_COLUMNS = ['column', 'stata_name', 'label_zh', 'template', 'table', 'row_label', 'column_label', 'unit', 'meaning'];
/** Their Chinese labels (the XLSX label row). */
export const DICTIONARY_LABELS = ['列名', 'Stata 变量名', '中文标签', '模板', '表', '行', '列', '单位', '含义'];

/** One row per wide-table column: report facts first, then every field key in fields.tsv order. */
export function dataDictionaryRows(): unknown[][] {
  const columns = [...WIDE_REPORT_COLUMNS, ...FIELD_SPECS.map((f) => f.key)];
  const stata = stataNames(columns);
  const reportRows = WIDE_REPORT_COLUMNS.map((column, i) => [column, stata[i], REPORT_COLUMN_LABELS[column], 'both', 'report', null, null, null, REPORT_COLUMN_MEANINGS[column]]);
  const fieldRows = FIELD_SPECS.map((f, i) => [
    f.key, stata[WIDE_REPORT_COLUMNS.length + i], `${f.rowLabel}｜${f.columnLabel}`, f.template, f.table, f.rowLabel, f.columnLabel, f.unit,
    `${f.rowLabel} — ${f.columnLabel}; ${f.unit === '10k_yuan' ? 'amount in 万元 as printed' : 'count'}; empty when the cell was blank, "/", "无"…`,
  ]);
  return [...reportRows, ...fieldRows];
}
