// The organ registry on real SQLite files: name variants of one organ become one organ with the
// reasons recorded, a misprint is settled by the division code (and only then), uncertain matches
// are doubts, and manual decisions survive a reparse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import {
  coverageMatrix, listOrgans, mergeOrgans, openArchive, recordParse, reparseArchive, reselectOrganYear, resolveOrgan, setAlias, showOrgan, splitAlias,
  storeCapture, upsertPortal, type Archive,
} from '../../storage/index.ts';
import { SHARED } from '../helpers/paths.ts';
import { seedsDir, tempArchivePath } from '../helpers/storage-fixtures.ts';

const JIUYUAN_SEED = join(seedsDir, '002_03ef826aa882f677.txt');
const SHUYANG_OCR = join(SHARED, 'corpus', 'peers', 'KIROGOVCOMPARE', '沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt');

/** Stores bytes as a capture (of a portal, when given) and records their real parse. */
async function store(archive: Archive, url: string, bytes: Buffer, portalId?: number) {
  const capture = storeCapture(archive, { url, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes, portalId });
  return recordParse(archive, capture.id, await parseDocument(bytes, { fileName: url.split('/').pop() }));
}

/** The 韭园镇 seed reprinted for another year under another form of the name. */
function jiuyuanAs(name: string, year: number): Buffer {
  return Buffer.from(readFileSync(JIUYUAN_SEED, 'utf8').replaceAll('2020', String(year)).replace('韭园镇人民政府', name));
}

test('name variants: region prefix, 人民政府/政府, 镇/街道 resolve to one organ each, with the reason recorded', () => {
  const a = resolveOrgan('韭园镇人民政府');
  const b = resolveOrgan('扶沟县韭园镇人民政府');
  assert.equal(a.key, b.key);
  assert.equal(a.divisionCode, '411621104');
  assert.equal(a.level, 'township');
  assert.match(a.reasons.join(), /region prefix left out: 韭园镇 is in 扶沟县 \(411621\)/);
  assert.equal(resolveOrgan('洪泽区人民政府').key, resolveOrgan('淮安市洪泽区人民政府').key);
  assert.equal(resolveOrgan('洪泽区人民政府').divisionCode, '320813');
  const gov = resolveOrgan('扶沟县政府');
  assert.equal(gov.divisionCode, '411621');
  assert.match(gov.reasons.join(), /政府 read as 人民政府/);
  // 朱坝镇 became 朱坝街道: the stem and the county settle it; both spellings are one organ.
  const town = resolveOrgan('洪泽区朱坝镇人民政府');
  assert.equal(town.divisionCode, '320813002');
  assert.match(town.reasons.join(), /镇\/乡\/街道 read as one/);
  assert.equal(resolveOrgan('淮安市洪泽区朱坝街道办事处').key, town.key);
  assert.equal(town.name, '洪泽区朱坝街道办事处');
  // A department printed without its region takes the source's division, and says so.
  const dept = resolveOrgan('教育局', { divisionCodes: ['411621'] });
  assert.equal(dept.key, resolveOrgan('扶沟县教育局').key);
  assert.match(dept.reasons.join(), /region prefix added/);
});

test('a misprint is settled by the division code, and without one it stays a doubt, never merged', () => {
  const settled = resolveOrgan('沐阳县人民政府', { divisionCodes: ['321322'] });
  assert.equal(settled.divisionCode, '321322');
  assert.equal(settled.key, resolveOrgan('沭阳县人民政府').key);
  assert.match(settled.reasons.join(), /misprint: printed 沐阳县, the division 321322 of the source is 沭阳县/);
  assert.equal(settled.doubt, null);
  const unsettled = resolveOrgan('沐阳县人民政府');
  assert.equal(unsettled.level, 'other');
  assert.equal(unsettled.divisionCode, null);
  assert.notEqual(unsettled.key, settled.key);
  assert.match(unsettled.doubt ?? '', /no division code of the source settles it/);
  // 88 townships are named 城关镇: without a division that contains one of them, no guess.
  const ambiguous = resolveOrgan('城关镇人民政府');
  assert.equal(ambiguous.level, 'other');
  assert.match(ambiguous.doubt ?? '', /divisions are named 城关镇/);
  assert.equal(resolveOrgan('城关镇人民政府', { divisionCodes: ['120114'] }).divisionCode, '120114110', 'the portal of 武清区 settles which 城关镇');
});

