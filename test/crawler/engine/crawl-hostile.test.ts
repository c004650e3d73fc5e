// A whole crawl against hostile portals on loopback, each on its own address, started here: an
// endless attachment and a gzip bomb (bounded, recorded as too_large), links and redirects to another
// host, to 10.x, to an allow-listed file server and to an allow-listed host on a private address (scope), a page of 3,000 report links and an
// endless calendar (traps: found, stopped, in the summary, status `problems` → exit 1), a 429 storm
// (the host is still crawled to the end). Bounds are loose: they catch an unbounded crawl, not a slow one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { compressionBomb } from '../../farm/index.ts';
import { frontierEntries, latestCapture, openArchive, upsertPortal } from '../../../storage/index.ts';
import { runCrawl } from '../../../crawler/index.ts';
import { exitCodeOf } from '../../../scripts/cli/crawl-report.ts';

const MiB = 1024 * 1024;
const hits: { host: string; path: string }[] = [];
let gzipBomb: Buffer = Buffer.alloc(0);


function page(title: string, body: string): string {
  return `<html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

let port = 0;
function site(req: IncomingMessage, res: ServerResponse): void {
  const host = req.headers.host!.split(':')[0];
  const url = new URL(req.url!, `http://${req.headers.host}`);
  const path = url.pathname;
  hits.push({ host, path: path + url.search });
  const html = (body: string) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(body); };
  if (path === '/robots.txt') { res.statusCode = 404; res.end(); return; }
  const other = `http://127.0.0.89:${port}`;
  if (host === '127.0.0.81') {
    // Bounded bodies and scope.
    if (path === '/') return html(page('甲县', '<a href="/nb/">政府信息公开年报</a>'));
    if (path === '/nb/') return html(page('政府信息公开年报', `<a href="/nb/t1.html">甲县2023年政府信息公开工作年度报告</a><a href="${other}/r.html">乙县2023年政府信息公开工作年度报告</a>`));
    if (path === '/nb/t1.html') return html(page('甲县2023年政府信息公开工作年度报告', `<p>正文</p>
      <a href="/nb/endless.pdf">附件1.pdf</a><a href="/nb/bomb.pdf">附件2.pdf</a>
      <a href="${other}/files/get?name=x.pdf">附件3.pdf</a><a href="/nb/go.pdf">附件4.pdf</a><a href="/nb/go10.pdf">附件5.pdf</a>
      <a href="/nb/ok.pdf">附件6.pdf</a>`));
    if (path === '/nb/endless.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x25);
      const pump = () => { while (!res.destroyed && res.write(chunk)); };
      res.on('drain', pump);
      pump();
      return;
    }
    if (path === '/nb/bomb.pdf') { res.writeHead(200, { 'content-type': 'application/pdf', 'content-encoding': 'gzip' }); res.end(gzipBomb); return; }
    if (path === '/nb/go.pdf') { res.writeHead(302, { location: `${other}/stolen.pdf` }); res.end(); return; }
    if (path === '/nb/go10.pdf') { res.writeHead(302, { location: 'http://10.255.255.1/x.pdf' }); res.end(); return; }
    if (path === '/nb/ok.pdf') { res.setHeader('content-type', 'application/pdf'); res.end('%PDF-1.4\n%%EOF\n'); return; }
  }
  if (host === '127.0.0.82') {
    // A page of 3,000 report links.
    if (path === '/') return html(page('丙县', '<a href="/nb/">政府信息公开年报</a>'));
    if (path === '/nb/') return html(page('政府信息公开年报', Array.from({ length: 3000 }, (_, i) => `<a href="/nb/t${i}.html">第${i}镇2023年政府信息公开工作年度报告</a>`).join('')));
    if (/^\/nb\/t\d+\.html$/.test(path)) return html(page('报告', '<p>正文</p>'));
  }
  if (host === '127.0.0.83') {
    // An endless calendar: every day links the next one.
    if (path === '/') return html(page('丁县', '<a href="/nb/">政府信息公开年报</a>'));
    if (path === '/nb/' || path === '/nb/cal') {
      const day = new Date(url.searchParams.get('date') ?? '2024-01-01');
      const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
      return html(page('政府信息公开年报', `<a href="/nb/cal?date=${next}">下一页</a>`));
    }
  }
  if (host === '127.0.0.84') {
    // A 429 storm at first, then well-behaved.
    const served = hits.filter((h) => h.host === host && h.path !== '/robots.txt').length;
    if (served <= 3) { res.statusCode = 429; res.setHeader('retry-after', '0'); res.end('slow down'); return; }
    if (path === '/') return html(page('戊县', '<a href="/nb/">政府信息公开年报</a>'));
    if (path === '/nb/') return html(page('政府信息公开年报', '<a href="/nb/t1.html">戊县2023年政府信息公开工作年度报告</a>'));
    if (path === '/nb/t1.html') return html(page('戊县2023年政府信息公开工作年度报告', '<p>正文</p>'));
  }
  if (host === '127.0.0.85') {
    // Attachments on a file server of another host that the registry allows.
    if (path === '/') return html(page('己县', '<a href="/nb/">政府信息公开年报</a>'));
    if (path === '/nb/') return html(page('政府信息公开年报', '<a href="/nb/t1.html">己县2023年政府信息公开工作年度报告</a>'));
    if (path === '/nb/t1.html') return html(page('己县2023年政府信息公开工作年度报告', `<a href="http://127.0.0.90:${port}/f/a.pdf">附件.pdf</a><a href="http://10.255.255.1/f/b.pdf">附件2.pdf</a>`));
  }
  if (host === '127.0.0.90' && path === '/f/a.pdf') { res.setHeader('content-type', 'application/pdf'); res.end('%PDF-1.4\n%%EOF\n'); return; }
  res.statusCode = 404;
  res.end('not found');
}

