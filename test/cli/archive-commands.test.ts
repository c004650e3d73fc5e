// The archive commands end to end: nianbao query, export, check-db and reparse on a real archive
// built from the seed reports (the exports have their own file, exports.test.ts).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../../storage/index.ts';
import { repoRoot, seedFiles, storeSeed, tempArchivePath } from '../helpers/storage-fixtures.ts';

const bin = join(repoRoot, 'node_modules', '.bin', 'nianbao');
let db = '';

function nianbao(...args: string[]) {
  return spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, NIANBAO_DB: db } });
}

before(async () => {
  db = tempArchivePath();
  const archive = openArchive(db);
  for (const file of seedFiles()) await storeSeed(archive, file);
  archive.close();
});

test('query prints JSON by default, CSV, a table and lines; named parameters bind', () => {
  const sql = 'SELECT organ, year, "apps.new.total" AS new_total FROM reports_wide WHERE year = :year ORDER BY organ';
  const json = nianbao('query', sql, '--param', 'year=2021');
  assert.equal(json.status, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as { organ: string; year: number; new_total: number | null }[];
  assert.ok(rows.length >= 3);
  assert.ok(rows.every((r) => r.year === 2021));
  const csv = nianbao('query', sql, '--param', 'year=2021', '--csv');
  assert.equal(csv.stdout.split('\r\n')[0], 'organ,year,new_total');
  assert.equal(csv.stdout.trim().split('\r\n').length, rows.length + 1);
  const table = nianbao('query', sql, '--param', 'year=2021', '--table');
  assert.match(table.stdout, /^organ\s+year\s+new_total\n-+/);
  assert.ok(table.stdout.includes('新乡市牧野区人民政府'));
  const lines = nianbao('query', sql, '--param', 'year=2021', '--nl');
  assert.deepEqual(lines.stdout.trim().split('\n').map((l) => JSON.parse(l)), rows);
  const viaDbFlag = spawnSync(bin, ['query', 'SELECT count(*) AS n FROM reports', '--db', db], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(viaDbFlag.stdout), [{ n: seedFiles().length }]);
});

test('query refuses writes, reports bad SQL and missing parameters (exit 2), a missing archive (exit 3)', () => {
  for (const sql of ['DELETE FROM reports', 'DROP TABLE reports', "UPDATE portals SET name = 'x'", 'SELECT 1; DELETE FROM reports',
    'PRAGMA user_version = 7', `/* x */ ATTACH DATABASE '${db}' AS other`]) {
    const run = nianbao('query', sql);
    assert.equal(run.status, 2, sql);
    assert.match(run.stderr, /nianbao query: /);
  }
  assert.match(nianbao('query', 'SELEC oops').stderr, /syntax error/);
  assert.match(nianbao('query', 'SELECT :y').stderr, /--param y=VALUE/);
  const missing = spawnSync(bin, ['query', 'SELECT 1', '--db', join(tmpdir(), 'no-such-dir-nianbao', 'a.sqlite')], { encoding: 'utf8' });
  assert.equal(missing.status, 3);
  assert.match(missing.stderr, /no archive at/);
  const after = nianbao('query', 'SELECT count(*) AS n FROM reports');
  assert.deepEqual(JSON.parse(after.stdout), [{ n: seedFiles().length }]);
});

test('named queries answer the common questions', () => {
  const coverage = JSON.parse(nianbao('query', '--named', 'coverage').stdout) as Record<string, string>[];
  const muye = coverage.find((r) => r.organ === '新乡市牧野区人民政府')!;
  assert.equal(muye['2021'], 'ok');
  assert.equal(muye['2020'], 'missing');
  const failing = JSON.parse(nianbao('query', '--named', 'failing-checks').stdout) as { organ: string; rule: string }[];
  const archive = openArchive(db, { readonly: true });
  assert.equal(failing.length, archive.db.prepare('SELECT count(*) FROM report_checks WHERE ok = 0').pluck().get());
  archive.close();
  const byYear = JSON.parse(nianbao('query', '--named', 'by-year', '--param', 'year=2020').stdout) as { organ: string }[];
  assert.deepEqual(byYear.map((r) => r.organ), ['扶沟县韭园镇人民政府'], 'reports are named after their organ (printed 韭园镇人民政府)');
  const byOrgan = JSON.parse(nianbao('query', '--named', 'by-organ', '--param', 'organ=牧野').stdout) as { year: number }[];
  assert.deepEqual(byOrgan.map((r) => r.year), [2021]);
  const field = JSON.parse(nianbao('query', '--named', 'field', '--param', 'key=apps.new.total').stdout) as { value: number | null }[];
  assert.equal(field.length, seedFiles().length);
  const search = JSON.parse(nianbao('query', '--named', 'search', '--param', 'q=牧野区').stdout) as { organ: string }[];
  assert.deepEqual(search.map((r) => r.organ), ['新乡市牧野区人民政府']);
  assert.equal(nianbao('query', '--named', 'by-year').status, 2, 'a required parameter is missing');
  assert.equal(nianbao('query', '--named', 'nonsense').status, 2);
  assert.match(nianbao('query', '--help').stdout, /failing-checks/);
});

test('--param keeps its type as written: digits stay text unless typed; by-region takes 2-, 4- and 6-digit prefixes', () => {
  const asText = JSON.parse(nianbao('query', 'SELECT :r AS r, typeof(:r) AS t, :r || \'%\' AS pattern', '--param', 'r=4107').stdout);
  assert.deepEqual(asText, [{ r: '4107', t: 'text', pattern: '4107%' }]);
  const asInt = JSON.parse(nianbao('query', 'SELECT typeof(:r) AS t, :r + 1 AS next', '--param', 'r:int=4107').stdout);
  assert.deepEqual(asInt, [{ t: 'integer', next: 4108 }]);
  assert.deepEqual(JSON.parse(nianbao('query', 'SELECT typeof(:x) AS t', '--param', 'x:real=0.5').stdout), [{ t: 'real' }]);
  assert.deepEqual(JSON.parse(nianbao('query', 'SELECT :z AS z', '--param', 'z=007').stdout), [{ z: '007' }], 'leading zeros survive');
  const badInt = nianbao('query', 'SELECT :r', '--param', 'r:int=41.07');
  assert.equal(badInt.status, 2);
  assert.match(badInt.stderr, /expected an integer/);
  assert.match(nianbao('query', 'SELECT :r', '--param', 'r:date=1').stderr, /unknown type 'date'/);
  for (const prefix of ['41', '4107', '410711']) {
    const rows = JSON.parse(nianbao('query', '--named', 'by-region', '--param', `region=${prefix}`).stdout) as { region_code: string }[];
    assert.ok(rows.length >= 1, `by-region ${prefix} finds the 牧野区 report`);
    assert.ok(rows.every((r) => String(r.region_code).startsWith(prefix)));
  }
  assert.deepEqual(JSON.parse(nianbao('query', '--named', 'by-region', '--param', 'region=9999').stdout), []);
  // A named query types its own parameters: year is an int there, so year=2020 still matches the integer column.
  assert.ok(JSON.parse(nianbao('query', '--named', 'by-year', '--param', 'year=2020').stdout).length >= 1);
  const badYear = nianbao('query', '--named', 'by-year', '--param', 'year=twenty');
  assert.equal(badYear.status, 2);
  assert.match(badYear.stderr, /by-year --param year: expected an integer/);
});

test('check-db: a sound archive passes with a summary; a damaged file fails (exit 4) without crashing', () => {
  const ok = nianbao('check-db', '--json', '--verify-hashes');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const result = JSON.parse(ok.stdout);
  assert.equal(result.sound, true);
  assert.equal(result.summary.reports, seedFiles().length);
  assert.equal(result.summary.bodies, seedFiles().length);
  const damaged = tempArchivePath();
  const archive = openArchive(damaged);
  archive.close();
  spawnSync('cp', [db, damaged]);
  const fd = openSync(damaged, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096 * 6);
  closeSync(fd);
  const bad = spawnSync(bin, ['check-db', '--db', damaged], { encoding: 'utf8' });
  assert.ok(bad.status === 4 || bad.status === 3, `exit ${bad.status}: ${bad.stderr}`);
  assert.match(bad.stdout + bad.stderr, /FAIL|malformed|cannot open/);
  assert.doesNotMatch(bad.stderr, /at .*\.ts:\d+/, 'no stack trace');
});

test('reparse on the command line: nothing stale, then --all changes nothing (exit 0)', () => {
  const stale = nianbao('reparse', '--json');
  assert.equal(stale.status, 0, stale.stderr);
  assert.equal(JSON.parse(stale.stdout).selected, 0);
  const all = nianbao('reparse', '--all', '--json');
  const summary = JSON.parse(all.stdout);
  assert.equal(summary.selected, seedFiles().length);
  assert.equal(summary.changed, 0);
});