test('one organ, one report per year: printed variants share an organ and keep their printed names in the parses', async () => {
  const archive = openArchive(tempArchivePath());
  await store(archive, 'http://127.0.0.2/2020.txt', readFileSync(JIUYUAN_SEED));
  await store(archive, 'http://127.0.0.2/2021.txt', jiuyuanAs('扶沟县韭园镇人民政府', 2021));
  const organs = listOrgans(archive);
  assert.equal(organs.length, 1);
  assert.deepEqual([organs[0].name, organs[0].divisionCode, organs[0].reports, organs[0].aliases], ['扶沟县韭园镇人民政府', '411621104', 2, 2]);
  assert.deepEqual(archive.db.prepare('SELECT organ FROM parses ORDER BY id').pluck().all(), ['韭园镇人民政府', '扶沟县韭园镇人民政府']);
  assert.deepEqual(archive.db.prepare('SELECT DISTINCT region_code FROM reports').pluck().all(), ['411621104']);
  // Two names in one year are one report with two candidates, not two reports.
  await store(archive, 'http://127.0.0.2/2021-copy.txt', jiuyuanAs('韭园镇政府', 2021));
  assert.equal(archive.db.prepare('SELECT count(*) FROM reports WHERE year = 2021').pluck().get(), 1);
  assert.equal(archive.db.prepare('SELECT candidates FROM reports WHERE year = 2021').pluck().get(), 2);
  const shown = showOrgan(archive, organs[0].id)!;
  assert.deepEqual(shown.aliases.map((x) => x.name).sort(), ['扶沟县韭园镇人民政府', '韭园镇人民政府', '韭园镇政府'].sort());
  assert.equal(shown.aliases.find((x) => x.name === '韭园镇人民政府')!.first_url, 'http://127.0.0.2/2020.txt');
  archive.close();
});

test('the real OCR text printing 沐阳县 for 沭阳县: on the portal of 321322 it is 沭阳县, recorded with its reason', async () => {
  const archive = openArchive(tempArchivePath());
  const portal = upsertPortal(archive, 'http://127.0.0.9/', { name: '沭阳县人民政府', divisionCode: '321322' });
  const recorded = await store(archive, 'http://127.0.0.9/2025.txt', readFileSync(SHUYANG_OCR), portal.id);
  const report = archive.db.prepare('SELECT r.organ, r.organ_id, r.portal_id FROM reports r WHERE r.id = ?').get(recorded.reportId) as { organ: string; organ_id: number; portal_id: number };
  assert.equal(report.organ, '宿迁市沭阳县人民政府');
  const shown = showOrgan(archive, report.organ_id)!;
  assert.equal(shown.organ.division_code, '321322');
  assert.equal(shown.organ.portal_id, portal.id);
  assert.match(shown.aliases[0].reasons.join(), /misprint: printed 沐阳县/);
  assert.equal(shown.reports[0].printed_as, '沐阳县人民政府', 'the parse keeps the name as printed');
  archive.close();
});

