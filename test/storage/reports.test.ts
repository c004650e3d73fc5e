// Reports from real parses of the seeds: one per organ+year, the best source chosen and why,
// long and wide fields, full-text search, parser versions and an idempotent reparse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARSER_VERSION, fieldKeysFor } from '../../parsers/index.ts';
import {
  capturesToReparse, coverageMatrix, fieldSeries, getReport, openArchive, rankCandidates, recordParse, reparseArchive,
  searchReports, storeCapture, upsertPortal, type Candidate,
} from '../../storage/index.ts';
import { dumpTable, parseSeed, seedFiles, storeSeed, tempArchivePath } from '../helpers/storage-fixtures.ts';
import { SHARED } from '../helpers/paths.ts';

test('each seed becomes one report with its fields, raw strings, provenance, checks and a wide row', async () => {
  const archive = openArchive(tempArchivePath());
  for (const file of seedFiles()) await storeSeed(archive, file);
  assert.equal(archive.db.prepare('SELECT count(*) FROM reports').pluck().get(), seedFiles().length);
  const muye = archive.db.prepare("SELECT id FROM reports WHERE organ = '新乡市牧野区人民政府' AND year = 2021").pluck().get() as number;
  const detail = getReport(archive, muye)!;
  const parse = await parseSeed('003_d677def7845cc038.txt');
  assert.equal(detail.template, '2021');
  assert.equal(detail.fields.length, fieldKeysFor('2021').length);
  const withFigure = detail.fields.find((f) => f.value !== null && f.value !== 0)!;
  assert.equal(withFigure.value, parse.fields[withFigure.key]);
  assert.equal(withFigure.raw, parse.cells[withFigure.key].raw);
  assert.deepEqual(withFigure.provenance, parse.cells[withFigure.key].source);
  assert.equal(detail.checks.length, parse.checks.length);
  assert.deepEqual(detail.sections.map((s) => s.heading), parse.sections.map((s) => s.heading));
  const wide = archive.db.prepare('SELECT * FROM reports_wide WHERE report_id = ?').get(muye) as Record<string, unknown>;
  for (const key of fieldKeysFor('2021')) assert.equal(wide[key], parse.fields[key], key);
  assert.equal(wide.organ, '新乡市牧野区人民政府');
  archive.close();
});

