// The crawler end to end against a small site of its own on loopback (the portal farm covers the
// families; this pins the mechanics): raw bytes kept, GBK decoded, robots.txt Disallow and
// Crawl-delay, honest User-Agent, flipbook pages joined, a script-rendered list read in Chromium,
// a 412 challenge flagged and never parsed, conditional revisits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { frontierEntries, getPortal, latestCapture, getCaptureBody, openArchive, upsertPortal } from '../../../storage/index.ts';
import { runCrawl, USER_AGENT } from '../../../crawler/index.ts';
import { SHARED } from '../../helpers/paths.ts';

interface Hit { host: string; path: string; at: number; agent: string; conditional: boolean }
const hits: Hit[] = [];
const PDF = Buffer.from('%PDF-1.4\n% not a real pdf \xff\xfe\n', 'latin1');

// A real report (seed 003) retitled for each organ and year, one line per paragraph.
const seed = readFileSync(join(SHARED, 'seeds', '003_d677def7845cc038.txt'), 'utf8');
const reportLines = (organ: string, year: number) => seed.replace(/新乡市牧野区人民政府/g, organ).replace(/2021年政府信息公开/, `${year}年政府信息公开`).split('\n').map((l) => `<p>${l}</p>`);
const reportHtml = (organ: string, year: number) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>${organ}${year}年政府信息公开工作年度报告</title></head><body><div class="TRS_Editor">${reportLines(organ, year).join('')}</div><a href="./P0${year}0101.pdf">${organ}${year}年政府信息公开工作年度报告.pdf</a></body></html>`;
const bookPages = (() => {
  const lines = reportLines('甲县', 2022);
  const third = Math.ceil(lines.length / 3);
  return [0, 1, 2].map((i) => lines.slice(i * third, (i + 1) * third).join(''));
})();

function site(req: IncomingMessage, res: ServerResponse): void {
  const host = req.headers.host!.split(':')[0];
  const path = req.url!;
  hits.push({ host, path, at: Date.now(), agent: String(req.headers['user-agent']), conditional: Boolean(req.headers['if-none-match']) });
  const html = (body: string, etag?: string) => {
    res.setHeader('content-type', 'text/html');
    if (etag) {
      res.setHeader('etag', etag);
      if (req.headers['if-none-match'] === etag) { res.statusCode = 304; res.end(); return; }
    }
    res.end(body);
  };
  if (host === '127.0.0.62') { res.statusCode = 412; res.end('<html><script>var $_ts=window["$_ts"];</script></html>'); return; }
  if (path === '/robots.txt') { res.end('User-agent: *\nDisallow: /secret/\nCrawl-delay: 0.2\n'); return; }
  if (path === '/') return html('<a href="/xxgk/">政府信息公开</a> <a href="/secret/">政府信息公开年报（内部）</a>', '"home"');
  if (path === '/xxgk/') return html('<title>政府信息公开</title><a href="/xxgk/nb/">政府信息公开年报</a><a href="/xxgk/js/">部门年报</a><a href="/xxgk/zn.html">政府信息公开指南</a>', '"xxgk"');
  if (path === '/xxgk/nb/') return html('<title>政府信息公开年报</title><a href="./t1.html">甲县2023年政府信息公开工作年度报告</a><a href="./t2.html">关于做好2023年政府信息公开工作年度报告编制发布工作的通知</a><a href="/book/2022/jx/index.html">甲县2022年政府信息公开工作年度报告（电子书）</a>', '"nb"');
  if (path === '/xxgk/nb/t1.html') { res.setHeader('content-type', 'text/html'); res.end(iconv.encode(reportHtml('甲县', 2023), 'gbk')); return; }
  if (path.endsWith('.pdf')) { res.setHeader('content-type', 'application/pdf;charset=GBK'); res.end(PDF); return; }
  if (path === '/book/2022/jx/index.html') return html('<script>var config={pages:"files/basic-html/page1.html"}</script><div id="book"></div>');
  const book = path.match(/^\/book\/2022\/jx\/files\/basic-html\/page(\d)\.html$/);
  if (book) return html(`<body>${bookPages[Number(book[1]) - 1]}<a href="page${Math.min(3, Number(book[1]) + 1)}.html">下一页</a></body>`);
  if (path === '/xxgk/js/') return html('<title>政府信息公开年报</title><ul id="list"></ul><script>fetch("/xxgk/js/data.json").then(r=>r.json()).then(d=>{document.getElementById("list").innerHTML=d.map(x=>`<li><a href="${x.u}">${x.t}</a></li>`).join("")})</script>');
  if (path === '/xxgk/js/data.json') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify([{ u: '/xxgk/js/a.html', t: '甲县财政局2023年政府信息公开工作年度报告' }])); return; }
  if (path === '/xxgk/js/a.html') { res.setHeader('content-type', 'text/html'); res.end(iconv.encode(reportHtml('甲县财政局', 2023), 'gbk')); return; }
  res.statusCode = 404;
  res.end('not found');
}

test('a small portal end to end, then a second night with conditional requests', { timeout: 120_000 }, async () => {
  const server = createServer(site);
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-crawl-'));
  const archive = openArchive(join(dir, 'a.sqlite'));
  try {
    const portal = upsertPortal(archive, `http://127.0.0.61:${port}/`);
    const blocked = upsertPortal(archive, `http://127.0.0.62:${port}/`);
    const night1 = await runCrawl({ archive, portals: [portal, blocked], settings: { politenessDelaySecs: 0.05, perHostConcurrency: 2 } });
    const entries = new Map(frontierEntries(archive, portal.id).map((e) => [new URL(e.url).pathname, e]));
    const hitsOn = (host: string) => hits.filter((h) => h.host === host);

    assert.ok(hitsOn('127.0.0.61').every((h) => h.agent === USER_AGENT), 'every request carries the honest User-Agent');
    assert.ok(!hitsOn('127.0.0.61').some((h) => h.path.startsWith('/secret/')), 'robots.txt Disallow honoured');
    assert.equal(entries.get('/secret/')?.reason, 'forbidden by robots.txt');
    // The browser's own requests for the page it renders (its data.json) belong to that page.
    const starts = hitsOn('127.0.0.61').filter((h) => !h.path.endsWith('.json')).map((h) => h.at).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    assert.ok(Math.min(...gaps) >= 180, `Crawl-delay 0.2 s honoured, smallest gap ${Math.min(...gaps)} ms`);

    assert.equal(entries.get('/xxgk/nb/t1.html')?.status, 'done');
    assert.match(entries.get('/xxgk/nb/t2.html')?.reason ?? '', /look-alike/);
    assert.ok(!hitsOn('127.0.0.61').some((h) => h.path === '/xxgk/nb/t2.html'), 'a look-alike is never fetched');
    const pdf = latestCapture(archive, `http://127.0.0.61:${port}/xxgk/nb/P020230101.pdf`)!;
    assert.deepEqual(getCaptureBody(archive, pdf.id), PDF, 'a binary with a charset header is stored byte for byte');

    const tally = night1.tallies.get(portal.id)!;
    const found = tally.reports.map((r) => `${r.organ}|${r.year}|${new URL(r.url).pathname}`).sort();
    assert.ok(found.includes('甲县|2023|/xxgk/nb/t1.html'), `GBK report page parsed: ${found}`);
    assert.ok(found.includes('甲县|2022|/book/2022/jx/files/basic-html/'), `flipbook joined and parsed: ${found}`);
    assert.ok(found.includes('甲县财政局|2023|/xxgk/js/a.html'), `script-rendered list read in the browser: ${found}`);
    assert.equal(tally.usedBrowser, true);
    assert.equal(getPortal(archive, portal.id)?.needsBrowser, true);

    assert.equal(getPortal(archive, blocked.id)?.blockedReason, 'challenge-rs-412');
    assert.equal(night1.tallies.get(blocked.id)!.reports.length, 0);
    assert.ok(night1.blockedPortals.some((b) => b.url === blocked.url));

    const before = hits.length;
    const night2 = await runCrawl({ archive, portals: [getPortal(archive, portal.id)!], settings: { politenessDelaySecs: 0.05 } });
    const second = hits.slice(before).filter((h) => h.host === '127.0.0.61' && h.path !== '/robots.txt');
    assert.ok(second.length > 0 && second.filter((h) => !h.path.includes('/js/')).every((h) => h.conditional), 'list pages revisited with If-None-Match');
    assert.ok(!second.some((h) => /t1\.html|\.pdf|basic-html/.test(h.path)), `stored reports are not fetched again: ${second.map((h) => h.path)}`);
    assert.ok(night2.portals[0].notModified >= 3);
  } finally {
    archive.close();
    server.close();
  }
});
