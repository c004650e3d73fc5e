// kill -9 in the middle of `nianbao crawl` and a restart: the job finishes, nothing is lost, and
// nothing stored before the kill is fetched again. The crawl runs as a child process against a
// loopback portal served by this test (36 reports over a 4-page TRS list, each with a text attachment).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToFrontier, finishRun, frontierEntries, openArchive, runReadOnlyQuery, settleEntry, startRun, storeCapture, upsertPortal } from '../../../storage/index.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const root = REPO_ROOT;
const bin = join(root, 'node_modules', '.bin', 'nianbao');
const seed = readFileSync(join(root, '..', 'shared', 'seeds', '003_d677def7845cc038.txt'), 'utf8');
const ORGANS = Array.from({ length: 36 }, (_, i) => `第${i + 1}镇人民政府`);
const PER_PAGE = 10;

function reportPage(i: number): string {
  const text = seed.replace(/新乡市牧野区人民政府/g, ORGANS[i]);
  return `<html><head><meta charset="utf-8"><title>${ORGANS[i]}2021年政府信息公开工作年度报告</title></head><body>${text.split('\n').map((l) => `<p>${l}</p>`).join('')}<a href="P0${i}.txt">附件</a></body></html>`;
}

function listPage(page: number): string {
  const items = ORGANS.map((organ, i) => ({ organ, i })).slice(page * PER_PAGE, (page + 1) * PER_PAGE)
    .map(({ organ, i }) => `<li><a href="./t${i}.html">${organ}2021年政府信息公开工作年度报告</a></li>`).join('');
  return `<html><head><title>政府信息公开年报</title></head><body><ul>${items}</ul><script>createPageHTML(${Math.ceil(ORGANS.length / PER_PAGE)}, ${page}, "index", "html");</script></body></html>`;
}

function runToEnd(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args);
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('exit', (status) => resolve({ status, output }));
  });
}

test('kill -9 mid-crawl, restart: finished, nothing lost, stored URLs not refetched', { timeout: 180_000 }, async () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url!);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    const url = req.url!;
    const list = url.match(/^\/nb\/index(?:_(\d+))?\.html$/);
    const report = url.match(/^\/nb\/t(\d+)\.html$/);
    if (url === '/') res.end('<a href="/nb/index.html">政府信息公开年报</a>');
    else if (list) res.end(listPage(Number(list[1] ?? 0)));
    else if (report) res.end(reportPage(Number(report[1])));
    else if (/\.txt$/.test(url)) { res.setHeader("content-type", "text/plain"); res.end(`附件 ${url}`); }
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.71', resolve));
  const portalUrl = `http://127.0.0.71:${(server.address() as { port: number }).port}/`;
  const db = join(mkdtempSync(join(tmpdir(), 'nianbao-resume-')), 'a.sqlite');
  const setup = openArchive(db);
  const portal = upsertPortal(setup, portalUrl);
  setup.close();
  const crawlArgs = ['crawl', '--db', db, '--delay', '0.08', '--per-host', '1', '--no-browser'];
  try {
    const child = spawn(bin, crawlArgs, { stdio: 'ignore' });
    // Wait until a good part of the job is stored, then kill -9 without warning.
    const deadline = Date.now() + 60_000;
    let doneBefore = 0;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const reader = openArchive(db, { readonly: true });
      doneBefore = frontierEntries(reader, portal.id).filter((e) => e.status === 'done').length;
      reader.close();
      if (doneBefore >= 25) break;
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(doneBefore >= 25, 'the crawl got going before the kill');

    const afterKill = openArchive(db, { readonly: true });
    const stored = frontierEntries(afterKill, portal.id).filter((e) => e.status === 'done');
    const capturedUrls = new Set([...runReadOnlyQuery(afterKill, 'SELECT url FROM captures WHERE sha256 IS NOT NULL').rows].map((r) => String(r[0])));
    afterKill.close();
    assert.ok(stored.length < ORGANS.length * 2 + 5, 'killed before the end');
    for (const entry of stored) assert.ok(capturedUrls.has(entry.url), `a done entry has its capture: ${entry.url}`);

    const requestsBefore = requests.length;
    // Async: this process serves the portal, so it must not block while the crawl runs.
    const restart = await runToEnd(crawlArgs);
    assert.equal(restart.status, 0, restart.output);
    const refetched = requests.slice(requestsBefore).filter((path) => path !== '/robots.txt');
    const storedPaths = new Set(stored.map((e) => new URL(e.url).pathname));
    assert.deepEqual(refetched.filter((path) => storedPaths.has(path)), [], 'nothing stored before the kill is fetched again');

    const final = openArchive(db, { readonly: true });
    const entries = frontierEntries(final, portal.id);
    const organs = [...runReadOnlyQuery(final, 'SELECT organ FROM reports WHERE year = 2021').rows].map((r) => String(r[0]));
    final.close();
    assert.equal(entries.filter((e) => e.status === 'queued').length, 0, 'nothing left queued');
    assert.deepEqual(organs.sort(), [...ORGANS].sort(), 'every report of the portal is in the archive');
    assert.equal(entries.filter((e) => /\.txt$/.test(e.url) && e.status === 'done').length, ORGANS.length, 'every attachment fetched');
  } finally {
    server.close();
  }
});

test('a report page a killed crawl stored but had not parsed yet is parsed by the restart, not lost', { timeout: 60_000 }, async () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url!);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/') res.end('<a href="/nb/t0.html">第1镇人民政府2021年政府信息公开工作年度报告</a>');
    else if (req.url === '/nb/t0.html') res.end(reportPage(0));
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.72', resolve));
  const portalUrl = `http://127.0.0.72:${(server.address() as { port: number }).port}/`;
  const db = join(mkdtempSync(join(tmpdir(), 'nianbao-resume-')), 'a.sqlite');
  try {
    // What a crawl killed mid-parse leaves: its run still `running`, the page's capture stored and
    // its frontier entry done (commit came first, the parse was still in its worker).
    const archive = openArchive(db);
    const portal = upsertPortal(archive, portalUrl);
    const runId = startRun(archive, 'crawl');
    const pageUrl = `${portalUrl}nb/t0.html`;
    storeCapture(archive, { url: pageUrl, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, bytes: Buffer.from(reportPage(0)), label: 'report', runId, portalId: portal.id });
    addToFrontier(archive, portal.id, [{ url: pageUrl, label: 'report', depth: 1, context: {} }]);
    const entry = frontierEntries(archive, portal.id).find((e) => e.url === pageUrl)!;
    settleEntry(archive, entry.id, { status: 'done', runId });
    // Its owner is gone: the restart finds it interrupted (this test process, still alive, owns it here).
    finishRun(archive, runId, 'interrupted');
    archive.close();

    const restart = await runToEnd(['crawl', '--db', db, '--delay', '0', '--no-browser']);
    assert.ok(restart.status === 0 || restart.status === 1, restart.output);
    assert.ok(!requests.includes('/nb/t0.html'), 'the stored page is not fetched again');
    const final = openArchive(db, { readonly: true });
    const organs = [...runReadOnlyQuery(final, 'SELECT organ FROM reports WHERE year = 2021').rows].map((r) => String(r[0]));
    final.close();
    assert.deepEqual(organs, ['第1镇人民政府'], 'the report the killed crawl had not parsed is in the archive');
  } finally {
    server.close();
  }
});