test('organs alias / merge / split: decisions are stored, re-choose the reports and survive a reparse', async () => {
  const path = tempArchivePath();
  const archive = openArchive(path);
  await store(archive, 'http://127.0.0.2/a.txt', jiuyuanAs('城关镇人民政府', 2020));
  await store(archive, 'http://127.0.0.2/b.txt', jiuyuanAs('韭园镇人民政府', 2021));
  const doubtful = listOrgans(archive, { doubtsOnly: true });
  assert.deepEqual(doubtful.map((o) => o.name), ['城关镇人民政府']);
  // A person says this 城关镇 is 韭园镇's organ (say the page was mislabelled): one organ, two years.
  setAlias(archive, '城关镇人民政府', '扶沟县韭园镇人民政府', reselectOrganYear, 'checked on the portal');
  const jiuyuan = listOrgans(archive, { search: '韭园' })[0];
  assert.equal(jiuyuan.reports, 2);
  assert.equal(listOrgans(archive, { doubtsOnly: true }).length, 0);
  const reparse = await reparseArchive(archive, { all: true });
  assert.ok(reparse.selected >= 2);
  assert.equal(listOrgans(archive, { search: '韭园' })[0].reports, 2, 'the manual alias survives reparse');
  // Split it off again, then merge it back.
  const split = splitAlias(archive, '城关镇人民政府', '某县城关镇人民政府', reselectOrganYear);
  assert.equal(listOrgans(archive, { search: '韭园' })[0].reports, 1);
  assert.equal(archive.db.prepare('SELECT organ FROM reports WHERE organ_id = ?').pluck().get(split.organId), '某县城关镇人民政府');
  const merged = mergeOrgans(archive, jiuyuan.id, split.organId, reselectOrganYear);
  assert.equal(merged.aliases, 1);
  assert.equal(listOrgans(archive).length, 1);
  assert.deepEqual(archive.db.prepare('SELECT action FROM organ_decisions ORDER BY id').pluck().all(), ['alias', 'split', 'merge']);
  assert.throws(() => mergeOrgans(archive, jiuyuan.id, jiuyuan.id, reselectOrganYear), /one organ already/);
  assert.throws(() => setAlias(archive, 'x', 'no such organ', reselectOrganYear), /no organ/);
  archive.close();
  const again = openArchive(path);
  assert.equal(listOrgans(again)[0].reports, 2);
  again.close();
});

test('coverage: one row per organ with its division code, attributed to the county portal; expected townships show as missing', async () => {
  const archive = openArchive(tempArchivePath());
  const county = upsertPortal(archive, 'http://127.0.0.2/', { name: '扶沟县人民政府', divisionCode: '411621' });
  // The township's reports were captured on a sub-site registered without a division: still the county's organ.
  const subsite = upsertPortal(archive, 'http://127.0.0.3/', { name: '韭园镇' });
  await store(archive, 'http://127.0.0.3/2020.txt', readFileSync(JIUYUAN_SEED), subsite.id);
  await store(archive, 'http://127.0.0.3/2021.txt', jiuyuanAs('扶沟县韭园镇人民政府', 2021), subsite.id);
  // A 2013 report does not stretch the default range back to 2013.
  await store(archive, 'http://127.0.0.3/2013.txt', jiuyuanAs('扶沟县韭园镇人民政府', 2013), subsite.id);
  const { years, rows, total } = coverageMatrix(archive, { toYear: 2022 });
  assert.deepEqual(years, [2019, 2020, 2021, 2022]);
  const jiuyuan = rows.filter((r) => r.organ.includes('韭园'));
  assert.equal(jiuyuan.length, 1);
  assert.deepEqual([jiuyuan[0].regionCode, jiuyuan[0].portalId, jiuyuan[0].expectedOnly], ['411621104', county.id, false]);
  assert.ok(['ok', 'checks-failing'].includes(jiuyuan[0].cells[2020]) && jiuyuan[0].reports[2020] !== undefined);
  assert.equal(jiuyuan[0].cells[2019], 'missing');
  assert.ok(rows.every((r) => r.regionCode !== null), 'every row has a division code');
  // The county government and every other township of 扶沟县 are expected: rows with every year missing.
  const expected = rows.filter((r) => r.expectedOnly);
  assert.ok(expected.some((r) => r.organ === '周口市扶沟县人民政府'));
  assert.ok(expected.length >= 10, `扶沟县 has more than ten townships (${expected.length})`);
  assert.ok(expected.every((r) => years.every((y) => r.cells[y] === 'missing') && r.portalId === county.id));
  assert.equal(total, rows.length);
  // A page of organs, and the legacy years on request.
  const page = coverageMatrix(archive, { limit: 5, offset: 5, toYear: 2022 });
  assert.equal(page.rows.length, 5);
  assert.equal(page.total, total);
  const early = coverageMatrix(archive, { fromYear: 2013, toYear: 2013, regionPrefix: '411621104' }).rows;
  assert.equal(early.length, 1);
  assert.notEqual(early[0].reports[2013], undefined, 'the 2013 report is there when asked for');
  archive.close();
});
