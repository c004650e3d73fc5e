// Storage benchmark: captures stored per second, reports recorded per second, FTS query time and
// export time on a synthetic archive of N reports (default 100,000) made from the real seed parses.
// Usage: node --import tsx scripts/bench-storage.ts [--reports N] [--captures N] [--dir DIR] [--keep]
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseDocument, type ParseResult } from '../parsers/index.ts';
import { exportTableFiles, inTransaction, openArchive, recordParse, searchReports, storeCapture, type Archive } from '../storage/index.ts';
import { optionValue, parseArgs } from './cli/args.ts';

const args = parseArgs(process.argv.slice(2), ['keep'], ['reports', 'captures', 'dir']);
const reportCount = Number(optionValue(args, 'reports', '100000'));
const captureCount = Number(optionValue(args, 'captures', '20000'));
const dir = optionValue(args, 'dir') ?? mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
const seedsDir = join(import.meta.dirname, '..', '..', 'shared', 'seeds');

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function timed<T>(work: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = work();
  return [result, seconds(start)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function benchCaptures(): void {
  const archive = openArchive(join(dir, 'captures.sqlite'));
  const body = randomBytes(20_000);
  const [, uniqueSecs] = timed(() => {
    for (let i = 0; i < captureCount; i++) {
      body.writeUInt32BE(i, 0);
      storeCapture(archive, { url: `http://127.0.0.2/a/${i}.html`, status: 200, headers: { 'content-type': 'text/html' }, bytes: body });
    }
  });
  const same = randomBytes(20_000);
  const [, dedupSecs] = timed(() => {
    for (let i = 0; i < captureCount; i++) storeCapture(archive, { url: `http://127.0.0.2/b/${i}.pdf`, status: 200, bytes: same });
  });
  const [, revisitSecs] = timed(() => {
    for (let i = 0; i < captureCount; i++) storeCapture(archive, { url: `http://127.0.0.2/b/${i}.pdf`, status: 200, bytes: same });
  });
  console.log(`captures, one transaction each, 20 kB bodies (${captureCount} each):`);
  console.log(`  new bytes         ${(captureCount / uniqueSecs).toFixed(0)} captures/s`);
  console.log(`  bytes seen before ${(captureCount / dedupSecs).toFixed(0)} captures/s (body stored once)`);
  console.log(`  same URL again    ${(captureCount / revisitSecs).toFixed(0)} captures/s (capture only touched)`);
  archive.close();
}

async function seedTemplates(): Promise<{ result: ParseResult; text: string }[]> {
  const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map(async (file) => {
    const bytes = readFileSync(join(seedsDir, file));
    return { result: await parseDocument(bytes, { fileName: file }), text: bytes.toString('utf8') };
  }));
}

function syntheticReport(templates: { result: ParseResult; text: string }[], i: number): ParseResult {
  const year = 2019 + (i % 6);
  const candidates = templates.filter((t) => (year <= 2020 ? t.result.template === '2019' : t.result.template === '2021'));
  const base = candidates[i % candidates.length].result;
  const organ = `合成第${Math.floor(i / 6)}号镇人民政府`;
  const fields: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(base.fields)) fields[key] = value === null ? null : value + (i % 7);
  const text = `${organ}${year}年政府信息公开工作年度报告 编号${i}\n${base.text.replaceAll(base.organ ?? '', organ)}`;
  return { ...base, organ, year, fields, text, title: `${organ}${year}年政府信息公开工作年度报告` };
}

