// The two full-text indexes of the chosen reports (migration 0004): `report_search` (trigram, 3+
// characters) and `report_chars` (one token per character, for 1–2-character words). Both are
// contentless: a report's entry is deleted by rowid and written again from its row, so nothing
// has to be replayed exactly. `facets` holds the year and region so those filters run in the index:
// in the trigram index written in private-use characters (no trigram of a report's text is one of
// theirs, so a year's doclist is that year's reports only), in the character index as words.
import type Database from 'better-sqlite3';
import { cached } from './statements.ts';

/** Text as the character index stores it: every character its own token ('复议' → '复 议'). */
export function spacedChars(text: string | null): string | null {
  return text === null ? null : Array.from(text).join(' ');
}

const YEAR_MARK = '\uE010';
const REGION_MARK = '\uE011';
const privateDigits = (digits: string) => Array.from(digits, (d) => String.fromCharCode(0xe000 + Number(d))).join('');

/** The trigram index's facet text for a year or a region (code prefix): what a query phrase looks for. */
export function trigramFacet(kind: 'year' | 'region', digits: string): string {
  return (kind === 'year' ? YEAR_MARK : REGION_MARK) + privateDigits(digits.replace(/\D/g, ''));
}

/** The character index's facet word for a year or a region code ('y2021', 'r410721'; prefix queries). */
export function charFacet(kind: 'year' | 'region', digits: string): string {
  return (kind === 'year' ? 'y' : 'r') + digits.replace(/\D/g, '');
}

/** The `facets` column of a report: its year and region (own code, else its portal's). */
export function facetsText(index: 'trigram' | 'chars', year: number, region: string | null): string {
  const facet = index === 'trigram' ? trigramFacet : charFacet;
  return `${facet('year', String(year))} ${facet('region', region ?? '')}`;
}

/** SQL functions the migrations and the write path call; registered on every connection. */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('nianbao_chars', { deterministic: true }, (text: unknown) => spacedChars(typeof text === 'string' ? text : text === null ? null : String(text)));
  db.function('nianbao_facets', { deterministic: true }, (index: unknown, year: unknown, region: unknown) =>
    facetsText(index === 'trigram' ? 'trigram' : 'chars', Number(year), region === null ? null : String(region)));
}

/** The region a report is found under: its own code, else its portal's division code. */
const DOCUMENT_SQL = `SELECT r.id AS id, p.title AS title, t.text AS text, r.year AS year,
    COALESCE(r.region_code, po.division_code) AS region
  FROM reports r JOIN parses p ON p.id = r.parse_id LEFT JOIN parse_texts t ON t.parse_id = p.id
  LEFT JOIN portals po ON po.id = r.portal_id`;

/** Writes (or rewrites) the index entries of one report from its current row. */
export function indexReport(db: Database.Database, reportId: number): void {
  unindexReport(db, reportId);
  cached(db, `INSERT INTO report_search (rowid, title, text, facets)
    SELECT id, title, text, nianbao_facets('trigram', year, region) FROM (${DOCUMENT_SQL} WHERE r.id = ?)`).run(reportId);
  cached(db, `INSERT INTO report_chars (rowid, title, text, facets)
    SELECT id, nianbao_chars(title), nianbao_chars(text), nianbao_facets('chars', year, region) FROM (${DOCUMENT_SQL} WHERE r.id = ?)`).run(reportId);
}

/** Removes a report's index entries (nothing happens when it has none). */
export function unindexReport(db: Database.Database, reportId: number): void {
  cached(db, 'DELETE FROM report_search WHERE rowid = ?').run(reportId);
  cached(db, 'DELETE FROM report_chars WHERE rowid = ?').run(reportId);
}

/** Re-indexes the reports of a portal that take its division code as their region (after it changed). */
export function reindexPortalReports(db: Database.Database, portalId: number): number {
  const ids = cached(db, 'SELECT id FROM reports WHERE portal_id = ? AND region_code IS NULL').pluck().all(portalId) as number[];
  db.transaction(() => { for (const id of ids) indexReport(db, id); })();
  return ids.length;
}