test('hostile portals: bounded bodies, scope, traps, a 429 storm — all recorded, status problems', { timeout: 240_000 }, async () => {
  gzipBomb = await compressionBomb('gzip', 200);
  const hosts = ['127.0.0.81', '127.0.0.82', '127.0.0.83', '127.0.0.84', '127.0.0.85', '127.0.0.89', '127.0.0.90'];
  const servers = hosts.map(() => createServer(site));
  await new Promise<void>((resolve) => servers[0].listen(0, hosts[0], resolve));
  port = (servers[0].address() as AddressInfo).port;
  await Promise.all(servers.slice(1).map((s, i) => new Promise<void>((resolve) => s.listen(port, hosts[i + 1], resolve))));
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-hostile-')), 'a.sqlite'));
  try {
    const portals = ['127.0.0.81', '127.0.0.82', '127.0.0.83', '127.0.0.84'].map((h) => upsertPortal(archive, `http://${h}:${port}/`));
    portals.push(upsertPortal(archive, `http://127.0.0.85:${port}/`, { allowHosts: [`127.0.0.90:${port}`, '10.255.255.1'] }));
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
    const started = Date.now();
    const summary = await runCrawl({
      archive, portals, settings: {
        perHostConcurrency: 2, politenessDelaySecs: 0.01, honourCrawlDelay: false, maxBackoffSecs: 0.5, useBrowser: false, parseWhileCrawling: false,
        maxAttachmentBytes: 8 * MiB, requestTimeoutSecs: 10, maxRetries: 5, maxLinksPerPage: 100, maxUrlsPerPattern: 30, maxPagesPerPortal: 400,
      },
    }).finally(() => clearInterval(sampler));
    const elapsed = Date.now() - started;
    const of = (host: string) => summary.portals.find((p) => p.url.includes(host))!;
    const hitsOn = (host: string) => hits.filter((h) => h.host === host);

    // Bounded bodies: the endless file and the bomb end as too_large, memory stays far below their size.
    const a = of('127.0.0.81');
    assert.equal(a.failuresByReason.too_large, 2, JSON.stringify(a));
    assert.equal(latestCapture(archive, `http://127.0.0.81:${port}/nb/endless.pdf`)?.error, 'too_large');
    assert.ok(latestCapture(archive, `http://127.0.0.81:${port}/nb/ok.pdf`)?.sha256, 'the good attachment beside them is stored');
    assert.ok(peakRss - rssBefore < 600 * MiB, `memory bounded (+${Math.round((peakRss - rssBefore) / MiB)} MiB)`);

    // Scope: another host's report link and attachment, a redirect there and one to 10.x: refused, never requested.
    assert.equal(hitsOn('127.0.0.89').length, 0, `nothing requested from the other host: ${JSON.stringify(hitsOn('127.0.0.89'))}`);
    assert.ok((a.refusedByReason.out_of_scope ?? 0) >= 4, JSON.stringify(a.refusedByReason));
    const refusedEntries = frontierEntries(archive, portals[0].id).filter((e) => e.reason?.startsWith('out_of_scope'));
    assert.ok(refusedEntries.some((e) => e.url.endsWith('/nb/go10.pdf')), 'the redirect to 10.x is refused and says so');
    // The allow-listed file server is fetched.
    assert.ok(hitsOn('127.0.0.90').some((h) => h.path === '/f/a.pdf'), 'allow_hosts lets the file server in');
    // An allow-listed host on a private address is still refused: the portal is on loopback, not on 10.x.
    assert.deepEqual(of('127.0.0.85').refusedByReason, { private_address: 1 });
    assert.match(frontierEntries(archive, portals[4].id).find((e) => e.url.startsWith('http://10.255.255.1/'))?.reason ?? '', /^private_address: .*10\.255\.255\.1/);

    // Traps: found, stopped well inside the budget, in the summary.
    const b = of('127.0.0.82');
    assert.ok(b.traps.some((t) => t.kind === 'link-flood'), JSON.stringify(b.traps));
    assert.ok(b.fetched <= 130, `the link flood was cut (${b.fetched} fetched)`);
    const c = of('127.0.0.83');
    assert.ok(c.traps.some((t) => t.kind === 'endless-pattern' && t.url.includes('/nb/cal?date')), JSON.stringify(c.traps));
    assert.ok(c.fetched <= 45, `the calendar was cut (${c.fetched} fetched)`);
    assert.ok(summary.traps.length >= 2 && summary.totals.traps >= 2);

    // The 429 storm: backed off, then crawled to the end.
    const d = of('127.0.0.84');
    assert.ok(hitsOn('127.0.0.84').some((h) => h.path === '/nb/t1.html'), `the stormy host was crawled to its report: ${JSON.stringify(d)}`);

    assert.equal(summary.status, 'problems');
    assert.equal(exitCodeOf(summary), 1);
    assert.ok(elapsed < 180_000, `the crawl ended (${elapsed} ms)`);
  } finally {
    archive.close();
    for (const s of servers) { s.closeAllConnections(); s.close(); }
  }
});
