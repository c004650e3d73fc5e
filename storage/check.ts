// `check-db`: is the file sound (SQLite integrity, foreign keys, full-text index, no report
// half-written), and what does it hold?
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

const CONSISTENCY_QUERIES: [string, string][] = [
  ['every report has its wide row', 'SELECT r.id FROM reports r LEFT JOIN report_values v ON v.report_id = r.id WHERE v.report_id IS NULL'],
  ['every report has all its fields', `SELECT r.id FROM reports r JOIN parses p ON p.id = r.parse_id
     WHERE (SELECT count(*) FROM json_each(p.result, '$.fields')) <> (SELECT count(*) FROM report_fields WHERE report_id = r.id)`],
  ['every report has all its checks', `SELECT r.id FROM reports r JOIN parses p ON p.id = r.parse_id
     WHERE (SELECT count(*) FROM json_each(p.result, '$.checks')) <> (SELECT count(*) FROM report_checks WHERE report_id = r.id)`],
  ['every report names its chosen source', `SELECT r.id FROM reports r
     WHERE NOT EXISTS (SELECT 1 FROM report_sources s WHERE s.report_id = r.id AND s.role = 'chosen' AND s.parse_id = r.parse_id)`],
  ['every report matches its parse', `SELECT r.id FROM reports r JOIN parses p ON p.id = r.parse_id
     LEFT JOIN organ_aliases a ON a.name = p.organ
     WHERE a.organ_id IS NOT r.organ_id OR p.year IS NOT r.year OR p.template IS NOT r.template`],
  ['every report is named after its organ', `SELECT r.id FROM reports r LEFT JOIN organs o ON o.id = r.organ_id WHERE o.name IS NOT r.organ`],
  ['every body has its recorded size', 'SELECT sha256 FROM bodies WHERE length(bytes) <> size'],
];

/**
 * Runs every check. `verifyHashes` also recomputes the sha256 of every body (reads them all);
 * `quick` uses SQLite's quick_check (no index-against-table comparison: minutes faster on big files).
 * Needs a writable archive for the FTS5 integrity command.
 */
export function checkArchive(
  archive: Archive,
  options: { verifyHashes?: boolean; quick?: boolean; onProgress?: (done: number, total: number, check: string) => void } = {},
): IntegrityFinding[] {
  const db = archive.db;
  const steps: [string, () => string[]][] = [
    options.quick
      ? ['sqlite quick_check', () => (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((m) => m !== 'ok')]
      : ['sqlite integrity_check', () => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok')],
    ['foreign keys', () => (db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[])
      .map((f) => `${f.table} row ${f.rowid} points at a missing ${f.parent}`)],
    ['full-text index matches the reports', () => ftsProblems(archive)],
    ...CONSISTENCY_QUERIES.map(([check, sql]): [string, () => string[]] => [check, () => db.prepare(sql).pluck().all().slice(0, 20)
      .map((id) => `${check.includes('body') ? 'body' : 'report'} ${id}`)]),
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

/** FTS5's own integrity command (needs a writable connection); read-only, the indexed-row count. */
function ftsProblems(archive: Archive): string[] {
  if (archive.readonly) {
    const indexed = archive.db.prepare('SELECT count(*) FROM report_search_docsize').pluck().get();
    const reports = archive.db.prepare('SELECT count(*) FROM reports').pluck().get();
    return indexed === reports ? [] : [`${indexed} indexed documents for ${reports} reports`];
  }
  archive.db.prepare("INSERT INTO report_search (report_search, rank) VALUES ('integrity-check', 1)").run();
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
