// The run's shared crawler against portals of its own on loopback (each its own host, every page
// answered after a pause so that requests overlap): per-portal concurrency and the bound on
// portals open at once hold as the server sees them, every page is fetched once, no `ps` process
// is spawned by Crawlee's memory probe, and writes are batched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontierEntries, openArchive, upsertPortal } from '../../../storage/index.ts';
import { runCrawl } from '../../../crawler/index.ts';

const HOSTS = ['127.0.0.71', '127.0.0.72', '127.0.0.73', '127.0.0.74'];
const PAGES_PER_LIST = 8;
const PAUSE_MS = 120;

interface Seen { inFlight: Map<string, number>; maxPerHost: Map<string, number>; maxHostsAtOnce: number; hits: string[] }

async function startSites(seen: Seen): Promise<{ port: number; servers: Server[] }> {
  let port = 0;
  const servers: Server[] = [];
  for (const host of HOSTS) {
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      seen.hits.push(`${host}${path}`);
      if (path === '/robots.txt') { res.end('User-agent: *\nAllow: /\n'); return; }
      seen.inFlight.set(host, (seen.inFlight.get(host) ?? 0) + 1);
      seen.maxPerHost.set(host, Math.max(seen.maxPerHost.get(host) ?? 0, seen.inFlight.get(host)!));
      seen.maxHostsAtOnce = Math.max(seen.maxHostsAtOnce, [...seen.inFlight.values()].filter((n) => n > 0).length);
      setTimeout(() => {
        seen.inFlight.set(host, seen.inFlight.get(host)! - 1);
        res.setHeader('content-type', 'text/html; charset=utf-8');
        if (path === '/') res.end('<html><body><a href="/xxgk/">政府信息公开</a></body></html>');
        else if (path === '/xxgk/') {
          res.end(`<html><head><title>政府信息公开</title></head><body>${Array.from({ length: PAGES_PER_LIST }, (_, i) => `<a href="/xxgk/list${i}/">政府信息公开年报 ${i}</a>`).join('')}</body></html>`);
        } else res.end('<html><head><title>政府信息公开年报</title></head><body><p>暂无内容</p></body></html>');
      }, PAUSE_MS);
    });
    await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  return { port, servers };
}

test('one crawler for the run: per-portal concurrency and portals at once hold, every page once, no ps spawned', async () => {
  const seen: Seen = { inFlight: new Map(), maxPerHost: new Map(), maxHostsAtOnce: 0, hits: [] };
  const { port, servers } = await startSites(seen);
  const spawned: string[] = [];
  const realSpawn = childProcess.spawn;
  childProcess.spawn = ((command: string, ...rest: unknown[]) => {
    spawned.push(command);
    return (realSpawn as (...a: unknown[]) => ReturnType<typeof realSpawn>)(command, ...rest);
  }) as typeof realSpawn;
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-engine-')), 'archive.sqlite'));
  try {
    const portals = HOSTS.map((h) => upsertPortal(archive, `http://${h}:${port}/`, {}));
    const started = Date.now();
    const summary = await runCrawl({
      archive, portals,
      settings: { perHostConcurrency: 2, portalConcurrency: 2, politenessDelaySecs: 0, honourCrawlDelay: false, useBrowser: false, parseWhileCrawling: false, requestTimeoutSecs: 10 },
    });
    const elapsedMs = Date.now() - started;
    // The run lasted long enough for Crawlee's probe (once a second) to have run several times.
    assert.ok(elapsedMs > 1500, `the crawl took ${elapsedMs} ms`);
    assert.deepEqual(spawned.filter((c) => c === 'ps'), [], 'Crawlee spawned ps');
    for (const host of HOSTS) assert.ok((seen.maxPerHost.get(host) ?? 0) <= 2, `${host}: ${seen.maxPerHost.get(host)} requests at once`);
    assert.ok([...seen.maxPerHost.values()].some((n) => n === 2), 'a portal did have two requests in flight');
    assert.ok(seen.maxHostsAtOnce <= 2, `${seen.maxHostsAtOnce} portals fetched at once`);
    assert.equal(seen.maxHostsAtOnce, 2, 'two portals did run at once');
    const pages = seen.hits.filter((h) => !h.endsWith('/robots.txt'));
    assert.equal(pages.length, HOSTS.length * (2 + PAGES_PER_LIST), 'home, list and every page of each portal');
    assert.equal(new Set(pages).size, pages.length, 'no page fetched twice');
    for (const portal of portals) {
      const entries = frontierEntries(archive, portal.id);
      assert.deepEqual(entries.filter((e) => e.status !== 'done').map((e) => `${e.status} ${e.url}`), [], portal.url);
    }
    assert.equal(summary.totals.portals, HOSTS.length);
    assert.equal(summary.totals.fetched, HOSTS.length * (2 + PAGES_PER_LIST));
  } finally {
    childProcess.spawn = realSpawn;
    archive.close();
    await Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
  }
});