test('a PDF attachment and its HTML page give one report: the better parse is chosen, the page is a source', async () => {
  const archive = openArchive(tempArchivePath());
  const full = await parseSeed('000_9fdddd81a4dc62c5.txt');
  const pageUrl = 'http://127.0.0.2/art/2022/1/21/art_1.html';
  const page = storeCapture(archive, { url: pageUrl, status: 200, bytes: Buffer.from('<html>page with tables as images</html>') });
  const weak = structuredClone(full);
  weak.format = 'html';
  for (const key of Object.keys(weak.fields).slice(0, 120)) weak.fields[key] = null;
  weak.checks = weak.checks.map((c, i) => (i === 0 ? { ...c, ok: false, blame: 'parse' as const } : c));
  const pageParse = recordParse(archive, page.id, weak);
  assert.equal(pageParse.chosen, true);
  const pdf = storeCapture(archive, { url: 'http://127.0.0.2/P020220121.pdf', status: 200, bytes: Buffer.from('%PDF-1.7 full'), referrerUrl: pageUrl });
  const pdfResult = structuredClone(full);
  pdfResult.format = 'pdf';
  const pdfParse = recordParse(archive, pdf.id, pdfResult);
  assert.equal(pdfParse.reportId, pageParse.reportId);
  assert.equal(pdfParse.chosen, true);
  const detail = getReport(archive, pdfParse.reportId!)!;
  assert.match(detail.chosenWhy, /capture \d+ \(pdf, .*P020220121\.pdf\) chosen over capture \d+ \(html.*fewer failing checks \(0 vs 1\)/);
  assert.deepEqual(detail.sources.map((s) => [s.captureId, s.role]), [[pdf.id, 'chosen'], [page.id, 'alternative']]);
  assert.equal(detail.fieldsFilled, Object.values(full.fields).filter((v) => v !== null).length);
  assert.equal(archive.db.prepare('SELECT count(*) FROM parses').pluck().get(), 2);
  archive.close();
});

test('an HTML report page does not take the list page that linked to it as a source', async () => {
  const archive = openArchive(tempArchivePath());
  const parse = await parseSeed('000_9fdddd81a4dc62c5.txt');
  const listUrl = 'http://127.0.0.2/zwgk/zfxxgknb/index_1.html';
  storeCapture(archive, { url: listUrl, status: 200, bytes: Buffer.from('<html>list of reports</html>') });
  const page = storeCapture(archive, { url: 'http://127.0.0.2/zwgk/zfxxgknb/t1.html', status: 200, bytes: Buffer.from('<html>report</html>'), referrerUrl: listUrl });
  const pageResult = structuredClone(parse);
  pageResult.format = 'html';
  const recorded = recordParse(archive, page.id, pageResult);
  const detail = getReport(archive, recorded.reportId!)!;
  assert.deepEqual(detail.sources.map((s) => [s.captureId, s.role]), [[page.id, 'chosen']]);
  archive.close();
});

test('ranking: template known, then fewer failing checks, more fields, confidence; ties keep the first found', () => {
  const base: Candidate = { parseId: 1, captureId: 1, url: 'u1', format: 'html', template: '2021', checksFailed: 0, fieldsFilled: 100, confidence: 0.9 };
  const pick = (...cs: Candidate[]) => rankCandidates(cs).ranked[0].parseId;
  assert.equal(pick({ ...base, template: null }, { ...base, parseId: 2, captureId: 2, template: 'legacy', checksFailed: 9 }), 2);
  assert.equal(pick({ ...base, checksFailed: 2, fieldsFilled: 200 }, { ...base, parseId: 2, captureId: 2 }), 2);
  assert.equal(pick(base, { ...base, parseId: 2, captureId: 2, fieldsFilled: 150, confidence: 0.5 }), 2);
  assert.equal(pick(base, { ...base, parseId: 2, captureId: 2, confidence: 0.95 }), 2);
  assert.equal(pick({ ...base, parseId: 2, captureId: 2 }, base), 1);
  assert.match(rankCandidates([base]).why, /^only source: capture 1/);
});

test('a changed document at the same URL replaces its old version as a source; the old capture stays', async () => {
  const archive = openArchive(tempArchivePath());
  const url = 'http://127.0.0.2/report.txt';
  const first = await storeSeed(archive, '004_6dd11e94be6ffc3a.txt', url);
  const corrected = await parseSeed('004_6dd11e94be6ffc3a.txt');
  corrected.confidence = 0.5;
  const v2 = storeCapture(archive, { url, status: 200, bytes: Buffer.from('corrected version') });
  const recorded = recordParse(archive, v2.id, corrected);
  assert.equal(recorded.reportId, first.reportId);
  assert.equal(recorded.chosen, true, 'the newer version of the URL is the source even with a lower confidence');
  assert.equal(archive.db.prepare('SELECT count(*) FROM captures WHERE url = ?').pluck().get(url), 2);
  assert.equal(getReport(archive, first.reportId!)!.sources.length, 1);
  archive.close();
});

test('when a reparse names another organ, the old report goes and the new one comes', async () => {
  const archive = openArchive(tempArchivePath());
  const stored = await storeSeed(archive, '002_03ef826aa882f677.txt');
  const renamed = await parseSeed('002_03ef826aa882f677.txt');
  renamed.organ = '韭园镇人民政府（更正）';
  renamed.parserVersion = '9.9.9';
  const recorded = recordParse(archive, stored.captureId, renamed);
  assert.notEqual(recorded.reportId, stored.reportId);
  assert.deepEqual(archive.db.prepare('SELECT organ FROM reports').pluck().all(), ['韭园镇人民政府（更正）']);
  assert.equal(archive.db.prepare('SELECT count(*) FROM report_fields WHERE report_id = ?').pluck().get(stored.reportId), 0);
  assert.equal(searchReports(archive, { text: '韭园镇' }).total, 1);
  archive.close();
});

test('reparse picks only older parser versions, and running it again changes nothing', async () => {
  const archive = openArchive(tempArchivePath());
  for (const file of seedFiles()) {
    const capture = storeCapture(archive, { url: `http://127.0.0.2/${file}`, status: 200, bytes: Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(`${SHARED}/seeds/${file}`))) });
    const old = await parseSeed(file);
    old.parserVersion = '0.0.1';
    old.confidence = 0.1;
    recordParse(archive, capture.id, old);
  }
  const newer = storeCapture(archive, { url: 'http://127.0.0.2/newer.txt', status: 200, bytes: Buffer.from('made by a newer parser') });
  recordParse(archive, newer.id, { ...(await parseSeed('000_9fdddd81a4dc62c5.txt')), organ: '未来县', parserVersion: '99.0.0' });
  assert.equal(capturesToReparse(archive).length, seedFiles().length);
  const first = await reparseArchive(archive);
  assert.equal(first.changed, seedFiles().length);
  assert.equal(first.failed.length, 0);
  assert.deepEqual(archive.db.prepare('SELECT DISTINCT parser_version FROM reports WHERE organ <> ?').pluck().all('未来县'), [PARSER_VERSION]);
  const snapshot = () => [dumpTable(archive, 'SELECT * FROM parses ORDER BY id'), dumpTable(archive, 'SELECT id, organ, year, parse_id, chosen_why, updated_at FROM reports ORDER BY id'),
    dumpTable(archive, 'SELECT * FROM report_fields ORDER BY report_id, key'), dumpTable(archive, 'SELECT * FROM report_values ORDER BY report_id')];
  assert.deepEqual(capturesToReparse(archive), []);
  const again = await reparseArchive(archive);
  assert.equal(again.selected, 0);
  const all = await reparseArchive(archive, { all: true });
  assert.equal(all.changed, 1, '--all also re-parses what the newer parser made');
  const before = snapshot();
  const allAgain = await reparseArchive(archive, { all: true });
  assert.equal(allAgain.changed, 0);
  assert.equal(allAgain.unchanged, seedFiles().length + 1);
  assert.deepEqual(snapshot(), before);
  archive.close();
});

