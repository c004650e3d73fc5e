// The hostile-input battery, run as an adversary would, against the compiled `nianbao` (npm run
// build first): kill -9 during crawls and during reparse (then restart and compare with an
// uninterrupted reference), hostile files through `nianbao parse`, and hostile servers on loopback
// through `nianbao crawl`. Prints one table: tried / survived / data lost / peak RSS.
// Usage: node --import tsx scripts/attack.ts [--kills N] [--reparse-kills N] [--seed N] [--only crawl-kills|reparse-kills|files|servers]
// Loopback only (127.0.0.101 … 127.0.0.120); every archive and file lives in a temporary folder.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { compressionBomb } from '../test/farm/index.ts';
import { zipSync } from 'fflate';
import { openArchive, runReadOnlyQuery, upsertPortal } from '../storage/index.ts';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist', 'scripts', 'cli', 'entry.js');
const { values } = parseArgs({ options: { kills: { type: 'string', default: '6' }, 'reparse-kills': { type: 'string', default: '6' }, seed: { type: 'string', default: '14' }, only: { type: 'string' } } });
const wanted = (part: string) => !values.only || values.only === part;
const MiB = 1024 * 1024;
let rng = Number(values.seed);
const random = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);

interface Outcome { status: number | null; signal: string | null; elapsedMs: number; peakRssMiB: number; stdout: string; stderr: string; timedOut: boolean }

/** Runs `nianbao args…` as a child, sampling its peak RSS (VmHWM); kills it after killAfterMs (SIGKILL) or timeoutMs. */
function nianbao(args: string[], options: { killAfterMs?: number; timeoutMs?: number } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const sample = () => {
      try {
        const kb = Number(readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
        peak = Math.max(peak, kb / 1024);
      } catch { /* gone */ }
    };
    const sampler = setInterval(sample, 50);
    const killer = options.killAfterMs !== undefined ? setTimeout(() => { sample(); child.kill('SIGKILL'); }, options.killAfterMs) : null;
    const limit = setTimeout(() => { timedOut = true; sample(); child.kill('SIGKILL'); }, options.timeoutMs ?? 300_000);
    child.on('exit', (status, signal) => {
      clearInterval(sampler);
      if (killer) clearTimeout(killer);
      clearTimeout(limit);
      resolve({ status, signal, elapsedMs: Date.now() - started, peakRssMiB: Math.round(peak), stdout, stderr, timedOut });
    });
  });
}

function listen(server: Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, host, () => resolve((server.address() as AddressInfo).port)));
}

function reportsIn(db: string): number {
  const archive = openArchive(db, { readonly: true });
  try {
    const [row] = [...runReadOnlyQuery(archive, 'SELECT count(*) FROM reports').rows] as unknown[][];
    return Number(row[0]);
  } finally {
    archive.close();
  }
}

// ── A well-behaved portal: 30 reports over a 3-page list, each with a text attachment ────────────
const seedText = readFileSync(join(root, '..', 'shared', 'seeds', '003_d677def7845cc038.txt'), 'utf8');
const ORGANS = Array.from({ length: 30 }, (_, i) => `第${i + 1}镇人民政府`);
function goodSite(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url!;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  const list = url.match(/^\/nb\/index(?:_(\d+))?\.html$/);
  const report = url.match(/^\/nb\/t(\d+)\.html$/);
  if (url === '/') return void res.end('<a href="/nb/index.html">政府信息公开年报</a>');
  if (list) {
    const page = Number(list[1] ?? 0);
    const items = ORGANS.slice(page * 10, page * 10 + 10).map((o, j) => `<li><a href="./t${page * 10 + j}.html">${o}2021年政府信息公开工作年度报告</a></li>`).join('');
    return void res.end(`<title>政府信息公开年报</title><ul>${items}</ul><script>createPageHTML(3, ${page}, "index", "html");</script>`);
  }
  if (report) {
    const i = Number(report[1]);
    const text = seedText.replace(/新乡市牧野区人民政府/g, ORGANS[i]);
    return void res.end(`<html><head><meta charset="utf-8"><title>${ORGANS[i]}2021年政府信息公开工作年度报告</title></head><body>${text.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`);
  }
  res.statusCode = 404;
  res.end();
}

