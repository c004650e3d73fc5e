// Benchmark of the crawler against the whole portal farm: recall of the farm's true reports, pages
// fetched per report found, and throughput with politeness off compared with a plain concurrent
// HTTP fetch of exactly the same URLs (the ratio says what Crawlee, routing, storage and parsing
// cost on top of the network). Usage: node --import tsx scripts/bench-crawl.ts [--browser]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { startFarm, type Farm } from '../test/farm/index.ts';
import { frontierEntries, openArchive, upsertPortal, type Archive, type Portal } from '../storage/index.ts';
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

interface CrawlMeasure { ms: number; requests: number; summary: Awaited<ReturnType<typeof runCrawl>>; archive: Archive; portals: Portal[] }

/** One crawl of the whole farm with politeness off into a fresh archive. */
async function measureCrawl(farm: Farm, parseWhileCrawling: boolean, useBrowser: boolean): Promise<CrawlMeasure> {
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-bench-')), 'bench.sqlite'));
  const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name }));
  farm.resetLog();
  const started = performance.now();
  const summary = await runCrawl({ archive, portals, settings: { ...IMPOLITE_SETTINGS, useBrowser, parseWhileCrawling, requestTimeoutSecs: 10 } });
  const ms = performance.now() - started;
  return { ms, requests: farm.requests.filter((r) => r.path !== '/robots.txt').length, summary, archive, portals };
}

function fetchedRequests(m: CrawlMeasure) {
  return m.portals.flatMap((p) => frontierEntries(m.archive, p.id))
    .filter((e) => (e.status === 'done' || e.status === 'failed') && e.label !== 'browser')
    .map((e) => ({ url: e.url.replace(/#.*$/, ''), method: e.method, payload: e.payload }));
}

async function main(): Promise<void> {
  const useBrowser = process.argv.includes('--browser');
  const farm = await startFarm();
  try {
    const full = await measureCrawl(farm, true, useBrowser);
    const found = [...full.summary.tallies.values()].flatMap((t) => t.reports);
    const hits = farm.truth.filter((t) => found.some((r) => r.year === t.year && (r.url === t.pageUrl || r.pageUrl === t.pageUrl || t.attachmentUrls.includes(r.url))));
    const lookalikesAsReports = found.filter((r) => farm.lookalikes.includes(r.url)).length;
    const stored = new Set(full.portals.flatMap((p) => frontierEntries(full.archive, p.id)).filter((e) => e.status === 'done').map((e) => e.url));
    const urlsStored = farm.truth.filter((t) => [t.pageUrl, ...t.attachmentUrls].filter(Boolean).every((u) => stored.has(u!)));
    const plainFull = await plainFetch(fetchedRequests(full));

    const fetchOnly = await measureCrawl(farm, false, useBrowser);
    const plainFetchOnly = await plainFetch(fetchedRequests(fetchOnly));

    const rate = (n: number, ms: number) => n / (ms / 1000);
    const line = (label: string, m: CrawlMeasure, plain: { ms: number; ok: number }, urls: number) => {
      const crawlRate = rate(m.requests, m.ms);
      const plainRate = rate(urls, plain.ms);
      return [
        `${label}: ${m.requests} requests in ${(m.ms / 1000).toFixed(2)} s = ${crawlRate.toFixed(1)} pages/s`,
        `  plain fetch (${PLAIN_CONCURRENCY} at once) of the same ${urls} URLs: ${(plain.ms / 1000).toFixed(2)} s = ${plainRate.toFixed(1)} pages/s (${plain.ok} answered)`,
        `  ratio crawler/plain: ${(crawlRate / plainRate).toFixed(3)}`,
      ];
    };
    const lines = [
      `portals: ${farm.portals.length} (${farm.challengeHosts.length} behind challenges), true reports: ${farm.truth.length}`,
      `recall (parsed as a report of the right year): ${hits.length}/${farm.truth.length} = ${(100 * hits.length / farm.truth.length).toFixed(1)}%  (look-alikes stored as reports: ${lookalikesAsReports})`,
      `recall (report page and attachments fetched and stored): ${urlsStored.length}/${farm.truth.length} = ${(100 * urlsStored.length / farm.truth.length).toFixed(1)}%`,
      `pages fetched: ${full.requests} (robots.txt not counted) → ${(full.requests / Math.max(1, hits.length)).toFixed(2)} per report found`,
      ...line(`crawler, politeness off, parsing while crawling${useBrowser ? ', browser on' : ''}`, full, plainFull, fetchedRequests(full).length),
      ...line(`crawler, politeness off, capture only (parse later)${useBrowser ? ', browser on' : ''}`, fetchOnly, plainFetchOnly, fetchedRequests(fetchOnly).length),
      `note: the farm's slow host answers after 300 ms; robots.txt there asks Crawl-delay 1 (ignored with politeness off)`,
    ];
    console.log(lines.join('\n'));
    full.archive.close();
    fetchOnly.archive.close();
  } finally {
    await farm.stop();
  }
}

await main();
