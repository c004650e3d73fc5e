// The crawl commands as a user runs them: portals add|import|list|remove, seed --json, crawl with
// its stored summary and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns, openArchive } from '../../storage/index.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const root = REPO_ROOT;
const bin = join(root, 'node_modules', '.bin', 'nianbao');
const seed = readFileSync(join(root, '..', 'shared', 'seeds', '003_d677def7845cc038.txt'), 'utf8');

function nianbao(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function startPortal(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/') res.end('<a href="/nb/">政府信息公开年报</a>');
    else if (req.url === '/nb/') res.end('<title>政府信息公开年报</title><a href="t1.html">新乡市牧野区人民政府2021年政府信息公开工作年度报告</a><a href="t2.html">2023年上半年政府信息公开工作情况</a><a href="gone.html">新乡市牧野区人民政府2020年政府信息公开工作年度报告</a>');
    else if (req.url === '/nb/t1.html') res.end(`<html><body>${seed.split('\n').map((l) => `<p>${l}</p>`).join('')}<a href="att.txt">附件</a></body></html>`);
    else if (req.url === '/nb/att.txt') { res.setHeader('content-type', 'text/plain'); res.end(seed); }
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.81', resolve));
  return { url: `http://127.0.0.81:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}

test('portals add, import, list, remove', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'nianbao-cli-')), 'a.sqlite');
  assert.equal((await nianbao(['portals', 'add', 'http://127.0.0.9/', '--name', '甲县', '--division', '410711', '--db', db])).status, 0);
  const csv = join(tmpdir(), `portals-${process.pid}.csv`);
  writeFileSync(csv, 'URL,name,division code\nhttp://127.0.0.10/,乙县,410712\nftp://bad/,丙,\nhttp://127.0.0.11/,"丁县, 新区",\n');
  const imported = await nianbao(['portals', 'import', csv, '--db', db]);
  assert.equal(imported.status, 1, 'a bad line makes exit code 1');
  assert.match(imported.stderr, /:3: skipped/);
  assert.match(imported.stdout, /imported 2 portal/);
  const list = await nianbao(['portals', 'list', '--json', '--db', db]);
  const portals = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(portals.map((p) => p.name), ['甲县', '乙县', '丁县, 新区']);
  assert.equal(portals[0].divisionCode, '410711');
  assert.equal((await nianbao(['portals', 'remove', 'http://127.0.0.10/', '--db', db])).status, 0);
  assert.equal((await nianbao(['portals', 'list', '--json', '--db', db])).stdout.trim().split('\n').length, 2);
  assert.equal((await nianbao(['portals', 'add', 'not-a-url', '--db', db])).status, 2);
  assert.equal((await nianbao(['portals', 'import', '/no/such/file.csv', '--db', db])).status, 3);
});

test('seed --json lists the report with its page and attachment, and skipped and failed pages with reasons', { timeout: 60_000 }, async () => {
  const portal = await startPortal();
  try {
    const db = join(mkdtempSync(join(tmpdir(), 'nianbao-cli-')), 'a.sqlite');
    const run = await nianbao(['seed', portal.url, '--json', '--db', db, '--delay', '0.02', '--no-browser']);
    assert.equal(run.status, 1, 'a 404 is a problem worth exit code 1');
    const out = JSON.parse(run.stdout);
    const report = out.reports.find((r: { year: number }) => r.year === 2021);
    assert.equal(report.organ, '新乡市牧野区人民政府');
    assert.equal(report.template, '2021');
    assert.equal(report.pageUrl, `${portal.url}nb/t1.html`);
    assert.deepEqual(report.attachmentUrls, [`${portal.url}nb/att.txt`]);
    assert.ok(out.pages.skipped.some((p: { url: string; reason: string }) => p.url.endsWith('t2.html') && /look-alike/.test(p.reason)));
    assert.ok(out.pages.failed.some((p: { url: string; reason: string }) => p.url.endsWith('gone.html') && p.reason === 'http-404'));
    assert.ok(out.pages.fetched.length >= 4);
    assert.equal(report.newThisRun, true);

    // A second seed of the same portal fetches nothing new, and still lists every report of the portal.
    const again = JSON.parse((await nianbao(['seed', portal.url, '--json', '--db', db, '--delay', '0.02', '--no-browser'])).stdout);
    assert.deepEqual(again.reports.map((r: { organ: string; year: number; pageUrl: string }) => [r.organ, r.year, r.pageUrl]),
      out.reports.map((r: { organ: string; year: number; pageUrl: string }) => [r.organ, r.year, r.pageUrl]));
    assert.ok(again.reports.length >= 1 && again.reports.every((r: { newThisRun: boolean }) => !r.newThisRun));

    const crawl = await nianbao(['crawl', '--db', db, '--delay', '0.02', '--json']);
    assert.equal(crawl.status, 1, 'the 404 is tried again on the next night and still fails');
    const summary = JSON.parse(crawl.stdout);
    assert.deepEqual(summary.failuresByReason, { 'http-404': 1 });
    assert.equal(summary.totals.newReports, 0, 'nothing new on an unchanged portal');
    const archive = openArchive(db, { readonly: true });
    const runs = listRuns(archive);
    archive.close();
    assert.deepEqual(runs.map((r) => r.kind), ['crawl', 'seed', 'seed']);
    assert.equal((runs[0].summary as { runId: number }).runId, runs[0].id, 'the run summary is stored');
  } finally {
    portal.close();
  }
});

test('crawl with no archive exits 3 (none is created), with no portals 4; a bad option exits 2', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'nianbao-cli-')), 'a.sqlite');
  assert.equal((await nianbao(['crawl', '--db', db])).status, 3);
  assert.equal(existsSync(db), false, 'a mistyped --db creates nothing');
  openArchive(db).close();
  assert.equal((await nianbao(['crawl', '--db', db])).status, 4);
  assert.equal((await nianbao(['crawl', '--db', db, '--max-pages', '0'])).status, 2);
  assert.equal((await nianbao(['seed', '--db', db])).status, 2);
});

test('seed --no-parse stores the captures unparsed; reparse --unparsed then makes the report', { timeout: 60_000 }, async () => {
  const portal = await startPortal();
  try {
    const db = join(mkdtempSync(join(tmpdir(), 'nianbao-cli-')), 'a.sqlite');
    await nianbao(['seed', portal.url, '--db', db, '--delay', '0.02', '--no-browser', '--no-parse']);
    const count = (sql: string) => {
      const archive = openArchive(db, { readonly: true });
      try {
        return archive.db.prepare(sql).pluck().get() as number;
      } finally {
        archive.close();
      }
    };
    assert.ok(count("SELECT count(*) FROM captures WHERE url LIKE '%/nb/t1.html'") >= 1, 'the report page was stored');
    assert.equal(count('SELECT count(*) FROM parses'), 0, 'nothing parsed while crawling');
    assert.equal(count('SELECT count(*) FROM reports'), 0);
    const reparse = await nianbao(['reparse', '--unparsed', '--db', db]);
    assert.equal(reparse.status, 0, reparse.stderr);
    assert.equal(count("SELECT count(*) FROM reports WHERE organ = '新乡市牧野区人民政府' AND year = 2021"), 1);
  } finally {
    portal.close();
  }
});

test('seed --ocr-later stores a scanned PDF unread with ocr_deferred; reparse --failed ocr_deferred then reads it by OCR', { timeout: 240_000 }, async () => {
  const scan = readFileSync(join(root, 'test', 'fixtures', 'seeds', '003_d677def7845cc038.scan.pdf'));
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/') res.end('<a href="/nb/">政府信息公开年报</a>');
    else if (req.url === '/nb/') res.end('<a href="t1.html">新乡市牧野区人民政府2021年政府信息公开工作年度报告</a>');
    else if (req.url === '/nb/t1.html') res.end('<html><body><h1>新乡市牧野区人民政府2021年政府信息公开工作年度报告</h1><a href="scan.pdf">附件：年度报告（扫描件）</a></body></html>');
    else if (req.url === '/nb/scan.pdf') { res.setHeader('content-type', 'application/pdf'); res.end(scan); }
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.82', resolve));
  const url = `http://127.0.0.82:${(server.address() as { port: number }).port}/`;
  try {
    const db = join(mkdtempSync(join(tmpdir(), 'nianbao-cli-')), 'a.sqlite');
    const seeded = await nianbao(['seed', url, '--db', db, '--delay', '0.02', '--no-browser', '--ocr-later']);
    assert.match(seeded.stdout, /1 scan\(s\) stored unread for OCR later: nianbao reparse --failed ocr_deferred/, seeded.stdout + seeded.stderr);
    const query = (sql: string) => {
      const archive = openArchive(db, { readonly: true });
      try {
        return archive.db.prepare(sql).get() as Record<string, unknown> | undefined;
      } finally {
        archive.close();
      }
    };
    const deferred = query("SELECT p.reason FROM parses p JOIN captures c ON c.id = p.capture_id WHERE c.url LIKE '%/scan.pdf'");
    assert.match(String(deferred?.reason), /^ocr_deferred: a scanned PDF of \d+ page\(s\) without a text layer/);
    assert.equal(query("SELECT count(*) AS n FROM reports WHERE year = 2021")?.n, 0, 'no report before the scan is read');
    // Until it is read, coverage and the audit say a scan waits for OCR, not that the report is unparsed.
    const coverage2021 = async () => JSON.parse((await nianbao(['query', '--named', 'coverage', '--param', 'from=2021', '--param', 'to=2021', '--db', db])).stdout)
      .find((r: Record<string, string>) => r.organ === '新乡市牧野区人民政府')?.['2021'];
    assert.equal(await coverage2021(), 'ocr-pending');
    assert.match((await nianbao(['audit', '--year', '2021', '--db', db])).stdout, /新乡市牧野区人民政府\s+410711\s+ocr-pending[\s\S]*1 awaiting OCR/);
    const reparse = await nianbao(['reparse', '--failed', 'ocr_deferred', '--db', db]);
    assert.equal(reparse.status, 0, reparse.stderr);
    assert.match(reparse.stdout, /1 captures selected/);
    const report = query("SELECT r.organ, p.fields_filled AS fields FROM reports r JOIN parses p ON p.id = r.parse_id WHERE r.year = 2021");
    assert.equal(report?.organ, '新乡市牧野区人民政府');
    assert.ok(Number(report?.fields) > 100, `the OCR'd report has its figures (${report?.fields})`);
    assert.match(String(await coverage2021()), /^(ok|checks-failing)$/, 'once read, the report is found');
    assert.match((await nianbao(['reparse', '--failed', 'ocr_deferred', '--db', db])).stdout, /0 captures selected/, 'read once, not again');
  } finally {
    server.close();
  }
});

test('crawl --ocr-later: a scan linked straight from a list is ocr-pending for the organ-year its link names', { timeout: 120_000 }, async () => {
  const scan = readFileSync(join(root, 'test', 'fixtures', 'seeds', '003_d677def7845cc038.scan.pdf'));
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/') res.end('<a href="/nb/">政府信息公开年报</a>');
    else if (req.url === '/nb/') res.end('<title>政府信息公开年报</title><a href="2021.pdf">新乡市牧野区人民政府2021年政府信息公开工作年度报告</a><a href="notice.pdf">关于做好2022年政府信息公开工作年度报告编制工作的通知</a>');
    else if (req.url === '/nb/2021.pdf') { res.setHeader('content-type', 'application/pdf'); res.end(scan); }
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.83', resolve));
  const url = `http://127.0.0.83:${(server.address() as { port: number }).port}/`;
  try {
    const db = join(mkdtempSync(join(tmpdir(), 'nianbao-cli-')), 'a.sqlite');
    assert.equal((await nianbao(['portals', 'add', url, '--name', '牧野区', '--division', '410711', '--db', db])).status, 0);
    const crawled = await nianbao(['crawl', '--db', db, '--delay', '0.02', '--no-browser', '--ocr-later']);
    assert.match(crawled.stdout, /1 scan\(s\) stored unread for OCR later/, crawled.stdout + crawled.stderr);
    const coverage = JSON.parse((await nianbao(['query', '--named', 'coverage', '--param', 'from=2021', '--param', 'to=2022', '--db', db])).stdout)
      .find((r: Record<string, string>) => r.organ === '新乡市牧野区人民政府');
    assert.equal(coverage?.['2021'], 'ocr-pending', JSON.stringify(coverage));
    assert.equal(coverage?.['2022'], 'missing', 'a notice about the reports names no report');
  } finally {
    server.close();
  }
});
