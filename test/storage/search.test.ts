// Search served by the indexes of migration 0004, on real parses of the seeds in a real SQLite file:
// short words through the character index, year and region inside the index, newest first with a
// capped count, rank on request, entries that follow a portal's division code, an archive migrated
// from schema 2 with its text moved out of `parses`, and what check-db finds by default and in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import {
  checkArchive, openArchive, recordParse, schemaVersion, latestSchemaVersion, searchReports, sentenceSnippet, storeCapture, updatePortal, upsertPortal,
  type Archive,
} from '../../storage/index.ts';
import { loadMigrations, migrate } from '../../storage/migrate.ts';
import { parseSeed, seedFiles, storeSeed, tempArchivePath } from '../helpers/storage-fixtures.ts';

/** The reports whose title or text holds every word, and their year: what an index must return. */
function scanned(archive: Archive, words: string[], year?: number): number[] {
  const rows = archive.db.prepare('SELECT d.report_id AS id, d.title, d.text, r.year FROM report_documents d JOIN reports r ON r.id = d.report_id').all() as
    { id: number; title: string | null; text: string | null; year: number }[];
  return rows.filter((r) => (year === undefined || r.year === year) && words.every((w) => `${r.title ?? ''}\n${r.text ?? ''}`.includes(w)))
    .map((r) => r.id).sort((a, b) => b - a);
}

async function seededArchive(): Promise<Archive> {
  const archive = openArchive(tempArchivePath());
  for (const file of seedFiles()) await storeSeed(archive, file);
  return archive;
}

test('words of one and two characters are found through the character index, the same reports a scan finds', async () => {
  const archive = await seededArchive();
  const years = archive.db.prepare('SELECT DISTINCT year FROM reports ORDER BY year').pluck().all() as number[];
  for (const words of [['复议'], ['诉'], ['公开'], ['复议', '诉讼'], ['行政复议', '诉']]) {
    const expected = scanned(archive, words);
    assert.ok(expected.length > 0, `the seeds hold ${words.join(' ')}`);
    assert.deepEqual(searchReports(archive, { text: words.join(' ') }).hits.map((h) => h.reportId), expected, words.join(' '));
    for (const year of years) {
      assert.deepEqual(searchReports(archive, { text: words.join(' '), year }).hits.map((h) => h.reportId), scanned(archive, words, year), `${words.join(' ')} in ${year}`);
    }
  }
  assert.equal(searchReports(archive, { text: '龘' }).total, 0, 'a character no report holds');
  assert.equal(searchReports(archive, { text: '"( OR' }).total, 0, 'operators stay literal in the character index too');
  archive.close();
});

test('text hits come newest first with a capped count; by rank on request; snippets mark the words', async () => {
  const archive = await seededArchive();
  const all = scanned(archive, ['政府信息公开']);
  assert.ok(all.length >= 3);
  const recent = searchReports(archive, { text: '政府信息公开' });
  assert.deepEqual(recent.hits.map((h) => h.reportId), all, 'newest report first');
  assert.equal(recent.totalCapped, false);
  assert.equal(recent.total, all.length);
  const capped = searchReports(archive, { text: '政府信息公开', countCap: 2, limit: 1 });
  assert.deepEqual([capped.total, capped.totalCapped, capped.hits.length], [2, true, 1]);
  const exact = searchReports(archive, { text: '政府信息公开', countCap: all.length });
  assert.deepEqual([exact.total, exact.totalCapped], [all.length, false], 'a cap equal to the count is not capped');
  const ranked = searchReports(archive, { text: '政府信息公开', order: 'rank' });
  assert.deepEqual(ranked.hits.map((h) => h.reportId).sort((a, b) => b - a), all, 'the same reports, in rank order');
  for (const hit of recent.hits) assert.match(hit.snippet ?? '', /\[政府信息公开\]/);
  // The snippet is the sentence of the first occurrence that is not a heading, the match marked.
  assert.equal(sentenceSnippet('一、行政复议情况\n本年度共收到行政复议申请3件，均已依法办结并在法定期限内答复申请人。', ['复议']),
    '本年度共收到行政[复议]申请3件，均已依法办结并在法定期限内答复申请人。');
  assert.equal(sentenceSnippet('Open Data and data', ['data']), 'Open [Data] and data…');
  assert.equal(sentenceSnippet('nothing here', ['复议']), null);
  archive.close();
});

test('the region filters inside the index; a report keeps its organ’s division when the portal’s code changes', async () => {
  const archive = openArchive(tempArchivePath());
  const portal = upsertPortal(archive, 'http://127.0.0.2/', { divisionCode: '410711' });
  const parse = await parseSeed('003_d677def7845cc038.txt');
  parse.regionCode = null;
  const capture = storeCapture(archive, { url: 'http://127.0.0.2/muye.txt', status: 200, bytes: Buffer.from('muye'), portalId: portal.id });
  const { reportId } = recordParse(archive, capture.id, parse);
  await storeSeed(archive, '000_9fdddd81a4dc62c5.txt');
  for (const text of ['牧野区', '复议']) {
    assert.deepEqual(searchReports(archive, { text, regionPrefix: '4107' }).hits.map((h) => h.reportId), [reportId], `${text} in 4107`);
    assert.equal(searchReports(archive, { text, regionPrefix: '11' }).total, 0);
  }
  // The organ (牧野区, resolved to 410711) carries the region, not the portal it was found on.
  updatePortal(archive, portal.id, { divisionCode: '110105' });
  for (const text of ['牧野区', '复议']) {
    assert.deepEqual(searchReports(archive, { text, regionPrefix: '4107' }).hits.map((h) => h.reportId), [reportId], `${text}: still under its organ's division`);
    assert.equal(searchReports(archive, { text, regionPrefix: '1101' }).total, 0);
    assert.ok(searchReports(archive, { text, regionPrefix: '4' }).hits.some((h) => h.reportId === reportId), 'one digit: filtered beside the index');
  }
  archive.close();
});

