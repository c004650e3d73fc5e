// A check's outcome in three states (holds / fails / not checked), stored so: written from the
// parse, read back by getReport, and back-filled by migration 0007 for rows written before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseDocument } from '../../parsers/index.ts';
import { getReport, openArchive, recordParse, storeCapture } from '../../storage/index.ts';
import { loadMigrations, migrate } from '../../storage/migrate.ts';
import { seedsDir, tempArchivePath } from '../helpers/storage-fixtures.ts';

/** The 牧野区 seed with its 行政复议/诉讼 row printed as "/" throughout: reviews.sum cannot be checked. */
export function reviewsBlankText(): Buffer {
  const lines = readFileSync(join(seedsDir, '003_d677def7845cc038.txt'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  for (let i = at, n = 0; i < lines.length && n < 15; i++) if (lines[i] === '\t0') { lines[i] = '\t/'; n++; }
  return Buffer.from(lines.join('\n'));
}

test('a rule whose every equation meets a blank cell is stored and read as not checked, not as holds', async () => {
  const archive = openArchive(tempArchivePath());
  try {
    const bytes = reviewsBlankText();
    const capture = storeCapture(archive, { url: 'http://127.0.0.2/reviews-blank.txt', status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes });
    const result = await parseDocument(bytes, { fileName: 'reviews-blank.txt' });
    const { reportId } = recordParse(archive, capture.id, result);
    const stored = archive.db.prepare('SELECT rule, ok, status FROM report_checks WHERE report_id = ? ORDER BY seq').all(reportId!) as { rule: string; ok: number; status: string }[];
    assert.deepEqual(stored.find((c) => c.rule === 'reviews.sum'), { rule: 'reviews.sum', ok: 1, status: 'not_checked' });
    assert.equal(stored.find((c) => c.rule === 'apps.balance')?.status, 'holds');
    assert.equal(getReport(archive, reportId!)!.checks.find((c) => c.rule === 'reviews.sum')?.status, 'not_checked');
    assert.equal(getReport(archive, reportId!)!.checksFailed, 0, 'not checked is not failing');
  } finally {
    archive.close();
  }
});

test('migration 0007 back-fills the status of checks written before it: fails, not checked, holds', () => {
  const migrations = loadMigrations();
  const seven = migrations.findIndex((m) => m.name === '0007-check-status');
  assert.ok(seven > 0);
  const path = tempArchivePath();
  const old = new Database(path);
  migrate(old, migrations.slice(0, seven));
  old.exec(`INSERT INTO captures (id, url, fetched_at, last_seen_at) VALUES (1, 'http://127.0.0.2/a', '2024-01-01', '2024-01-01');
    INSERT INTO parses (id, capture_id, parser_version, parsed_at, result) VALUES (1, 1, 'old', '2024-01-01', '{}');
    INSERT INTO reports (id, organ, year, parse_id, capture_id, parser_version, updated_at, chosen_why) VALUES (1, 'x', 2021, 1, 1, 'old', '2024-01-01', 'only');
    INSERT INTO report_checks (report_id, seq, rule, ok, blame, detail) VALUES
      (1, 0, 'apps.balance', 0, 'source', 'natural: 5 ≠ 3'), (1, 1, 'reviews.sum', 1, NULL, 'not checked: blank cells'), (1, 2, 'apps.row_sum', 1, NULL, '25 of 25 equations hold');`);
  old.close();
  const archive = openArchive(path);
  try {
    assert.deepEqual(archive.db.prepare('SELECT status FROM report_checks ORDER BY seq').pluck().all(), ['fails', 'not_checked', 'holds']);
    assert.throws(() => archive.db.prepare("UPDATE report_checks SET status = 'maybe'").run(), /CHECK constraint/);
  } finally {
    archive.close();
  }
});
