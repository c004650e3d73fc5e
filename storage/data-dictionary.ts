// The data dictionary shipped with every export: what each column of the wide table means,
// built from the field contract (fields.tsv) so it can never drift from the columns.
import { FIELD_SPECS } from '../parsers/index.ts';
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

/** The dictionary's columns. */
export const DICTIONARY_COLUMNS = ['column', 'template', 'table', 'row_label', 'column_label', 'unit', 'meaning'];

/** One row per wide-table column: report facts first, then every field key in fields.tsv order. */
export function dataDictionaryRows(): unknown[][] {
  const reportRows = WIDE_REPORT_COLUMNS.map((column) => [column, 'both', 'report', null, null, null, REPORT_COLUMN_MEANINGS[column]]);
  const fieldRows = FIELD_SPECS.map((f) => [
    f.key, f.template, f.table, f.rowLabel, f.columnLabel, f.unit,
    `${f.rowLabel} — ${f.columnLabel}; ${f.unit === '10k_yuan' ? 'amount in 万元 as printed' : 'count'}; empty when the cell was blank, "/", "无"…`,
  ]);
  return [...reportRows, ...fieldRows];
}