test('a report that goes or changes leaves no entry behind in either index', async () => {
  const archive = await seededArchive();
  const stored = await storeSeed(archive, '002_03ef826aa882f677.txt', 'http://127.0.0.2/again.txt');
  const renamed = await parseSeed('002_03ef826aa882f677.txt');
  renamed.organ = '改名镇人民政府';
  renamed.text = renamed.text.replaceAll('韭园镇', '改名镇');
  renamed.parserVersion = '9.9.9';
  for (const capture of archive.db.prepare('SELECT capture_id FROM report_sources WHERE report_id = ?').pluck().all(stored.reportId) as number[]) {
    recordParse(archive, capture, renamed);
  }
  assert.ok(!archive.db.prepare('SELECT 1 FROM reports WHERE id = ?').get(stored.reportId), 'the old report is gone');
  for (const words of ['韭园镇', '韭园', '改名镇', '改名']) {
    assert.deepEqual(searchReports(archive, { text: words }).hits.map((h) => h.reportId), scanned(archive, [words]), words);
  }
  assert.equal(searchReports(archive, { text: '改名' }).total, 1);
  for (const table of ['report_search', 'report_chars']) {
    assert.equal(archive.db.prepare(`SELECT count(*) FROM ${table}_docsize`).pluck().get(), seedFiles().length, table);
  }
  assert.deepEqual(checkArchive(archive, { full: true }).filter((f) => f.problems.length > 0), []);
  archive.close();
});

test('an archive at schema 2 is migrated: text moved out of parses, both indexes built, counts stored, sound', async () => {
  const path = tempArchivePath();
  const old = new Database(path);
  migrate(old, loadMigrations().slice(0, 2));
  const parse = await parseSeed('003_d677def7845cc038.txt');
  const { text, ...result } = parse;
  old.prepare("INSERT INTO captures (id, url, fetched_at, last_seen_at, status) VALUES (1, 'http://127.0.0.2/a.txt', 'now', 'now', 200)").run();
  old.prepare(`INSERT INTO parses (id, capture_id, parser_version, parsed_at, organ, year, template, title, fields_filled, checks_failed, result, text)
    VALUES (1, 1, ?, 'now', ?, ?, ?, ?, 0, 0, ?, ?)`).run(parse.parserVersion, parse.organ, parse.year, parse.template, parse.title, JSON.stringify(result), text);
  old.prepare(`INSERT INTO reports (id, organ, year, parse_id, capture_id, template, parser_version, chosen_why, updated_at)
    VALUES (1, ?, ?, 1, 1, ?, ?, 'only', 'now')`).run(parse.organ, parse.year, parse.template, parse.parserVersion);
  const insertField = old.prepare('INSERT INTO report_fields (report_id, key, value) VALUES (1, ?, ?)');
  for (const [key, value] of Object.entries(parse.fields)) insertField.run(key, value);
  parse.checks.forEach((c, seq) => old.prepare('INSERT INTO report_checks (report_id, seq, rule, ok, detail) VALUES (1, ?, ?, ?, ?)').run(seq, c.rule, Number(c.ok), c.detail));
  old.prepare("INSERT INTO report_sources (report_id, capture_id, parse_id, role) VALUES (1, 1, 1, 'chosen')").run();
  old.prepare('INSERT INTO report_values (report_id) VALUES (1)').run();
  old.prepare('INSERT INTO report_search (rowid, title, text) SELECT report_id, title, text FROM report_documents').run();
  old.close();

  const archive = openArchive(path);
  assert.equal(schemaVersion(archive.db), latestSchemaVersion());
  assert.equal(archive.db.prepare('SELECT text FROM parse_texts WHERE parse_id = 1').pluck().get(), text);
  assert.ok(!(archive.db.prepare('PRAGMA table_info(parses)').all() as { name: string }[]).some((c) => c.name === 'text'), 'parses keeps no text');
  assert.deepEqual(archive.db.prepare('SELECT fields_count, checks_count FROM reports').raw(true).get(), [Object.keys(parse.fields).length, parse.checks.length]);
  for (const words of ['牧野区', '复议']) {
    assert.deepEqual(searchReports(archive, { text: words, year: parse.year! }).hits.map((h) => h.reportId), [1], words);
    assert.equal(searchReports(archive, { text: words, year: parse.year! + 1 }).total, 0);
  }
  assert.deepEqual(checkArchive(archive, { full: true }).filter((f) => f.problems.length > 0), []);
  archive.close();
});

test('check-db by default finds a report missing from an index; a missing field row only in full', async () => {
  const archive = await seededArchive();
  assert.deepEqual(checkArchive(archive).filter((f) => f.problems.length > 0), []);
  const [first, second] = archive.db.prepare('SELECT id FROM reports ORDER BY id').pluck().all() as number[];
  archive.db.prepare('DELETE FROM report_chars WHERE rowid = ?').run(first);
  const failing = checkArchive(archive).filter((f) => f.problems.length > 0);
  assert.deepEqual(failing.map((f) => [f.check, f.problems]), [['every report is in both full-text indexes', [`report ${first}`]]]);
  archive.db.prepare('DELETE FROM report_fields WHERE report_id = ? AND key = (SELECT key FROM report_fields WHERE report_id = ? LIMIT 1)').run(second, second);
  const full = checkArchive(archive, { full: true }).filter((f) => f.problems.length > 0).map((f) => f.check);
  assert.ok(full.includes('every report has all its fields (rows against the stored count)'), full.join('; '));
  assert.ok(full.includes('every report is in both full-text indexes'));
  archive.close();
});
