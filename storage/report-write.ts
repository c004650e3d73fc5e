// Keeping one report per organ and year in step with its parses: choose the best candidate,
// write the report row, its long and wide fields, checks, sources and full-text entry.
// Runs inside the caller's transaction.
import type Database from 'better-sqlite3';
import { checkStatus, FIELD_SPECS, type Check, type CheckStatus, type ParseResult } from '../parsers/index.ts';
import { rankCandidates, type Candidate } from './report-selection.ts';
import { cached } from './statements.ts';
import { quoteIdentifier } from './wide-columns.ts';

type StoredResult = Omit<ParseResult, 'text'>;

/** Finds the current candidates, one parse per URL: the latest parse of the newest capture. */
function findCandidates(db: Database.Database, organId: number, year: number): (Candidate & { referrerUrl: string | null; portalId: number | null })[] {
  const rows = cached(db, `
    SELECT p.id AS parseId, p.capture_id AS captureId, c.url, p.format, p.template, p.checks_failed AS checksFailed,
           p.fields_filled AS fieldsFilled, p.confidence, c.referrer_url AS referrerUrl, c.portal_id AS portalId
    FROM parses p JOIN captures c ON c.id = p.capture_id
    WHERE p.organ IN (SELECT name FROM organ_aliases WHERE organ_id = ?) AND p.year = ? AND p.template IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM parses later WHERE later.capture_id = p.capture_id AND later.id > p.id)
    ORDER BY c.id DESC`).all(organId, year) as (Candidate & { referrerUrl: string | null; portalId: number | null })[];
  const seenUrls = new Set<string>();
  return rows.filter((row) => !seenUrls.has(row.url) && seenUrls.add(row.url));
}

/**
 * Re-chooses the report for organ × year from the parses of every name the organ was printed
 * under, and rewrites it. Returns its id, or null when no parse names this organ and year any more
 * (the report is then removed). `reports.organ` is the organ's canonical name.
 */
export function selectReport(db: Database.Database, organId: number, year: number): number | null {
  const candidates = findCandidates(db, organId, year);
  const organRow = cached(db, 'SELECT name, division_code FROM organs WHERE id = ?').get(organId) as { name: string; division_code: string | null } | undefined;
  const organ = organRow?.name;
  const existing = cached(db, 'SELECT id, parse_id FROM reports WHERE organ_id = ? AND year = ?').get(organId, year) as { id: number; parse_id: number } | undefined;
  if (existing) cached(db, `INSERT INTO report_search (report_search, rowid, title, text)
    SELECT 'delete', report_id, title, text FROM report_documents WHERE report_id = ?`).run(existing.id);
  if (candidates.length === 0 || organ === undefined) {
    if (existing) cached(db, 'DELETE FROM reports WHERE id = ?').run(existing.id);
    return null;
  }
  const { ranked, why } = rankCandidates(candidates);
  const best = candidates.find((c) => c.parseId === ranked[0].parseId)!;
  const parse = cached(db, 'SELECT result, parser_version FROM parses WHERE id = ?').get(best.parseId) as { result: string; parser_version: string };
  const result = JSON.parse(parse.result) as StoredResult;
  const now = new Date().toISOString();
  const values = [best.parseId, best.captureId, best.portalId, best.template, best.format, result.title, result.regionCode ?? organRow!.division_code,
    result.publishedDate, parse.parser_version, best.confidence, best.fieldsFilled, best.checksFailed, why, candidates.length, now];
  let reportId: number;
  if (existing) {
    reportId = existing.id;
    cached(db, `UPDATE reports SET parse_id = ?, capture_id = ?, portal_id = ?, template = ?, format = ?, title = ?, region_code = ?,
      published_date = ?, parser_version = ?, confidence = ?, fields_filled = ?, checks_failed = ?, chosen_why = ?, candidates = ?,
      updated_at = ?, organ = ? WHERE id = ?`).run(...values, organ, reportId);
  } else {
    reportId = Number(cached(db, `INSERT INTO reports (parse_id, capture_id, portal_id, template, format, title, region_code,
      published_date, parser_version, confidence, fields_filled, checks_failed, chosen_why, candidates, updated_at, organ, year, organ_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values, organ, year, organId).lastInsertRowid);
  }
  if (!existing || existing.parse_id !== best.parseId) writeFigures(db, reportId, result);
  writeSources(db, reportId, ranked);
  cached(db, `INSERT INTO report_search (rowid, title, text) SELECT report_id, title, text FROM report_documents WHERE report_id = ?`).run(reportId);
  return reportId;
}

/** The status column: a failing check is 'fails' whatever else it says; otherwise holds or not_checked. */
function storedStatus(check: Check): CheckStatus {
  if (!check.ok) return 'fails';
  return checkStatus(check) === 'not_checked' ? 'not_checked' : 'holds';
}

function writeFigures(db: Database.Database, reportId: number, result: StoredResult): void {
  for (const table of ['report_fields', 'report_checks', 'report_values']) cached(db, `DELETE FROM ${table} WHERE report_id = ?`).run(reportId);
  const insertField = cached(db, 'INSERT INTO report_fields (report_id, key, value, raw, provenance) VALUES (?, ?, ?, ?, ?)');
  for (const [key, value] of Object.entries(result.fields)) {
    const cell = result.cells?.[key];
    insertField.run(reportId, key, value, cell?.raw ?? null, cell?.source ? JSON.stringify(cell.source) : null);
  }
  const insertCheck = cached(db, 'INSERT INTO report_checks (report_id, seq, rule, ok, blame, detail, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
  result.checks.forEach((check, seq) => insertCheck.run(reportId, seq, check.rule, Number(check.ok), check.blame ?? null, check.detail, storedStatus(check)));
  cached(db, wideInsertSql()).run(reportId, ...FIELD_SPECS.map((f) => result.fields[f.key] ?? null));
}

let wideInsert: string | undefined;
function wideInsertSql(): string {
  wideInsert ??= `INSERT INTO report_values (report_id, ${FIELD_SPECS.map((f) => quoteIdentifier(f.key)).join(', ')})
    VALUES (?${', ?'.repeat(FIELD_SPECS.length)})`;
  return wideInsert;
}

/**
 * Every candidate capture, plus the page that linked to each attachment when it was captured. An
 * HTML candidate is a report page itself: the list page that linked to it is not part of the report.
 */
function writeSources(db: Database.Database, reportId: number, ranked: (Candidate & { referrerUrl?: string | null })[]): void {
  cached(db, 'DELETE FROM report_sources WHERE report_id = ?').run(reportId);
  const insert = cached(db, 'INSERT OR IGNORE INTO report_sources (report_id, capture_id, parse_id, role) VALUES (?, ?, ?, ?)');
  ranked.forEach((c, i) => insert.run(reportId, c.captureId, c.parseId, i === 0 ? 'chosen' : 'alternative'));
  for (const c of ranked) {
    if (!c.referrerUrl || c.format === 'html') continue;
    const page = cached(db, 'SELECT id FROM captures WHERE url = ? AND id <= ? ORDER BY id DESC LIMIT 1').pluck().get(c.referrerUrl, c.captureId)
      ?? cached(db, 'SELECT id FROM captures WHERE url = ? ORDER BY id DESC LIMIT 1').pluck().get(c.referrerUrl);
    if (page !== undefined) insert.run(reportId, page, null, 'page');
  }
}