// ── Hostile servers, one per address ─────────────────────────────────────────────────────────────
const HOSTILE: { host: string; name: string; expect: (p: PortalLine) => boolean }[] = [
  { host: '127.0.0.111', name: 'endless body', expect: (p) => (p.failuresByReason.too_large ?? 0) >= 1 },
  { host: '127.0.0.112', name: 'gzip bomb (200 MiB)', expect: (p) => (p.failuresByReason.too_large ?? 0) >= 1 },
  { host: '127.0.0.113', name: 'short Content-Length, socket held', expect: (p) => (p.failuresByReason.timeout ?? 0) >= 1 },
  { host: '127.0.0.114', name: '429/503 storm', expect: (p) => Object.keys(p.failuresByReason).length === 0 && p.fetched >= 5 },
  { host: '127.0.0.115', name: 'redirect to another host', expect: (p) => (p.refusedByReason.out_of_scope ?? 0) >= 1 },
  { host: '127.0.0.116', name: 'redirect to 10.x', expect: (p) => (p.refusedByReason.out_of_scope ?? 0) >= 1 },
  { host: '127.0.0.117', name: 'cross-host ?name=x.pdf attachment', expect: (p) => (p.refusedByReason.out_of_scope ?? 0) >= 1 },
  { host: '127.0.0.118', name: 'page of 10,000 report links', expect: (p) => p.traps.some((t) => t.kind === 'link-flood') && p.fetched < 1100 },
  { host: '127.0.0.119', name: 'endless calendar ?date=', expect: (p) => p.traps.some((t) => t.kind === 'endless-pattern') && p.fetched < 260 },
  { host: '127.0.0.121', name: 'endless JSON fetched by a page script (Chromium)', expect: (p) => (p.failuresByReason.too_large ?? 0) >= 1 },
];
interface PortalLine { url: string; fetched: number; failuresByReason: Record<string, number>; refusedByReason: Record<string, number>; traps: { kind: string }[] }
let gzipBomb: Buffer = Buffer.alloc(0);
const outsideHits: string[] = [];
let hostilePort = 0;

/** An answer that never ends: `start`, then 64 KiB chunks of one byte for as long as the client reads. */
function endlessBody(res: ServerResponse, contentType: string, start: string, fill: number): void {
  res.writeHead(200, { 'content-type': contentType });
  const chunk = Buffer.alloc(64 * 1024, fill);
  const pump = () => { while (!res.destroyed && res.write(chunk)); };
  res.on('drain', pump);
  res.write(start);
  pump();
}

function hostileSite(req: IncomingMessage, res: ServerResponse): void {
  const host = req.headers.host!.split(':')[0];
  const url = new URL(req.url!, `http://${req.headers.host}`);
  const path = url.pathname;
  if (host === '127.0.0.120') { outsideHits.push(url.toString()); res.end('%PDF-1.4 stolen'); return; }
  const html = (body: string) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(`<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>${body}</body></html>`); };
  if (path === '/robots.txt') { res.statusCode = 404; res.end(); return; }
  if (path === '/') return html('<a href="/nb/">政府信息公开年报</a>');
  const reportPage = (attachments: string) => html(`<a href="/nb/t1.html">甲县2023年政府信息公开工作年度报告</a>${path === '/nb/t1.html' ? attachments : ''}`);
  const outside = `http://127.0.0.120:${hostilePort}`;
  switch (host) {
    case '127.0.0.111':
      if (path === '/nb/f.pdf') return endlessBody(res, 'application/pdf', '%PDF-1.4\n', 0x25);
      return reportPage('<a href="/nb/f.pdf">附件.pdf</a>');
    case '127.0.0.112':
      if (path === '/nb/f.pdf') { res.writeHead(200, { 'content-type': 'application/pdf', 'content-encoding': 'gzip' }); res.end(gzipBomb); return; }
      return reportPage('<a href="/nb/f.pdf">附件.pdf</a>');
    case '127.0.0.113':
      if (path === '/nb/f.pdf') { res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 100_000 }); res.write('%PDF-1.4'); return; }
      return reportPage('<a href="/nb/f.pdf">附件.pdf</a>');
    case '127.0.0.114': {
      const n = (stormCount = stormCount + 1);
      if (n <= 2) { res.statusCode = n % 2 ? 429 : 503; res.end(); return; }
      return reportPage('');
    }
    case '127.0.0.115':
      if (path === '/nb/f.pdf') { res.writeHead(302, { location: `${outside}/stolen.pdf` }); res.end(); return; }
      return reportPage('<a href="/nb/f.pdf">附件.pdf</a>');
    case '127.0.0.116':
      if (path === '/nb/f.pdf') { res.writeHead(302, { location: 'http://10.255.255.1/admin.pdf' }); res.end(); return; }
      return reportPage('<a href="/nb/f.pdf">附件.pdf</a>');
    case '127.0.0.117':
      return reportPage(`<a href="${outside}/download?name=x.pdf">附件.pdf</a><a href="${outside}/r.html">乙县2023年政府信息公开工作年度报告</a>`);
    case '127.0.0.118':
      if (path === '/nb/') return html(Array.from({ length: 10_000 }, (_, i) => `<a href="/nb/t${i}.html">第${i}镇2023年政府信息公开工作年度报告</a>`).join(''));
      return html('<p>正文</p>');
    case '127.0.0.119': {
      const day = new Date(url.searchParams.get('date') ?? '2024-01-01');
      const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
      return html(`<a href="/nb/cal?date=${next}">下一页</a>`);
    }
    case '127.0.0.121':
      if (path === '/nb/data.json') return endlessBody(res, 'application/json', '[', 0x20);
      return html('<ul id="list"></ul><script>fetch("/nb/data.json").then((r) => r.json()).then((d) => { document.getElementById("list").innerHTML = d.map((x) => `<li><a href="${x.u}">${x.t}</a></li>`).join(""); })</script>');
  }
  res.statusCode = 404;
  res.end();
}
let stormCount = 0;