async function buildReports(templates: { result: ParseResult; text: string }[]): Promise<Archive> {
  const path = join(dir, 'reports.sqlite');
  rmSync(path, { force: true });
  const archive = openArchive(path);
  const store = (i: number) => {
    const result = syntheticReport(templates, i);
    const capture = storeCapture(archive, { url: `http://127.0.0.2/r/${i}.html`, status: 200, bytes: Buffer.from(result.text) });
    recordParse(archive, capture.id, result);
  };
  const single = Math.min(2000, reportCount);
  const [, singleSecs] = timed(() => { for (let i = 0; i < single; i++) store(i); });
  const batch = 1000;
  const [, batchedSecs] = timed(() => {
    for (let from = single; from < reportCount; from += batch) {
      inTransaction(archive, () => { for (let i = from; i < Math.min(from + batch, reportCount); i++) store(i); });
    }
  });
  console.log(`reports (capture + parse with ~200 fields, checks, ~3,000-character text indexed):`);
  console.log(`  one transaction each    ${(single / singleSecs).toFixed(0)} reports/s (${single} reports)`);
  if (reportCount > single) console.log(`  ${batch} per transaction   ${((reportCount - single) / batchedSecs).toFixed(0)} reports/s (${reportCount - single} reports)`);
  archive.db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`  archive file            ${(statSync(path).size / 1e6).toFixed(0)} MB for ${reportCount} reports`);
  return archive;
}

function benchSearch(archive: Archive): void {
  const queries: [string, Parameters<typeof searchReports>[1]][] = [
    ['common phrase 政府信息公开 (every report)', { text: '政府信息公开' }],
    ['rare phrase 编号99999', { text: `编号${reportCount - 1}` }],
    ['organ 合成第777号镇', { text: '合成第777号镇' }],
    ['phrase + year filter 行政复议, 2021', { text: '行政复议', year: 2021 }],
    ['two characters 复议 (LIKE scan)', { text: '复议' }],
    ['no text: failing checks, 2020', { checks: 'fail', year: 2020 }],
  ];
  console.log('full-text search (first 50 hits + total count; median of 5 runs):');
  for (const [label, options] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < 5; run++) {
      const [result, secs] = timed(() => searchReports(archive, { ...options, limit: 50 }));
      total = result.total;
      times.push(secs);
    }
    console.log(`  ${label.padEnd(44)} ${(median(times) * 1000).toFixed(1).padStart(8)} ms  (${total} hits)`);
  }
}

/** The sqlite3 shell writing the same rows as CSV: the baseline the export is measured against. */
function sqliteShellCsv(path: string, sql: string, out: string): number | null {
  const [run, secs] = timed(() => spawnSync('sqlite3', ['-csv', '-readonly', path, sql], { stdio: ['ignore', openSync(out, 'w'), 'inherit'] }));
  return run.error || run.status !== 0 ? null : secs;
}

const SHELL_SQL: Record<'wide' | 'long', string> = {
  wide: 'SELECT * FROM reports_wide ORDER BY report_id',
  long: 'SELECT f.report_id, r.organ, r.year, f.key, f.value, f.raw, f.provenance FROM report_fields f JOIN reports r ON r.id = f.report_id ORDER BY f.report_id, f.key',
};

function benchExport(archive: Archive): void {
  console.log('export (ratio: × the sqlite3 shell writing the same rows as CSV in this run):');
  for (const table of ['wide', 'long'] as const) {
    const shell = sqliteShellCsv(archive.path, SHELL_SQL[table], join(dir, `shell-${table}.csv`));
    console.log(`  ${table.padEnd(5)} sqlite3 -csv ${shell === null ? '   (no sqlite3 shell: apt-get install sqlite3)' : `${shell.toFixed(1).padStart(6)} s`}`);
    for (const format of ['csv', 'parquet'] as const) {
      const out = join(dir, `export-${format}-${table}`);
      mkdirSync(out, { recursive: true });
      const [files, secs] = timed(() => exportTableFiles(archive, out, { formats: [format], tables: [table] }));
      const main = files[0];
      const ratio = shell ? `  ${(secs / shell).toFixed(2)} × sqlite3` : '';
      console.log(`  ${table.padEnd(5)} ${format.padEnd(12)} ${secs.toFixed(1).padStart(6)} s  ${main.rows} rows, ${(statSync(main.path).size / 1e6).toFixed(0)} MB${ratio}`);
    }
  }
}

console.log(`bench-storage: ${reportCount} reports, ${captureCount} captures, in ${dir}`);
benchCaptures();
const archive = await buildReports(await seedTemplates());
benchSearch(archive);
benchExport(archive);
archive.close();
if (!args.flags.has('keep')) rmSync(dir, { recursive: true, force: true });
