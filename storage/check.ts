// `check-db`: is the file sound (SQLite integrity, foreign keys, full-text indexes, no report
// half-written), and what does it hold? The default reads what grows with reports and captures;
// `full` reads every page, field row and index entry.
import { statSync } from 'node:fs';
import { PARSER_VERSION } from '../parsers/index.ts';
import type { Archive } from './archive.ts';
import { sha256Hex } from './captures.ts';
import { schemaVersion } from './migrate.ts';
import { compareVersions } from './parse-capture.ts';

/** One finding: a named check and what it found (empty `problems` means sound). */
export interface IntegrityFinding {
  check: string;
  problems: string[];
}

/** Per-report consistency: each reads every report row once, with index lookups (seconds at 100,000). */
const REPORT_QUERIES: [string, string][] = [
  ['every report has its wide row', 'SELECT r.id FROM reports r LEFT JOIN report_values v ON v.report_id = r.id WHERE v.report_id IS NULL'],
  ['every report names its chosen source', `SELECT r.id FROM reports r
     WHERE NOT EXISTS (SELECT 1 FROM report_sources s WHERE s.report_id = r.id AND s.role = 'chosen' AND s.parse_id = r.parse_id)`],
  ['every report matches its parse', `SELECT r.id FROM reports r JOIN parses p ON p.id = r.parse_id
     LEFT JOIN organ_aliases a ON a.name = p.organ
     WHERE a.organ_id IS NOT r.organ_id OR p.year IS NOT r.year OR p.template IS NOT r.template`],
  ['every report is named after its organ', `SELECT r.id FROM reports r LEFT JOIN organs o ON o.id = r.organ_id WHERE o.name IS NOT r.organ`],
  ['every report is in both full-text indexes', `SELECT r.id FROM reports r
     WHERE NOT EXISTS (SELECT 1 FROM report_search_docsize WHERE id = r.id) OR NOT EXISTS (SELECT 1 FROM report_chars_docsize WHERE id = r.id)`],
  ['the full-text indexes hold no removed report', `SELECT id FROM report_search_docsize WHERE id NOT IN (SELECT id FROM reports)
     UNION SELECT id FROM report_chars_docsize WHERE id NOT IN (SELECT id FROM reports)`],
];

/** What --full adds: every field and check row against the counts stored and the parse's JSON. */
const FULL_QUERIES: [string, string][] = [
  ['every report has all its fields (rows against the stored count)', `SELECT r.id FROM reports r
     WHERE r.fields_count <> (SELECT count(*) FROM report_fields WHERE report_id = r.id)`],
  ['every report has all its checks (rows against the stored count)', `SELECT r.id FROM reports r
     WHERE r.checks_count <> (SELECT count(*) FROM report_checks WHERE report_id = r.id)`],
  ['the stored counts match the parse', `SELECT r.id FROM reports r JOIN parses p ON p.id = r.parse_id
     WHERE r.fields_count <> (SELECT count(*) FROM json_each(p.result, '$.fields'))
        OR r.checks_count <> (SELECT count(*) FROM json_each(p.result, '$.checks'))`],
  ['every body has its recorded size', 'SELECT sha256 FROM bodies WHERE length(bytes) <> size'],
];

/**
 * The tables whose rows grow with reports and captures, not with figures or bytes: the default
 * check reads these in full (SQLite's quick_check, foreign keys). report_fields (~200 rows a
 * report), report_checks, report_values, parses (result JSON), parse_texts, bodies and the
 * full-text data are read by --full.
 */
const REGISTRY_TABLES = ['portals', 'crawl_runs', 'captures', 'reports', 'report_sources', 'frontier', 'schema_migrations'];

/**
 * The default foreign-key check: SQLite's per table, except captures → bodies (a lookup per capture
 * into the table of bytes: 50 s at 100,000 captures); captures' links to portals and runs by query.
 */
const CAPTURE_LINKS_SQL = `SELECT c.id FROM captures c
  WHERE (c.portal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM portals p WHERE p.id = c.portal_id))
     OR (c.run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crawl_runs x WHERE x.id = c.run_id))`;

/** Options of checkArchive. */
export interface CheckOptions {
  /**
   * Everything: SQLite's integrity_check over the whole file (indexes against tables), every foreign
   * key, FTS5's own integrity check of both indexes, every field and check row against the parse.
   * Minutes at 100,000 reports; the default takes seconds.
   */
  full?: boolean;
  /** With full: SQLite's quick_check instead of integrity_check (no index-against-table comparison). */
  quick?: boolean;
  /** Also recompute the sha256 of every body (reads them all). */
  verifyHashes?: boolean;
  onProgress?: (done: number, total: number, check: string) => void;
}

/**
 * Runs the checks. By default the ones whose cost grows with the number of reports and captures
 * (seconds at 100,000 reports): SQLite's quick_check and foreign keys of the registry tables, the
 * reports against their parse, sources, wide row and both full-text indexes. `full` reads
 * everything. FTS5's integrity command needs a writable archive (on a read-only one it is left out).
 */
