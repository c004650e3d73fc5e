// A script-rendered list whose script fetches an endless JSON answer (a hostile server) used to hold
// the browser pass on that body for a minute per try, and a huge answer was read whole into the
// crawl's process. The page is closed at the crawl's byte cap, its entry fails as too_large once,
// and the rest of the crawl goes on: the other script-rendered list is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontierEntries, latestCapture, openArchive, upsertPortal } from '../../../storage/index.ts';
import { runCrawl } from '../../../crawler/index.ts';
import { SHARED } from '../../helpers/paths.ts';

const seed = readFileSync(join(SHARED, 'seeds', '003_d677def7845cc038.txt'), 'utf8');
const report = (organ: string) => `<html><head><title>${organ}2023年政府信息公开工作年度报告</title></head><body>${seed.replace(/新乡市牧野区人民政府/g, organ).replace(/2021年政府信息公开/, '2023年政府信息公开').split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`;
const scriptList = (data: string) => `<title>政府信息公开年报</title><ul id="list"></ul><script>fetch("${data}").then(r=>r.json()).then(d=>{document.getElementById("list").innerHTML=d.map(x=>\`<li><a href="\${x.u}">\${x.t}</a></li>\`).join("")})</script>`;
let endlessBytesSent = 0;

function site(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url!;
  const html = (body: string) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(body); };
  if (path === '/robots.txt') { res.end('User-agent: *\n'); return; }
  if (path === '/') return html('<a href="/xxgk/">政府信息公开</a>');
  if (path === '/xxgk/') return html('<title>政府信息公开</title><a href="/xxgk/endless/">政府信息公开年报</a><a href="/xxgk/fine/">部门年报</a>');
  if (path === '/xxgk/endless/') return html(scriptList('/xxgk/endless/data.json'));
  if (path === '/xxgk/fine/') return html(scriptList('/xxgk/fine/data.json'));
  if (path === '/xxgk/endless/data.json') {
    res.setHeader('content-type', 'application/json');
    res.write('[');
    const chunk = `${'{"u":"/x.html","t":"甲县2023年政府信息公开工作年度报告"},'.repeat(1000)}`;
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) endlessBytesSent += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
    return;
  }
  if (path === '/xxgk/fine/data.json') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify([{ u: '/xxgk/fine/a.html', t: '甲县财政局2023年政府信息公开工作年度报告' }])); return; }
  if (path === '/xxgk/fine/a.html') return html(report('甲县财政局'));
  res.statusCode = 404;
  res.end('not found');
}

test('a browser-rendered page past the byte cap is closed and fails as too_large once; the crawl goes on', { timeout: 120_000 }, async () => {
  const server = createServer(site);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.71', resolve));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-browser-cap-'));
  const archive = openArchive(join(dir, 'a.sqlite'));
  try {
    const portal = upsertPortal(archive, `http://127.0.0.71:${port}/`);
    const started = Date.now();
    const run = await runCrawl({ archive, portals: [portal], settings: { politenessDelaySecs: 0.05, maxAttachmentBytes: 2 * 1024 * 1024 } });
    const elapsed = Date.now() - started;
    const tally = run.tallies.get(portal.id)!;
    const endless = `http://127.0.0.71:${port}/xxgk/endless/`;
    assert.equal(tally.usedBrowser, true);
    assert.ok(tally.reports.some((r) => r.organ === '甲县财政局' && r.year === 2023), `the other rendered list is read: ${JSON.stringify(tally.reports)}`);
    const refusals = tally.failed.filter((f) => f.url === endless);
    assert.equal(refusals.length, 1, `one failure, no retries: ${JSON.stringify(tally.failed)}`);
    assert.match(refusals[0].reason, /^too_large: .*cap is 2097152 bytes/);
    const entry = frontierEntries(archive, portal.id).find((e) => e.url === endless);
    assert.equal(entry?.status, 'failed');
    assert.match(latestCapture(archive, endless)?.error ?? '', /^too_large/);
    assert.ok(endlessBytesSent < 64 * 1024 * 1024, `the endless answer stopped after ${endlessBytesSent} bytes`);
    assert.ok(elapsed < 60_000, `crawl took ${elapsed} ms`);
  } finally {
    archive.close();
    server.close();
    server.closeAllConnections();
  }
});
