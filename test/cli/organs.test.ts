// `nianbao organs` end to end on a real archive file: list, show, alias, merge, split through the
// built command, decisions surviving `nianbao reparse --all`, clear exit codes for unknown organs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { openArchive, recordParse, storeCapture, upsertPortal } from '../../storage/index.ts';
import { repoRoot, seedsDir, tempArchivePath } from '../helpers/storage-fixtures.ts';

const bin = join(repoRoot, 'node_modules', '.bin', 'nianbao');
let db = '';

function nianbao(...args: string[]) {
  return spawnSync(bin, [...args, '--db', db], { encoding: 'utf8' });
}

before(async () => {
  db = tempArchivePath();
  const archive = openArchive(db);
  const portal = upsertPortal(archive, 'http://127.0.0.2/', { name: '扶沟县人民政府', divisionCode: '411621' });
  const seed = readFileSync(join(seedsDir, '002_03ef826aa882f677.txt'), 'utf8');
  const variants: [string, number][] = [['韭园镇人民政府', 2020], ['扶沟县韭园镇人民政府', 2021], ['城关镇人民政府', 2022], ['教育局', 2022]];
  for (const [name, year] of variants) {
    const bytes = Buffer.from(seed.replaceAll('2020', String(year)).replace('韭园镇人民政府', name));
    const capture = storeCapture(archive, { url: `http://127.0.0.2/${year}-${name}.txt`, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes, portalId: portal.id });
    recordParse(archive, capture.id, await parseDocument(bytes, { fileName: `${year}.txt` }));
  }
  archive.close();
});

test('organs list: one row per organ, with division codes, portals and doubts', () => {
  const run = nianbao('organs', 'list');
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as { name: string; division_code: string | null; reports: number; aliases: number; doubts: number; portal_id: number }[];
  const jiuyuan = rows.find((r) => r.name === '扶沟县韭园镇人民政府')!;
  assert.deepEqual([jiuyuan.division_code, jiuyuan.reports, jiuyuan.aliases, jiuyuan.portal_id], ['411621104', 2, 2, 1]);
  assert.equal(rows.find((r) => r.name === '扶沟县教育局')?.division_code, '411621', 'a department printed without its region takes the portal\'s');
  assert.equal(rows.filter((r) => r.name.includes('韭园')).length, 1);
  const doubts = JSON.parse(nianbao('organs', 'list', '--doubts').stdout) as { name: string }[];
  assert.deepEqual(doubts.map((r) => r.name), ['城关镇人民政府'], '扶沟县 has no 城关镇: the name stays its own organ, with a doubt');
  assert.match(nianbao('organs', 'list', '--table').stdout, /^organ_id\s+name\s+level/);
});

test('organs show: aliases with reasons and where first seen; unknown organ is exit 2', () => {
  const run = nianbao('organs', 'show', '韭园镇人民政府');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /organ \d+: 扶沟县韭园镇人民政府 {2}\(township, division 411621104\)/);
  assert.match(run.stdout, /reason: region prefix left out: 韭园镇 is in 扶沟县 \(411621\)/);
  assert.match(run.stdout, /first seen http:\/\/127\.0\.0\.2\/2020-/);
  const json = JSON.parse(nianbao('organs', 'show', '扶沟县韭园镇人民政府', '--json').stdout);
  assert.deepEqual(json.reports.map((r: { year: number }) => r.year), [2020, 2021]);
  const missing = nianbao('organs', 'show', '不存在的机关');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no organ '不存在的机关'/);
});

test('organs alias, split and merge are stored, survive reparse --all, and show in the export', () => {
  const alias = nianbao('organs', 'alias', '城关镇人民政府', '扶沟县韭园镇人民政府', '--note', 'mislabelled page');
  assert.equal(alias.status, 0, alias.stderr);
  const reparse = nianbao('reparse', '--all', '--json');
  assert.equal(reparse.status, 0, reparse.stderr);
  const after = JSON.parse(nianbao('organs', 'show', '扶沟县韭园镇人民政府', '--json').stdout);
  assert.deepEqual(after.reports.map((r: { year: number }) => r.year), [2020, 2021, 2022]);
  assert.ok(after.aliases.some((a: { name: string; manual: boolean }) => a.name === '城关镇人民政府' && a.manual));
  assert.match(after.decisions[0].detail, /mislabelled page/);
  const split = nianbao('organs', 'split', '城关镇人民政府', '--name', '某县城关镇人民政府');
  assert.equal(split.status, 0, split.stderr);
  const merge = nianbao('organs', 'merge', '扶沟县韭园镇人民政府', '某县城关镇人民政府');
  assert.equal(merge.status, 0, merge.stderr);
  assert.match(merge.stdout, /1 printed name\(s\) moved/);
  assert.equal(nianbao('organs', 'merge', '扶沟县韭园镇人民政府', '韭园镇人民政府').status, 2, 'one organ already');
  assert.equal(nianbao('organs', 'alias', 'x', 'no-such-organ').status, 2);
  assert.equal(nianbao('organs', 'split', 'no-such-alias').status, 2);
  const decisions = JSON.parse(nianbao('query', 'SELECT action FROM organ_decisions ORDER BY id').stdout) as { action: string }[];
  assert.deepEqual(decisions.map((d) => d.action), ['alias', 'split', 'merge']);
});
