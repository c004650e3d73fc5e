// The wide table follows the field contract: report_values gets a column for every key in
// FIELD_SPECS, and the reports_wide view lists them in fields.tsv order after the report's facts.
// Derived from the contract at open time, so a new field key needs no numbered migration.
import type Database from 'better-sqlite3';
import { FIELD_SPECS } from '../parsers/index.ts';

/** Quotes an identifier for SQL (field keys contain dots). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The report columns the wide view shows before the field columns, in order. */
export const WIDE_REPORT_COLUMNS = [
  'report_id', 'organ', 'year', 'template', 'region_code', 'published_date', 'title', 'format',
  'confidence', 'fields_filled', 'checks_failed', 'parser_version', 'source_url', 'portal_url',
] as const;

function wideViewSql(): string {
  const fieldColumns = FIELD_SPECS.map((f) => `v.${quoteIdentifier(f.key)}`).join(',\n  ');
  return `CREATE VIEW reports_wide AS SELECT
  r.id AS report_id, r.organ, r.year, r.template, r.region_code, r.published_date, r.title, r.format,
  r.confidence, r.fields_filled, r.checks_failed, r.parser_version, c.url AS source_url, p.url AS portal_url,
  ${fieldColumns}
FROM reports r
LEFT JOIN report_values v ON v.report_id = r.id
LEFT JOIN captures c ON c.id = r.capture_id
LEFT JOIN portals p ON p.id = r.portal_id`;
}

/** Adds missing field columns and (re)creates the wide view when its definition changed. */
export function syncWideColumns(db: Database.Database): void {
  if (wideColumnsToAdd(db).length === 0 && currentViewSql(db) === wideViewSql()) return;
  // Checked again under the write lock: another process opening the same file may have done it.
  db.transaction(() => {
    for (const field of wideColumnsToAdd(db)) db.exec(`ALTER TABLE report_values ADD COLUMN ${quoteIdentifier(field.key)} NUMERIC`);
    if (currentViewSql(db) === wideViewSql()) return;
    db.exec('DROP VIEW IF EXISTS reports_wide');
    db.exec(wideViewSql());
  }).immediate();
}

function wideColumnsToAdd(db: Database.Database) {
  const existing = new Set((db.prepare('PRAGMA table_info(report_values)').all() as { name: string }[]).map((c) => c.name));
  return FIELD_SPECS.filter((f) => !existing.has(f.key));
}

function currentViewSql(db: Database.Database): unknown {
  return db.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'reports_wide'").pluck().get();
}