test('full-text search finds Chinese text with the trigram index and short words by scanning; filters apply', async () => {
  const archive = openArchive(tempArchivePath());
  for (const file of seedFiles()) await storeSeed(archive, file);
  const hits = searchReports(archive, { text: '牧野区' });
  assert.deepEqual(hits.hits.map((h) => h.organ), ['新乡市牧野区人民政府']);
  assert.match(hits.hits[0].snippet!, /\[牧野区\]/);
  assert.ok(searchReports(archive, { text: '复议' }).total >= 1, 'two-character words are found by LIKE');
  assert.equal(searchReports(archive, { text: '行政复议', year: 2020 }).hits.every((h) => h.year === 2020), true);
  assert.equal(searchReports(archive, { text: 'no such phrase anywhere' }).total, 0);
  assert.equal(searchReports(archive, { text: '"unbalanced OR ( quote' }).total, 0, 'operators in input are literal, not errors');
  assert.equal(searchReports(archive, { checks: 'fail' }).hits.every((h) => h.checksFailed > 0), true);
  archive.close();
});

test('the coverage matrix marks a missing year and a document that did not parse as a report', async () => {
  const archive = openArchive(tempArchivePath());
  await storeSeed(archive, '003_d677def7845cc038.txt');
  const later = await parseSeed('003_d677def7845cc038.txt');
  later.year = 2023;
  later.template = null;
  later.reason = 'tables are images';
  const capture = storeCapture(archive, { url: 'http://127.0.0.2/2023.html', status: 200, bytes: Buffer.from('2023 page') });
  recordParse(archive, capture.id, later);
  const { years, rows } = coverageMatrix(archive, { fromYear: 2021, toYear: 2024 });
  assert.deepEqual(years, [2021, 2022, 2023, 2024]);
  assert.deepEqual(rows[0].cells, { 2021: 'ok', 2022: 'missing', 2023: 'unparsed', 2024: 'missing' });
  archive.close();
});

test('an organ over the years for the charts, and a region filter that falls back to the portal division code', async () => {
  const archive = openArchive(tempArchivePath());
  const portal = upsertPortal(archive, 'http://127.0.0.2/', { divisionCode: '410711' });
  const stored = await storeSeed(archive, '003_d677def7845cc038.txt', undefined, { portalId: portal.id });
  const nextYear = await parseSeed('003_d677def7845cc038.txt');
  nextYear.year = 2022;
  nextYear.fields['apps.new.total'] = 42;
  nextYear.regionCode = null;
  const capture = storeCapture(archive, { url: 'http://127.0.0.2/2022.txt', status: 200, bytes: Buffer.from('2022'), portalId: portal.id });
  recordParse(archive, capture.id, nextYear);
  const series = fieldSeries(archive, '新乡市牧野区人民政府', ['apps.new.total', 'review.total']);
  assert.deepEqual(series.map((s) => s.year), [2021, 2022]);
  assert.equal(series[1].values['apps.new.total'], 42);
  assert.equal(series[0].values['apps.new.total'], (await parseSeed('003_d677def7845cc038.txt')).fields['apps.new.total']);
  const inRegion = searchReports(archive, { regionPrefix: '4107' });
  assert.equal(inRegion.total, 2, 'both years are found by region, one through its portal');
  assert.equal(searchReports(archive, { regionPrefix: '11' }).total, 0);
  assert.deepEqual(getReport(archive, stored.reportId!)!.otherYears.map((y) => y.year), [2022]);
  archive.close();
});