// ── Hostile files ────────────────────────────────────────────────────────────────────────────────
function hostileFiles(dir: string): string[] {
  const seedsDir = join(root, 'test', 'fixtures', 'seeds');
  const pdf = readdirSync(seedsDir).find((f) => f.endsWith('.pdf') && !f.includes('scan'));
  const files: Record<string, Buffer> = {
    'empty.pdf': Buffer.alloc(0),
    'random.bin': Buffer.from(Array.from({ length: 200_000 }, () => Math.floor(random() * 256))),
    'nul-text.txt': Buffer.alloc(2 * MiB, 0),
    'deep-nesting.html': Buffer.from(`<html><body>${'<div>'.repeat(20_000)}政府信息公开工作年度报告${'</div>'.repeat(20_000)}</body></html>`),
    'nested-tables.html': Buffer.from(`<html><body>${'<table><tr><td>'.repeat(5000)}1${'</td></tr></table>'.repeat(5000)}</body></html>`),
    'big-text.txt': Buffer.from('二〇二三年政府信息公开工作年度报告 收到申请 5 件\n'.repeat(400_000)),
    'utf16-bom.html': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body>政府信息公开工作年度报告</body></html>', 'utf16le')]),
    'docx-bomb.docx': Buffer.from(zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new Uint8Array(200 * MiB) }, { level: 9 })),
  };
  if (pdf) {
    const bytes = readFileSync(join(seedsDir, pdf));
    files['truncated.pdf'] = bytes.subarray(0, Math.floor(bytes.length / 2));
    const flipped = Buffer.from(bytes);
    for (let i = 0; i < 200; i++) flipped[Math.floor(random() * flipped.length)] ^= 0xff;
    files['bit-flipped.pdf'] = flipped;
  }
  return Object.entries(files).map(([name, bytes]) => { const path = join(dir, name); writeFileSync(path, bytes); return path; });
}

// ── The battery ──────────────────────────────────────────────────────────────────────────────────
interface Row { name: string; tried: number; survived: number; lost: number | string; peakRssMiB: number; notes: string[] }
const rows: Row[] = [];

