// `nianbao audit` end to end on a real archive file: published / missing, on time against the
// 条例's deadlines from the date printed in the document (never the crawl date), deadlines as
// settings, the 2019 form used for a later year, a report whose bytes changed, exit codes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { openArchive, recordParse, storeCapture, upsertPortal, type Archive } from '../../storage/index.ts';
import { repoRoot, seedsDir, tempArchivePath } from '../helpers/storage-fixtures.ts';

const bin = join(repoRoot, 'node_modules', '.bin', 'nianbao');
let db = '';
let portalId = 0;

function nianbao(...args: string[]) {
  return spawnSync(bin, [...args, '--db', db], { encoding: 'utf8' });
}

/** The 韭园镇 seed (a 2019-form report) for another year, with a publication date printed under its title. */
function jiuyuan(year: number, printedDate: string | null, extra = ''): Buffer {
  const text = readFileSync(join(seedsDir, '002_03ef826aa882f677.txt'), 'utf8').replaceAll('2020', String(year));
  return Buffer.from(printedDate ? text.replace('工作年度报告\n', `工作年度报告\n发布日期：${printedDate}\n`) + extra : text + extra);
}

async function store(archive: Archive, url: string, bytes: Buffer) {
  const capture = storeCapture(archive, { url, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes, portalId });
  recordParse(archive, capture.id, await parseDocument(bytes, { fileName: 'report.txt' }));
}

before(async () => {
  db = tempArchivePath();
  const archive = openArchive(db);
  portalId = upsertPortal(archive, 'http://127.0.0.2/', { name: '扶沟县人民政府', divisionCode: '411621' }).id;
  await store(archive, 'http://127.0.0.2/2021.txt', jiuyuan(2021, '2022-03-15'));
  // The same URL captured again with other bytes: changed after publication.
  await store(archive, 'http://127.0.0.2/2021.txt', jiuyuan(2021, '2022-03-15', '\n（本报告于2022年4月修订）\n'));
  await store(archive, 'http://127.0.0.2/2022.txt', jiuyuan(2022, null));
  archive.close();
});

test('audit: found and late by the printed date, the outdated form, the changed report; expected townships missing (exit 1)', () => {
  const run = nianbao('audit', '--year', '2021', '--json');
  assert.equal(run.status, 1, run.stderr);
  const rows = JSON.parse(run.stdout) as { organ: string; published: string; onTime: string; deadline: string; publishedDate: string; dateSource: string; problems: string[]; changed: number[] }[];
  const jiuyuanRow = rows.find((r) => r.organ === '扶沟县韭园镇人民政府')!;
  assert.equal(jiuyuanRow.published, 'found');
  assert.equal(jiuyuanRow.deadline, '2022-01-31', 'townships: 31 January by default');
  assert.equal(jiuyuanRow.publishedDate, '2022-03-15');
  assert.match(jiuyuanRow.dateSource, /^document: 发布日期/);
  assert.equal(jiuyuanRow.onTime, 'late');
  assert.ok(jiuyuanRow.problems.some((p) => /2019 form used for 2021/.test(p)), JSON.stringify(jiuyuanRow.problems));
  assert.equal(jiuyuanRow.changed.length, 2, 'both versions are named');
  const county = rows.find((r) => r.organ === '周口市扶沟县人民政府')!;
  assert.deepEqual([county.published, county.deadline], ['missing', '2022-03-31'], 'county governments: 31 March');
  assert.ok(rows.filter((r) => r.published === 'missing').length >= 10, 'every other township of 扶沟县 is expected');
});

test('audit: without a printed date the report is only "seen by" its capture, never late', () => {
  const rows = JSON.parse(nianbao('audit', '--year', '2022', '--json').stdout) as { organ: string; onTime: string; seenBy: string | null; publishedDate: string | null }[];
  const row = rows.find((r) => r.organ === '扶沟县韭园镇人民政府')!;
  assert.equal(row.onTime, 'seen-by');
  assert.equal(row.publishedDate, null);
  assert.match(row.seenBy ?? '', /^\d{4}-\d\d-\d\dT/);
});

test('audit: a deadline is a setting per portal (--deadline, stored with --save); the table, CSV and --flagged', () => {
  const once = JSON.parse(nianbao('audit', '--year', '2021', '--deadline', 'township=03-31', '--json').stdout) as { organ: string; onTime: string }[];
  assert.equal(once.find((r) => r.organ === '扶沟县韭园镇人民政府')!.onTime, 'on-time');
  assert.equal(JSON.parse(nianbao('audit', '--year', '2021', '--json').stdout).find((r: { organ: string }) => r.organ === '扶沟县韭园镇人民政府').onTime, 'late', 'not stored without --save');
  assert.equal(nianbao('audit', '--year', '2021', '--portal', String(portalId), '--deadline', 'township=03-31', '--save', '--csv').status, 1);
  const saved = JSON.parse(nianbao('audit', '--year', '2021', '--json').stdout) as { organ: string; onTime: string }[];
  assert.equal(saved.find((r) => r.organ === '扶沟县韭园镇人民政府')!.onTime, 'on-time');
  const table = nianbao('audit', '--year', '2021');
  assert.match(table.stdout, /^organ\s+division\s+published 2021/);
  assert.match(table.stdout, /扶沟县人民政府: 1 of \d+ expected reports \(organ × 2021\) found, \d+ missing/);
  const csv = nianbao('audit', '--year', '2021', '--csv').stdout.trim().split('\r\n');
  assert.match(csv[0], /^organ_id,organ,level,division_code,portal_id,year,published/);
  const flagged = JSON.parse(nianbao('audit', '--year', '2021', '--flagged', '--json').stdout) as { published: string }[];
  assert.ok(flagged.length > 0 && flagged.length <= csv.length - 1);
  assert.equal(nianbao('audit', '--deadline', 'township=31-01').status, 2);
  assert.equal(nianbao('audit', '--deadline', 'mayor=01-31').status, 2);
  assert.equal(nianbao('audit', '--save').status, 2);
});
