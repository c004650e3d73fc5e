// Storage benchmark: captures stored per second, reports recorded per second, search p50/p95 beside
// the queries searchReports ran before migration 0004 (same archive, same run), check-db and export
// time beside the sqlite3 shell, on a synthetic archive of N reports (default 100,000) made from the
// real seed parses.
// Usage: node --import tsx scripts/bench-storage.ts [--reports N] [--captures N] [--dir DIR] [--keep]
//   [--reuse]       keep DIR/reports.sqlite if it is there (migrating it; timed) instead of building it
//   [--full-check]  also time check-db --full and the sqlite3 shell's integrity_check (minutes)
//   [--runs N]      runs per search (default 20; the old queries run min(N, 5) times)
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseDocument, type ParseResult } from '../parsers/index.ts';
import { checkArchive, exportTableFiles, inTransaction, openArchive, recordParse, schemaVersion, searchReports, storeCapture, type Archive, type SearchOptions } from '../storage/index.ts';
import Database from 'better-sqlite3';
import { optionValue, parseArgs } from './cli/args.ts';

const args = parseArgs(process.argv.slice(2), ['keep', 'reuse', 'full-check'], ['reports', 'captures', 'dir', 'runs']);
const runs = Number(optionValue(args, 'runs', '20'));
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

/** Nearest-rank percentile (p in 0..100) of the values. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function ms(secs: number): string {
  return (secs * 1000).toFixed(1).padStart(8);
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

/** Opens DIR/reports.sqlite as it is, migrating an older one (the migration is timed). */
function reuseReports(path: string): Archive {
  const before = new Database(path, { readonly: true });
  const version = schemaVersion(before);
  before.close();
  const [archive, secs] = timed(() => openArchive(path));
  const reports = archive.db.prepare('SELECT count(*) FROM reports').pluck().get();
  console.log(`reports: reusing ${path} (${reports} reports, ${(statSync(path).size / 1e6).toFixed(0)} MB)${version === schemaVersion(archive.db) ? '' : `; migrated from schema ${version} in ${secs.toFixed(1)} s`}`);
  return archive;
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

/**
 * What searchReports did before migration 0004, run here on the same archive: every hit counted and
 * ranked before 50 came back, the year and region filtered after the index, and words under three
 * characters matched by LIKE over every report's text.
 */
function oldSearch(archive: Archive, options: SearchOptions): number {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const text = options.text?.trim();
  const useIndex = !!text && text.split(/\s+/).every((word) => [...word].length >= 3);
  let from = 'reports r';
  let order = 'r.organ, r.year';
  if (text && useIndex) {
    from = 'report_search s JOIN reports r ON r.id = s.rowid';
    where.push('report_search MATCH :match');
    params.match = `{title text} : (${text.split(/\s+/).map((w) => `"${w}"`).join(' ')})`;
    order = 's.rank';
  } else if (text) {
    from = 'reports r JOIN report_documents d ON d.report_id = r.id';
    text.split(/\s+/).forEach((word, i) => {
      where.push(`(d.title LIKE :w${i} OR d.text LIKE :w${i})`);
      params[`w${i}`] = `%${word}%`;
    });
  }
  if (options.regionPrefix) { where.push('COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id)) LIKE :region'); params.region = `${options.regionPrefix}%`; }
  if (options.year !== undefined) { where.push('r.year = :year'); params.year = options.year; }
  if (options.checks === 'fail') where.push('r.checks_failed > 0');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = archive.db.prepare(`SELECT count(*) FROM ${from} ${whereSql}`).pluck().get(params) as number;
  archive.db.prepare(`SELECT r.id, r.organ, r.year, c.url FROM ${from} JOIN captures c ON c.id = r.capture_id ${whereSql}
    ORDER BY ${order} LIMIT 50`).all(params);
  return total;
}

function benchSearch(archive: Archive): void {
  const sample = archive.db.prepare('SELECT year, substr(region_code, 1, 4) AS region FROM reports WHERE region_code IS NOT NULL LIMIT 1').get() as { year: number; region: string } | undefined;
  const [regionYear, region] = [sample?.year ?? 2021, sample?.region ?? '4107'];
  const queries: [string, SearchOptions][] = [
    ['common phrase 政府信息公开 (every report)', { text: '政府信息公开' }],
    [`rare phrase 编号${reportCount - 1}`, { text: `编号${reportCount - 1}` }],
    ['organ 合成第777号镇', { text: '合成第777号镇' }],
    ['phrase + year 行政复议, 2021', { text: '行政复议', year: 2021 }],
    [`phrase + year + region 政府信息公开, ${regionYear}, ${region}`, { text: '政府信息公开', year: regionYear, regionPrefix: region }],
    ['two characters 复议', { text: '复议' }],
    ['two characters + year 复议, 2020', { text: '复议', year: 2020 }],
    ['one character 诉', { text: '诉' }],
    ['no text: failing checks, 2020', { checks: 'fail', year: 2020 }],
  ];
  const oldRuns = Math.min(runs, 5);
  console.log(`search, first 50 hits (p50 / p95 of ${runs} runs; the query before 0004: ${oldRuns} runs, same archive):`);
  console.log(`  ${''.padEnd(46)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ms  hits      | before: ${'p50'.padStart(8)} ${'p95'.padStart(8)} ms  hits     × p95`);
  for (const [label, options] of queries) {
    const times: number[] = [];
    let found = '';
    for (let run = 0; run < runs; run++) {
      const [result, secs] = timed(() => searchReports(archive, { ...options, limit: 50 }));
      found = `${result.total}${result.totalCapped ? '+' : ''}`;
      times.push(secs);
    }
    const oldTimes: number[] = [];
    let oldTotal = 0;
    for (let run = 0; run < oldRuns; run++) {
      const [total, secs] = timed(() => oldSearch(archive, options));
      oldTotal = total;
      oldTimes.push(secs);
    }
    const ratio = percentile(oldTimes, 95) / percentile(times, 95);
    console.log(`  ${label.padEnd(46)} ${ms(percentile(times, 50))} ${ms(percentile(times, 95))}     ${found.padEnd(9)} |         ${ms(percentile(oldTimes, 50))} ${ms(percentile(oldTimes, 95))}     ${String(oldTotal).padEnd(8)} ${ratio.toFixed(0).padStart(5)}`);
  }
  const ranked: number[] = [];
  for (let run = 0; run < Math.min(runs, 5); run++) ranked.push(timed(() => searchReports(archive, { text: '政府信息公开', order: 'rank', limit: 50 }))[1]);
  console.log(`  ${'by rank on request 政府信息公开 (ranks every hit)'.padEnd(46)} ${ms(percentile(ranked, 50))} ${ms(percentile(ranked, 95))}`);
}

/** check-db's default checks (and, with --full-check, the full ones and the shell's integrity_check). */
function benchCheck(archive: Archive): void {
  console.log('check-db (checkArchive):');
  const [findings, secs] = timed(() => checkArchive(archive));
  const failing = findings.filter((f) => f.problems.length > 0).map((f) => f.check);
  console.log(`  default              ${secs.toFixed(1).padStart(6)} s  ${findings.length} checks${failing.length ? `, FAILING: ${failing.join('; ')}` : ', all sound'}`);
  if (!args.flags.has('full-check')) return;
  const [full, fullSecs] = timed(() => checkArchive(archive, { full: true }));
  const fullFailing = full.filter((f) => f.problems.length > 0).map((f) => f.check);
  console.log(`  --full               ${fullSecs.toFixed(1).padStart(6)} s  ${full.length} checks${fullFailing.length ? `, FAILING: ${fullFailing.join('; ')}` : ', all sound'}`);
  const [run, shellSecs] = timed(() => spawnSync('sqlite3', ['-readonly', archive.path, 'PRAGMA integrity_check'], { encoding: 'utf8' }));
  console.log(`  sqlite3 shell integrity_check ${run.error || run.status !== 0 ? '(no sqlite3 shell)' : `${shellSecs.toFixed(1)} s: ${run.stdout.trim().slice(0, 60)}`}`);
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
const reportsPath = join(dir, 'reports.sqlite');
const reuse = args.flags.has('reuse') && existsSync(reportsPath);
if (!reuse) benchCaptures();
const archive = reuse ? reuseReports(reportsPath) : await buildReports(await seedTemplates());
benchSearch(archive);
benchCheck(archive);
benchExport(archive);
archive.close();
if (!args.flags.has('keep')) rmSync(dir, { recursive: true, force: true });