export function checkArchive(archive: Archive, options: CheckOptions = {}): IntegrityFinding[] {
  const db = archive.db;
  const pragmaRows = (sql: string, column: string) => (db.pragma(sql) as Record<string, string>[]).map((r) => r[column]).filter((m) => m !== 'ok');
  const foreignKeys = (table?: string) => (db.pragma(table ? `foreign_key_check(${table})` : 'foreign_key_check') as { table: string; rowid: number; parent: string }[])
    .map((f) => `${f.table} row ${f.rowid} points at a missing ${f.parent}`);
  const tables = REGISTRY_TABLES.filter((t) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t));
  const rows = (check: string, sql: string): [string, () => string[]] => [check, () => db.prepare(sql).pluck().all().slice(0, 20)
    .map((id) => `${check.includes('body') ? 'body' : 'report'} ${id}`)];
  const steps: [string, () => string[]][] = options.full
    ? [
      options.quick
        ? ['sqlite quick_check', () => pragmaRows('quick_check', 'quick_check')]
        : ['sqlite integrity_check', () => pragmaRows('integrity_check', 'integrity_check')],
      ['foreign keys', () => foreignKeys()],
      ...(archive.readonly ? [] : [['full-text indexes (FTS5 integrity-check)', () => ftsProblems(archive)] as [string, () => string[]]]),
      ...[...REPORT_QUERIES, ...FULL_QUERIES].map(([check, sql]) => rows(check, sql)),
    ]
    : [
      [`sqlite quick_check of ${tables.join(', ')}`, () => tables.flatMap((t) => pragmaRows(`quick_check(${t})`, 'quick_check'))],
      [`foreign keys of ${tables.join(', ')} (of captures: portal and run)`, () => [
        ...tables.filter((t) => t !== 'captures').flatMap((t) => foreignKeys(t)),
        ...(db.prepare(CAPTURE_LINKS_SQL).pluck().all() as number[]).slice(0, 20).map((id) => `captures row ${id} points at a missing portal or run`),
      ]],
      ...REPORT_QUERIES.map(([check, sql]) => rows(check, sql)),
    ];
  if (options.verifyHashes) {
    steps.push(['body hashes', () => {
      const problems: string[] = [];
      for (const row of db.prepare('SELECT sha256, bytes FROM bodies').iterate() as Iterable<{ sha256: string; bytes: Buffer }>) {
        if (sha256Hex(row.bytes) !== row.sha256) problems.push(`body ${row.sha256} has other bytes`);
      }
      return problems;
    }]);
  }
  // A damaged file can make any statement throw; each check reports that as its own problem.
  return steps.map(([check, find], index) => {
    options.onProgress?.(index, steps.length, check);
    let finding: IntegrityFinding;
    try {
      finding = { check, problems: find() };
    } catch (error) {
      finding = { check, problems: [(error as Error).message] };
    }
    options.onProgress?.(index + 1, steps.length, check);
    return finding;
  });
}

/** FTS5's own integrity command over both indexes (needs a writable connection); throws on damage. */
function ftsProblems(archive: Archive): string[] {
  for (const table of ['report_search', 'report_chars']) {
    archive.db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 0)`).run();
  }
  return [];
}

/** What the archive holds, in numbers. */
export function summarizeArchive(archive: Archive): Record<string, unknown> {
  const db = archive.db;
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const parserVersions = db.prepare(`SELECT parser_version AS version, count(*) AS reports FROM reports GROUP BY parser_version`).all() as { version: string; reports: number }[];
  return {
    path: archive.path,
    fileBytes: archive.path === ':memory:' ? 0 : statSync(archive.path).size,
    schemaVersion: schemaVersion(db),
    portals: count('SELECT count(*) FROM portals'),
    blockedPortals: count('SELECT count(*) FROM portals WHERE blocked_reason IS NOT NULL'),
    crawlRuns: count('SELECT count(*) FROM crawl_runs'),
    captures: count('SELECT count(*) FROM captures'),
    failedCaptures: count('SELECT count(*) FROM captures WHERE error IS NOT NULL OR status >= 400'),
    bodies: count('SELECT count(*) FROM bodies'),
    bodyBytes: count('SELECT coalesce(sum(size), 0) FROM bodies'),
    parses: count('SELECT count(*) FROM parses'),
    reports: count('SELECT count(*) FROM reports'),
    reportsByTemplate: Object.fromEntries((db.prepare('SELECT coalesce(template, ?) AS t, count(*) AS n FROM reports GROUP BY t').all('none') as { t: string; n: number }[]).map((r) => [r.t, r.n])),
    reportsByYear: Object.fromEntries((db.prepare('SELECT year, count(*) AS n FROM reports GROUP BY year ORDER BY year').all() as { year: number; n: number }[]).map((r) => [r.year, r.n])),
    reportsWithFailingChecks: count('SELECT count(*) FROM reports WHERE checks_failed > 0'),
    organs: count('SELECT count(DISTINCT organ_id) FROM reports'),
    reportsFromOlderParser: parserVersions.filter((v) => compareVersions(v.version, PARSER_VERSION) < 0).reduce((n, v) => n + v.reports, 0),
    frontier: Object.fromEntries((db.prepare('SELECT status, count(*) AS n FROM frontier GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n])),
  };
}
