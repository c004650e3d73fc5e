// Benchmark of the crawler against the portal farm, all figures from one run:
//  - recall of the farm's true reports and pages fetched per report found;
//  - the crawl with politeness off (capture only) beside a zero-overhead replay of the same
//    discovery tree (each URL fetched once its parent has been, same per-host concurrency, nothing
//    stored or analysed: the best any crawler could do on that tree) and beside a flat concurrent
//    fetch of the same URLs (no tree at all);
//  - the crawl with parsing beside the crawl capture only, OCR of scans included and left for later
//    (--ocr-later: scans stored unread, then read by a separate reparse pass, timed apart);
//  - peak RSS of a crawl of 1, 15 and 100 portals at once, each in its own process running the
//    compiled command's code (dist/, as installed), the farm served from this process.
// The crawls run the compiled code in dist/ (what the installed command runs; `npm run build`
// first), or the sources with --sources. One crawl and one fetch run first, untimed, so that
// neither side pays for loading its modules and warming up.
// Usage: node --import tsx scripts/bench-crawl.ts [--browser] [--sources] [--rss 1,15,100] [--no-rss]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { startFarm, type Farm } from '../test/farm/index.ts';
import * as storageSources from '../storage/index.ts';
import * as crawlerSources from '../crawler/index.ts';
import * as parsersSources from '../parsers/index.ts';
import type { Archive, FrontierEntry, Portal } from '../storage/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const fromSources = process.argv.includes('--sources');
const compiledPath = (module: string) => join(ROOT, 'dist', module, 'index.js');
if (!fromSources && !existsSync(compiledPath('crawler'))) throw new Error('the benchmark runs the compiled code: npm run build first (or --sources)');
const { frontierEntries, openArchive, reparseArchive, upsertPortal } = (fromSources ? storageSources : await import(compiledPath('storage'))) as typeof storageSources;
const { ParsePool } = (fromSources ? parsersSources : await import(compiledPath('parsers'))) as typeof parsersSources;
const { IMPOLITE_SETTINGS, USER_AGENT, runCrawl } = (fromSources ? crawlerSources : await import(compiledPath('crawler'))) as typeof crawlerSources;

const PLAIN_CONCURRENCY = 64;
const PER_HOST = IMPOLITE_SETTINGS.perHostConcurrency ?? 4;

interface Fetchable { url: string; method: string; payload: string | null; parentUrl: string | null; portalId: number }