async function main(): Promise<void> {
  if (!existsSync(entry)) throw new Error('no dist/: run npm run build first');
  const work = mkdtempSync(join(tmpdir(), 'nianbao-attack-'));
  const good = createServer(goodSite);
  const goodPort = await listen(good, '127.0.0.101');
  const goodUrl = `http://127.0.0.101:${goodPort}/`;
  const crawlArgs = (db: string) => ['crawl', '--db', db, '--impolite', '--no-browser', '--json'];
  const newArchive = (name: string, urls: string[]) => {
    const db = join(work, `${name}.sqlite`);
    const archive = openArchive(db);
    for (const url of urls) upsertPortal(archive, url);
    archive.close();
    return db;
  };
  try {
    // Reference: one uninterrupted crawl.
    const reference = newArchive('reference', [goodUrl]);
    const ref = await nianbao(crawlArgs(reference));
    const expected = reportsIn(reference);
    console.error(`reference crawl: exit ${ref.status}, ${expected} reports, ${ref.elapsedMs} ms, peak ${ref.peakRssMiB} MiB`);

    // kill -9 during crawls, then one crawl to the end.
    if (wanted('crawl-kills')) {
      const db = newArchive('killed-crawl', [goodUrl]);
      const row: Row = { name: 'kill -9 during crawl', tried: 0, survived: 0, lost: 0, peakRssMiB: 0, notes: [] };
      for (let i = 0; i < Number(values.kills); i++) {
        const out = await nianbao(crawlArgs(db), { killAfterMs: 800 + Math.floor(random() * 4000) });
        row.tried++;
        row.peakRssMiB = Math.max(row.peakRssMiB, out.peakRssMiB);
        const check = await nianbao(['check-db', '--db', db, '--quick']);
        const refusedByLock = /in use by another/.test(out.stderr);
        if (check.status === 0 && !refusedByLock) row.survived++;
        else row.notes.push(`kill ${i}: check-db ${check.status}${refusedByLock ? ', refused by a stale lock' : ''}`);
      }
      const last = await nianbao(crawlArgs(db));
      row.peakRssMiB = Math.max(row.peakRssMiB, last.peakRssMiB);
      row.lost = Math.max(0, expected - reportsIn(db));
      if (last.status !== 0) row.notes.push(`final crawl exit ${last.status}: ${last.stderr.slice(0, 200)}`);
      rows.push(row);
    }

    // kill -9 during reparse, then one reparse to the end.
    if (wanted('reparse-kills')) {
      const db = join(work, 'reparse.sqlite');
      copyFileSync(reference, db);
      const row: Row = { name: 'kill -9 during reparse', tried: 0, survived: 0, lost: 0, peakRssMiB: 0, notes: [] };
      for (let i = 0; i < Number(values['reparse-kills']); i++) {
        const out = await nianbao(['reparse', '--all', '--db', db], { killAfterMs: 500 + Math.floor(random() * 2500) });
        row.tried++;
        row.peakRssMiB = Math.max(row.peakRssMiB, out.peakRssMiB);
        const check = await nianbao(['check-db', '--db', db, '--quick']);
        if (check.status === 0) row.survived++;
        else row.notes.push(`kill ${i}: check-db exit ${check.status}`);
      }
      const last = await nianbao(['reparse', '--all', '--db', db]);
      row.peakRssMiB = Math.max(row.peakRssMiB, last.peakRssMiB);
      row.lost = Math.max(0, expected - reportsIn(db));
      if (last.status !== 0) row.notes.push(`final reparse exit ${last.status}`);
      rows.push(row);
    }

    // Hostile files through `nianbao parse`.
    if (wanted('files')) {
      const row: Row = { name: 'hostile files (nianbao parse)', tried: 0, survived: 0, lost: '-', peakRssMiB: 0, notes: [] };
      for (const file of hostileFiles(work)) {
        const out = await nianbao(['parse', file, '--json'], { timeoutMs: 60_000 });
        row.tried++;
        row.peakRssMiB = Math.max(row.peakRssMiB, out.peakRssMiB);
        const name = file.split('/').pop();
        if (!out.timedOut && out.signal === null && [0, 1, 3].includes(out.status ?? -1)) row.survived++;
        else row.notes.push(`${name}: ${out.timedOut ? 'over 60 s' : `exit ${out.status} ${out.signal ?? ''}`}`);
        console.error(`parse ${name}: exit ${out.status}${out.timedOut ? ' (timeout)' : ''}, ${out.elapsedMs} ms, peak ${out.peakRssMiB} MiB`);
      }
      rows.push(row);
    }

    // Hostile servers through `nianbao crawl` (a 10 s timeout: the trap portals keep the crawl's
    // one process busy, and the short Content-Length costs one timeout per attempt).
    if (wanted('servers')) {
      gzipBomb = await compressionBomb('gzip', 200);
      const servers = [...HOSTILE.map((h) => h.host), '127.0.0.120'].map((host) => ({ host, server: createServer(hostileSite) }));
      hostilePort = await listen(servers[0].server, servers[0].host);
      for (const s of servers.slice(1)) await listen(s.server, s.host, hostilePort);
      const db = newArchive('hostile', HOSTILE.map((h) => `http://${h.host}:${hostilePort}/`));
      const out = await nianbao(['crawl', '--db', db, '--impolite', '--json', '--timeout', '10'], { timeoutMs: 400_000 });
      const row: Row = { name: 'hostile servers (nianbao crawl)', tried: HOSTILE.length, survived: 0, lost: '-', peakRssMiB: out.peakRssMiB, notes: [] };
      try {
        const summary = JSON.parse(out.stdout) as { portals: PortalLine[] };
        for (const h of HOSTILE) {
          const line = summary.portals.find((p) => p.url.includes(`${h.host}:`));
          if (line && h.expect(line)) row.survived++;
          else row.notes.push(`${h.name}: ${JSON.stringify(line)?.slice(0, 300)}`);
        }
      } catch {
        row.notes.push(`no summary (exit ${out.status}): ${out.stderr.slice(0, 300)}`);
      }
      if (outsideHits.length) row.notes.push(`out-of-scope host was called: ${outsideHits.join(' ')}`);
      row.notes.push(`crawl exit ${out.status} in ${Math.round(out.elapsedMs / 1000)} s`);
      for (const s of servers) { s.server.closeAllConnections(); s.server.close(); }
      rows.push(row);
    }
  } finally {
    good.closeAllConnections();
    good.close();
  }

  const header = ['attack', 'tried', 'survived', 'data lost', 'peak RSS'];
  const table = [header, ...rows.map((r) => [r.name, String(r.tried), String(r.survived), String(r.lost), `${r.peakRssMiB} MiB`])];
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  for (const line of table) console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const r of rows) for (const note of r.notes) console.log(`  ${r.name}: ${note}`);
}

await main();
