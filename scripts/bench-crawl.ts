// Benchmark of the crawler against the whole portal farm: recall of the farm's true reports, pages
// fetched per report found, and throughput with politeness off compared with a plain concurrent
// HTTP fetch of exactly the same URLs (the ratio says what Crawlee, routing, storage and parsing
// cost on top of the network). Usage: node --import tsx scripts/bench-crawl.ts [--browser]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { startFarm } from '../test/farm/index.ts';
import { frontierEntries, openArchive, upsertPortal } from '../storage/index.ts';
import { IMPOLITE_SETTINGS, USER_AGENT, runCrawl } from '../crawler/index.ts';

const PLAIN_CONCURRENCY = 64;

async function plainFetch(requests: { url: string; method: string; payload: string | null }[]): Promise<{ ms: number; ok: number }> {
  const limit = pLimit(PLAIN_CONCURRENCY);
  const started = performance.now();
  let ok = 0;
  await Promise.all(requests.map((r) => limit(async () => {
    try {
      const response = await fetch(r.url, {
        method: r.method, headers: { 'user-agent': USER_AGENT, ...(r.payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: r.payload ?? undefined, redirect: 'manual', signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      ok++;
    } catch {
      // counted as not ok
    }
  })));
  return { ms: performance.now() - started, ok };
}

async function main(): Promise<void> {
  const useBrowser = process.argv.includes('--browser');
  const farm = await startFarm();
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-bench-')), 'bench.sqlite'));
  try {
    const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name }));
    const started = performance.now();
    const summary = await runCrawl({ archive, portals, settings: { ...IMPOLITE_SETTINGS, useBrowser, requestTimeoutSecs: 10 } });
    const crawlMs = performance.now() - started;
    const crawlRequests = farm.requests.filter((r) => r.path !== '/robots.txt').length;

    const found = [...summary.tallies.values()].flatMap((t) => t.reports);
    const hits = farm.truth.filter((t) => found.some((r) => r.year === t.year && (r.url === t.pageUrl || r.pageUrl === t.pageUrl || t.attachmentUrls.includes(r.url))));
    const lookalikesAsReports = found.filter((r) => farm.lookalikes.includes(r.url)).length;

    // The same URLs the crawler fetched over HTTP (the browser's renders excluded), fetched plainly.
    const fetched = portals.flatMap((p) => frontierEntries(archive, p.id))
      .filter((e) => (e.status === 'done' || e.status === 'failed') && e.label !== 'browser')
      .map((e) => ({ url: e.url.replace(/#.*$/, ''), method: e.method, payload: e.payload }));
    const plain = await plainFetch(fetched);

    const crawlRate = crawlRequests / (crawlMs / 1000);
    const plainRate = fetched.length / (plain.ms / 1000);
    const lines = [
      `portals: ${farm.portals.length} (${farm.challengeHosts.length} behind challenges), true reports: ${farm.truth.length}`,
      `recall: ${hits.length}/${farm.truth.length} = ${(100 * hits.length / farm.truth.length).toFixed(1)}%  (look-alikes stored as reports: ${lookalikesAsReports})`,
      `pages fetched: ${crawlRequests} (robots.txt not counted) → ${(crawlRequests / Math.max(1, hits.length)).toFixed(2)} pages per report found`,
      `crawler, politeness off${useBrowser ? ', browser on' : ', no browser'}: ${crawlRequests} requests in ${(crawlMs / 1000).toFixed(2)} s = ${crawlRate.toFixed(1)} pages/s (parsing included)`,
      `plain fetch (${PLAIN_CONCURRENCY} at once) of the same ${fetched.length} URLs: ${(plain.ms / 1000).toFixed(2)} s = ${plainRate.toFixed(1)} pages/s (${plain.ok} answered)`,
      `ratio crawler/plain throughput: ${(crawlRate / plainRate).toFixed(3)}`,
      `note: the farm's slow host answers after ${300} ms and robots.txt there asks Crawl-delay 1 (ignored with politeness off)`,
    ];
    console.log(lines.join('\n'));
  } finally {
    archive.close();
    await farm.stop();
  }
}

await main();