async function fetchOne(r: { url: string; method: string; payload: string | null }): Promise<boolean> {
  try {
    const response = await fetch(r.url, {
      method: r.method, headers: { 'user-agent': USER_AGENT, ...(r.payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: r.payload ?? undefined, redirect: 'follow', signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Every URL of the list at once (PLAIN_CONCURRENCY in flight), no order. */
async function plainFetch(requests: Fetchable[]): Promise<{ ms: number; ok: number }> {
  const limit = pLimit(PLAIN_CONCURRENCY);
  const started = performance.now();
  const results = await Promise.all(requests.map((r) => limit(() => fetchOne(r))));
  return { ms: performance.now() - started, ok: results.filter(Boolean).length };
}

/**
 * The same discovery tree replayed with no overhead: robots.txt of each portal first, then a URL
 * as soon as its parent has been fetched, at most PER_HOST requests in flight per host.
 */
async function treeReplay(requests: Fetchable[], portals: Portal[]): Promise<{ ms: number; ok: number }> {
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const limitOf = (url: string) => {
    const host = new URL(url).host;
    if (!limits.has(host)) limits.set(host, pLimit(PER_HOST));
    return limits.get(host)!;
  };
  const key = (portalId: number, url: string | null) => `${portalId} ${url}`;
  const fetchedKeys = new Set(requests.map((r) => key(r.portalId, r.url)));
  const children = new Map<string, Fetchable[]>();
  const roots: Fetchable[] = [];
  for (const r of requests) {
    if (r.parentUrl && fetchedKeys.has(key(r.portalId, r.parentUrl))) {
      const k = key(r.portalId, r.parentUrl);
      children.set(k, [...(children.get(k) ?? []), r]);
    } else {
      roots.push(r);
    }
  }
  let ok = 0;
  const visit = async (r: Fetchable): Promise<void> => {
    if (await limitOf(r.url)(() => fetchOne(r))) ok++;
    await Promise.all((children.get(key(r.portalId, r.url)) ?? []).map(visit));
  };
  const started = performance.now();
  await Promise.all(portals.map(async (p) => {
    await limitOf(p.url)(() => fetchOne({ url: new URL('/robots.txt', p.url).href, method: 'GET', payload: null }));
    await Promise.all(roots.filter((r) => r.portalId === p.id).map(visit));
  }));
  return { ms: performance.now() - started, ok };
}

interface CrawlMeasure { ms: number; lastFetchMs: number; requests: number; summary: Awaited<ReturnType<typeof runCrawl>>; archive: Archive; portals: Portal[] }

/** One crawl of the whole farm with politeness off into a fresh archive. */
async function measureCrawl(farm: Farm, parseWhileCrawling: boolean, useBrowser: boolean, ocrLater = false): Promise<CrawlMeasure> {
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-bench-')), 'bench.sqlite'));
  const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name }));
  farm.resetLog();
  const startedAt = Date.now();
  const started = performance.now();
  const summary = await runCrawl({ archive, portals, settings: { ...IMPOLITE_SETTINGS, useBrowser, parseWhileCrawling, ocrLater, requestTimeoutSecs: 10 } });
  const ms = performance.now() - started;
  const lastFetchMs = Math.max(0, ...farm.requests.map((r) => r.at - startedAt));
  return { ms, lastFetchMs, requests: farm.requests.filter((r) => r.path !== '/robots.txt').length, summary, archive, portals };
}

/** The pass that reads the scans a crawl --ocr-later left (reparse --failed ocr_deferred, one worker per core). */
async function deferredOcrPass(m: CrawlMeasure): Promise<{ ms: number; read: number }> {
  const parser = new ParsePool();
  const started = performance.now();
  try {
    const summary = await reparseArchive(m.archive, { failedWith: ['ocr_deferred'] }, undefined, { parser });
    return { ms: performance.now() - started, read: summary.selected };
  } finally {
    await parser.close();
  }
}

/** The entries the crawl fetched: settled after a fetch, or left queued by a challenge it met. */
function wasFetched(e: FrontierEntry): boolean {
  if (e.label === 'browser') return false;
  if (e.status === 'done' || e.status === 'failed') return true;
  return e.status === 'queued' && /^challenge-/.test(e.reason ?? '');
}

function fetchedRequests(m: CrawlMeasure): Fetchable[] {
  return m.portals.flatMap((p) => frontierEntries(m.archive, p.id)).filter(wasFetched)
    .map((e) => ({ url: e.url.replace(/#.*$/, ''), method: e.method, payload: e.payload, parentUrl: e.parentUrl, portalId: e.portalId }));
}

/** Peak RSS (MiB) of a crawl of the first `count` farm portals, in a fresh process on compiled code. */
async function peakRssMiB(farm: Farm, count: number): Promise<{ mib: number; ms: number; requests: number }> {
  const program = `
    import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
    const { openArchive, upsertPortal } = await import(${JSON.stringify(compiledPath('storage'))});
    const { IMPOLITE_SETTINGS, runCrawl } = await import(${JSON.stringify(compiledPath('crawler'))});
    const urls = JSON.parse(process.argv[1]);
    const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-rss-')), 'rss.sqlite'));
    const portals = urls.map((u) => upsertPortal(archive, u, {}));
    const started = performance.now();
    await runCrawl({ archive, portals, settings: { ...IMPOLITE_SETTINGS, portalConcurrency: urls.length, useBrowser: false, parseWhileCrawling: false, requestTimeoutSecs: 20 } });
    archive.close();
    // VmHWM, not resourceUsage().maxRSS: Linux carries the parent's RSS at fork over exec into a
    // child's maxRSS, so a big benchmark process would be counted as the crawl's own peak.
    const hwm = Number(/VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1]);
    console.log(JSON.stringify({ maxRssKiB: hwm, ms: performance.now() - started }));`;
  farm.resetLog();
  // Asynchronously: the farm answering the child runs on this process's event loop.
  const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', program, JSON.stringify(farm.portals.slice(0, count).map((p) => p.homeUrl))], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const result = JSON.parse(out.trim().split('\n').pop()!) as { maxRssKiB: number; ms: number };
  return { mib: result.maxRssKiB / 1024, ms: result.ms, requests: farm.requests.length };
}

const rate = (n: number, ms: number) => n / (ms / 1000);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const useBrowser = process.argv.includes('--browser');
  const rssArg = process.argv.indexOf('--rss');
  const rssCounts = process.argv.includes('--no-rss') ? [] : (rssArg > 0 ? process.argv[rssArg + 1] : '1,15,100').split(',').map(Number);
  const farm = await startFarm({ portals: Math.max(15, ...rssCounts) });
  const base = { ...farm, portals: farm.portals.slice(0, 15) };
  const baseHosts = new Set(base.portals.map((p) => p.host));
  const baseTruth = farm.truth.filter((t) => base.portals.some((p) => p.id === t.portalId));
  try {
    // Untimed warm-up: one capture-only crawl of the same farm (a nightly run over thousands of
    // portals pays module loading and JIT warm-up once), and one plain fetch.
    const warm = await measureCrawl(base, false, false);
    warm.archive.close();
    await fetchOne({ url: farm.portals[0].homeUrl, method: 'GET', payload: null });
    const capture = await measureCrawl(base, false, useBrowser);
    const full = await measureCrawl(base, true, useBrowser);
    const ocrLater = await measureCrawl(base, true, useBrowser, true);
    const ocrPass = await deferredOcrPass(ocrLater);
    const captureUrls = fetchedRequests(capture);
    const replay = await treeReplay(captureUrls, capture.portals);
    const flat = await plainFetch(captureUrls);

    const found = [...full.summary.tallies.values()].flatMap((t) => t.reports);
    const hits = baseTruth.filter((t) => found.some((r) => r.year === t.year && (r.url === t.pageUrl || r.pageUrl === t.pageUrl || t.attachmentUrls.includes(r.url))));
    const lookalikesAsReports = found.filter((r) => farm.lookalikes.includes(r.url)).length;
    const stored = new Set(full.portals.flatMap((p) => frontierEntries(full.archive, p.id)).filter((e) => e.status === 'done').map((e) => e.url));
    const urlsStored = baseTruth.filter((t) => [t.pageUrl, ...t.attachmentUrls].filter(Boolean).every((u) => stored.has(u!)));

    const captureRate = rate(capture.requests, capture.ms);
    const lines = [
      `portals: ${base.portals.length} (${farm.challengeHosts.filter((h) => baseHosts.has(h)).length} behind challenges), true reports: ${baseTruth.length}; politeness off, ${PER_HOST} per host${useBrowser ? ', browser on' : ''}; crawler code: ${fromSources ? 'sources (tsx)' : 'compiled dist/'}`,
      `recall (parsed as a report of the right year): ${hits.length}/${baseTruth.length} = ${(100 * hits.length / baseTruth.length).toFixed(1)}%  (look-alikes stored as reports: ${lookalikesAsReports})`,
      `recall (report page and attachments fetched and stored): ${urlsStored.length}/${baseTruth.length} = ${(100 * urlsStored.length / baseTruth.length).toFixed(1)}%`,
      `pages fetched: ${full.requests} (robots.txt not counted) → ${(full.requests / Math.max(1, hits.length)).toFixed(2)} per report found`,
      `crawl, capture only: ${capture.requests} requests in ${secs(capture.ms)} = ${captureRate.toFixed(1)} pages/s`,
      `  tree replay of the same ${captureUrls.length} URLs (child after parent, ${PER_HOST} per host): ${secs(replay.ms)} = ${rate(captureUrls.length, replay.ms).toFixed(1)} pages/s (${replay.ok} answered)`,
      `  flat fetch of the same URLs (${PLAIN_CONCURRENCY} at once): ${secs(flat.ms)} = ${rate(captureUrls.length, flat.ms).toFixed(1)} pages/s (${flat.ok} answered)`,
      `  RATIO capture only ÷ tree replay: ${(captureRate / rate(captureUrls.length, replay.ms)).toFixed(3)}   (target ≥ 0.8)`,
      `  RATIO capture only ÷ flat fetch: ${(captureRate / rate(captureUrls.length, flat.ms)).toFixed(3)}`,
      `crawl with parsing: ${full.requests} requests in ${secs(full.ms)} = ${rate(full.requests, full.ms).toFixed(1)} pages/s`,
      `  RATIO with parsing ÷ capture only: ${(rate(full.requests, full.ms) / captureRate).toFixed(3)}   (target ≥ 0.5)`,
      `  the last page was fetched after ${secs(full.lastFetchMs)} (capture only: ${secs(capture.lastFetchMs)}); the rest is parsing in worker threads (OCR of the scanned PDF above all)`,
      `  RATIO fetching with parsing on ÷ capture only (time to the last page fetched): ${(capture.lastFetchMs / Math.max(1, full.lastFetchMs)).toFixed(3)}`,
      `crawl with parsing, OCR later (--ocr-later): ${ocrLater.requests} requests in ${secs(ocrLater.ms)} = ${rate(ocrLater.requests, ocrLater.ms).toFixed(1)} pages/s, ${ocrLater.summary.totals.ocrDeferred} scan(s) stored unread`,
      `  RATIO with parsing (OCR later) ÷ capture only: ${(rate(ocrLater.requests, ocrLater.ms) / captureRate).toFixed(3)}   (target ≥ 0.5)`,
      `  the last page was fetched after ${secs(ocrLater.lastFetchMs)}; the rest is the parses still running in worker threads`,
      `  the later OCR pass (reparse --failed ocr_deferred, one worker per core): ${ocrPass.read} scan(s) in ${secs(ocrPass.ms)}; crawl + pass ${secs(ocrLater.ms + ocrPass.ms)} against ${secs(full.ms)} with OCR in the crawl`,
      `note: the farm's slow host answers after 300 ms; robots.txt there asks Crawl-delay 1 (ignored with politeness off)`,
    ];
    console.log(lines.join('\n'));
    capture.archive.close();
    full.archive.close();
    ocrLater.archive.close();
    for (const count of rssCounts) {
      const rss = await peakRssMiB(farm, count);
      console.log(`peak RSS, ${count} portal${count === 1 ? '' : 's'} at once (capture only, compiled, own process): ${rss.mib.toFixed(0)} MiB  (${rss.requests} requests in ${secs(rss.ms)})${count === 100 ? '   (target ≤ 300 MiB)' : ''}`);
    }
  } finally {
    await farm.stop();
  }
}

await main();
