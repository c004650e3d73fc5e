// `nianbao export` read back by the readers users use: hyparquet for Parquet (column types from the
// file's own schema) and DuckDB as a second, independent Parquet reader, pandas for CSV and Stata .dta, openpyxl for XLSX (frozen rows, autofilter,
// dates), warcio's parser for the WARC, record by record. The archive holds the five seed reports,
// one with a cell removed (not found) beside the printed blanks, and a division code and date.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { DuckDBInstance } from '@duckdb/node-api';
import { WARCParser } from 'warcio';
import { FIELD_SPECS } from '../../parsers/index.ts';
import { openArchive, recordParse, sha256Hex, storeCapture } from '../../storage/index.ts';
import { parseSeed, repoRoot, seedFiles, seedsDir, storeSeed, tempArchivePath } from '../helpers/storage-fixtures.ts';

const bin = join(repoRoot, 'node_modules', '.bin', 'nianbao');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-pandas and python3-openpyxl (scripts/install.sh)
let db = '';
let out = '';
const REMOVED_KEY = 'apps.new.natural';

function nianbao(...args: string[]) {
  return spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, NIANBAO_DB: db } });
}

function python(script: string): unknown {
  const run = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', cwd: out });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

function sql<T>(query: string): T[] {
  const archive = openArchive(db, { readonly: true });
  try {
    return archive.db.prepare(query).all() as T[];
  } finally {
    archive.close();
  }
}

before(async () => {
  db = tempArchivePath();
  const archive = openArchive(db);
  const [first, ...rest] = seedFiles();
  for (const file of rest) await storeSeed(archive, file);
  // The first seed with one cell taken out of its parse: a field "not found", apart from printed blanks.
  const parse = await parseSeed(first);
  delete parse.cells[REMOVED_KEY];
  parse.fields[REMOVED_KEY] = null;
  // Text seeds carry no page metadata; give this one what an HTML page would (a 6-digit code, a date).
  parse.regionCode = '410711';
  parse.publishedDate = '2022-01-20';
  const capture = storeCapture(archive, { url: 'http://127.0.0.2/a.txt', status: 200, headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, bytes: readFileSync(join(seedsDir, first)) });
  recordParse(archive, capture.id, parse);
  // The same bytes again under another URL: a revisit record in the WARC.
  storeCapture(archive, { url: 'http://127.0.0.2/copy.txt', status: 200, headers: { 'content-type': 'text/plain' }, bytes: readFileSync(join(seedsDir, first)) });
  archive.close();
  out = mkdtempSync(join(tmpdir(), 'nianbao-exports-'));
  const run = nianbao('export', '--out', out, '--format', 'csv,parquet,xlsx,dta,warc');
  assert.equal(run.status, 0, run.stderr);
});

test('Parquet: counts nullable INT32, amounts DOUBLE, division codes text, dates DATE, ok BOOLEAN', async () => {
  const file = toArrayBuffer(readFileSync(join(out, 'reports_wide.parquet')));
  const schema = new Map(parquetMetadata(file).schema.map((e) => [e.name, e]));
  assert.equal(schema.get('apps.new.total')?.type, 'INT32');
  assert.equal(schema.get('apps.new.total')?.repetition_type, 'OPTIONAL');
  assert.equal(schema.get('active.fees.amount')?.type, 'DOUBLE');
  assert.equal(schema.get('region_code')?.type, 'BYTE_ARRAY');
  assert.equal(schema.get('region_code')?.converted_type, 'UTF8');
  assert.equal(schema.get('published_date')?.converted_type, 'DATE');
  const rows = await parquetReadObjects({ file });
  const expected = sql<{ report_id: number; region_code: string | null; published_date: string | null; total: number | null }>(
    'SELECT report_id, region_code, published_date, "apps.new.total" AS total FROM reports_wide ORDER BY report_id');
  assert.ok(expected.some((r) => r.region_code) && expected.some((r) => r.published_date), 'the seeds have codes and dates');
  assert.deepEqual(rows.map((r) => r.region_code), expected.map((r) => r.region_code));
  assert.deepEqual(rows.map((r) => (r.published_date ? (r.published_date as Date).toISOString().slice(0, 10) : null)), expected.map((r) => r.published_date));
  assert.deepEqual(rows.map((r) => r['apps.new.total']), expected.map((r) => r.total));
  assert.ok(rows.every((r) => r['apps.new.total'] === null || Number.isInteger(r['apps.new.total'])));
  const checks = new Map(parquetMetadata(toArrayBuffer(readFileSync(join(out, 'report_checks.parquet')))).schema.map((e) => [e.name, e]));
  assert.equal(checks.get('ok')?.type, 'BOOLEAN');
  const long = await parquetReadObjects({ file: toArrayBuffer(readFileSync(join(out, 'report_fields_long.parquet'))) });
  assert.equal(long.length, sql<{ n: number }>('SELECT count(*) AS n FROM report_fields')[0].n);
  const removed = long.find((r) => r.key === REMOVED_KEY && r.cell === 'not_found');
  assert.ok(removed && removed.raw === null && removed.value === null, 'not found: raw null');
  const blank = long.find((r) => r.cell === 'blank');
  assert.ok(blank && blank.value === null && typeof blank.raw === 'string', 'printed blank: raw kept, value null');
});

test('Parquet long and checks tables read back by hyparquet hold every row of the archive as SQL reads it, dictionary and plain pages alike', async () => {
  const longFile = toArrayBuffer(readFileSync(join(out, 'report_fields_long.parquet')));
  // The writer picks per column chunk: a dictionary where values repeat (key, organ, unit), PLAIN where
  // they hardly do (provenance). Both kinds must be in the file for this test to read both back.
  const encodings = parquetMetadata(longFile).row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.encodings.includes('RLE_DICTIONARY')));
  assert.ok(encodings.includes(true) && encodings.includes(false), 'dictionary and plain column chunks');
  const long = await parquetReadObjects({ file: longFile });
  const expected = sql<Record<string, unknown>>(`SELECT f.report_id, r.organ, r.year, f.key, f.value, f.raw, f.provenance FROM report_fields f JOIN reports r ON r.id = f.report_id ORDER BY f.report_id, f.key`);
  assert.deepEqual(long.map(({ report_id, organ, year, key, value, raw, provenance }) => ({ report_id, organ, year, key, value, raw, provenance })), expected);
  assert.ok(expected.some((r) => r.raw === '') || expected.some((r) => r.raw === null), 'the seeds have empty or missing raw cells');
  const checks = await parquetReadObjects({ file: toArrayBuffer(readFileSync(join(out, 'report_checks.parquet'))) });
  const expectedChecks = sql<Record<string, unknown>>('SELECT k.report_id, r.organ, k.rule, k.ok, k.detail FROM report_checks k JOIN reports r ON r.id = k.report_id ORDER BY k.report_id, k.seq');
  assert.deepEqual(checks.map(({ report_id, organ, rule, ok, detail }) => ({ report_id, organ, rule, ok: ok === null ? null : ok ? 1 : 0, detail })), expectedChecks);
});

test('Parquet read by a second, independent reader (DuckDB): the same rows, sums and column types as the archive', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const rows = async (query: string) => (await duck.runAndReadAll(query)).getRowObjectsJson();
  const longPath = join(out, 'report_fields_long.parquet').replaceAll("'", "''");
  const [read] = await rows(`SELECT count(*) AS n, count(value) AS figures, sum(value) AS total, count(DISTINCT organ) AS organs FROM read_parquet('${longPath}')`);
  const [expected] = sql<{ n: number; figures: number; total: number; organs: number }>(`SELECT count(*) AS n, count(f.value) AS figures, sum(f.value) AS total, count(DISTINCT r.organ) AS organs FROM report_fields f JOIN reports r ON r.id = f.report_id`);
  assert.deepEqual({ n: Number(read.n), figures: Number(read.figures), total: Number(read.total), organs: Number(read.organs) }, expected);
  const perKey = await rows(`SELECT key, sum(value) AS total FROM read_parquet('${longPath}') GROUP BY key ORDER BY key`);
  const expectedPerKey = sql<{ key: string; total: number | null }>('SELECT key, sum(value) AS total FROM report_fields GROUP BY key ORDER BY key');
  assert.deepEqual(perKey.map((r) => ({ key: r.key, total: r.total === null ? null : Number(r.total) })), expectedPerKey);
  const types = new Map((await rows(`DESCRIBE SELECT * FROM read_parquet('${longPath}')`)).map((r) => [r.column_name, r.column_type]));
  assert.match(String(types.get('year')), /INT/);
  assert.match(String(types.get('value')), /DOUBLE|DECIMAL|FLOAT/);
  assert.equal(types.get('key'), 'VARCHAR');
  const widePath = join(out, 'reports_wide.parquet').replaceAll("'", "''");
  const [wide] = await rows(`SELECT count(*) AS n, sum("apps.new.total") AS total FROM read_parquet('${widePath}')`);
  const [expectedWide] = sql<{ n: number; total: number }>(`SELECT count(*) AS n, sum(value) AS total FROM reports r LEFT JOIN report_fields f ON f.report_id = r.id AND f.key = 'apps.new.total'`);
  assert.deepEqual({ n: Number(wide.n), total: Number(wide.total) }, expectedWide);
  duck.closeSync();
});

test('CSV: text quoted, codes text in pandas with the documented dtype, blank ("") apart from not found, BOM on request', () => {
  const wide = readFileSync(join(out, 'reports_wide.csv'), 'utf8');
  const code = sql<{ c: string }>('SELECT region_code AS c FROM reports_wide WHERE region_code IS NOT NULL LIMIT 1')[0].c;
  assert.ok(wide.includes(`,"${code}",`), 'division codes are quoted');
  assert.deepEqual(wide.split('\r\n')[0].split(',').slice(-FIELD_SPECS.length), FIELD_SPECS.map((f) => f.key));
  const pandas = python(`
import json, pandas as pd
w = pd.read_csv('reports_wide.csv', dtype={'region_code': str})
l = pd.read_csv('report_fields_long.csv', dtype={'raw': str}, keep_default_na=False, na_values={'value': ['']})
print(json.dumps({'codes': [c for c in w['region_code'] if isinstance(c, str)], 'total': str(w['apps.new.total'].dtype),
  'cells': sorted(set(l['cell'])), 'notFoundRaw': l[(l.key == '${REMOVED_KEY}') & (l.cell == 'not_found')]['raw'].tolist()}))`) as { codes: string[]; total: string; cells: string[]; notFoundRaw: string[] };
  assert.ok(pandas.codes.includes(code));
  assert.match(pandas.total, /int|float/);
  assert.deepEqual(pandas.cells, ['blank', 'figure', 'not_found']);
  assert.deepEqual(pandas.notFoundRaw, ['']);
  const long = readFileSync(join(out, 'report_fields_long.csv'), 'utf8').split('\r\n');
  assert.ok(long.some((l) => l.includes(`"${REMOVED_KEY}","count",,,"not_found"`)), 'not found: raw written as nothing');
  const bomOut = mkdtempSync(join(tmpdir(), 'nianbao-bom-'));
  assert.equal(nianbao('export', '--out', bomOut, '--format', 'csv', '--tables', 'wide', '--bom').status, 0);
  assert.deepEqual([...readFileSync(join(bomOut, 'reports_wide.csv')).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
});

test('XLSX (openpyxl): Chinese label row, names, both frozen, autofilter, widths, dates as dates; --tables long writes the long sheet', () => {
  const book = python(`
import json, openpyxl
wb = openpyxl.load_workbook('reports.xlsx')
ws = wb['reports_wide']
dates = [c.value for c in ws['F'][2:] if c.value is not None]
print(json.dumps({'sheets': wb.sheetnames, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'row1': [c.value for c in ws[1]][:3],
  'row2': [c.value for c in ws[2]][:3], 'width': ws.column_dimensions['O'].width, 'dateTypes': sorted({type(d).__name__ for d in dates}),
  'rows': ws.max_row, 'organs': [[c.value for c in r][:4] for r in wb['organs'].iter_rows(min_row=3)]}))`) as { sheets: string[]; freeze: string; filter: string; row1: string[]; row2: string[]; width: number; dateTypes: string[]; rows: number; organs: (string | number)[][] };
  assert.deepEqual(book.sheets, ['reports_wide', 'report_fields_long', 'report_checks', 'organs', 'data_dictionary']);
  // The organ registry: one row per organ of the seeds, each resolved to a division code kept as text.
  assert.equal(book.organs.length, seedFiles().length);
  assert.ok(book.organs.every((o) => typeof o[3] === 'string' && /^\d{6}(\d{3})?$/.test(o[3] as string)), JSON.stringify(book.organs));
  assert.equal(book.freeze, 'A3');
  assert.match(book.filter, /^A2:[A-Z]+2$/);
  assert.deepEqual(book.row1, ['报告编号', '机关', '年度']);
  assert.deepEqual(book.row2, ['report_id', 'organ', 'year']);
  assert.ok(book.width > 8);
  assert.deepEqual(book.dateTypes, ['datetime']);
  assert.equal(book.rows, seedFiles().length + 2);
});

test('Stata .dta (pandas.read_stata): names of at most 32 characters, unique, labels from the dictionary, values as in the archive', () => {
  const stata = python(`
import json, pandas as pd
r = pd.io.stata.StataReader('reports_wide.dta')
d = r.read(convert_missing=False)
labels = r.variable_labels()
print(json.dumps({'names': list(d.columns), 'labels': labels, 'total': [None if pd.isna(v) else int(v) for v in d['apps_new_total']],
  'date': str(d['published_date'].dtype)}))`) as { names: string[]; labels: Record<string, string>; total: (number | null)[]; date: string };
  assert.equal(stata.names.length, FIELD_SPECS.length + 14);
  assert.ok(stata.names.every((n) => n.length <= 32 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)));
  assert.equal(new Set(stata.names.map((n) => n.toLowerCase())).size, stata.names.length);
  assert.equal(stata.labels.organ, '机关');
  const dictionary = readFileSync(join(out, 'data_dictionary.csv'), 'utf8');
  assert.ok(dictionary.includes('"apps.denied_security_stability.commercial","apps_denied_secstab_commercial"'), 'the dictionary maps keys to Stata names');
  assert.deepEqual(stata.total, sql<{ t: number | null }>('SELECT "apps.new.total" AS t FROM reports_wide ORDER BY report_id').map((r) => r.t));
  assert.match(stata.date, /datetime/);
});

test('WARC: read back record by record — warcinfo, a response per body with its bytes and digest, a revisit for a body seen before', async () => {
  const records: { type: string; uri: string | null; payload: Buffer; digest: string | null; headers: Record<string, string> }[] = [];
  for await (const record of new WARCParser(createReadStream(join(out, 'captures.warc.gz')))) {
    const payload = Buffer.from(await record.readFully(true));
    const headers = Object.fromEntries(record.httpHeaders?.headers ?? []);
    records.push({ type: record.warcType ?? '', uri: record.warcTargetURI ?? null, payload, digest: record.warcPayloadDigest ?? null, headers });
  }
  assert.equal(records[0].type, 'warcinfo');
  const captures = sql<{ url: string; sha256: string }>('SELECT url, sha256 FROM captures WHERE sha256 IS NOT NULL ORDER BY id');
  assert.equal(records.length, captures.length + 1);
  const responses = records.filter((r) => r.type === 'response');
  assert.equal(responses.length, new Set(captures.map((c) => c.sha256)).size);
  for (const response of responses) {
    const capture = captures.find((c) => c.url === response.uri)!;
    assert.equal(sha256Hex(response.payload), capture.sha256, `${response.uri}: the stored bytes`);
    assert.equal(response.digest, `sha256:${capture.sha256}`);
  }
  const revisit = records.find((r) => r.type === 'revisit');
  assert.equal(revisit?.uri, 'http://127.0.0.2/copy.txt');
  const gzipped = responses.find((r) => r.uri === 'http://127.0.0.2/a.txt')!;
  assert.equal(gzipped.headers['x-archive-orig-content-encoding'] ?? gzipped.headers['X-Archive-Orig-content-encoding'], 'gzip', 'the stored body is decoded: the header is kept aside');
  assert.equal(gzipped.headers['content-encoding'], undefined);
});

test('a failed export ends with one clear line and no stack trace; --out on a file or in /proc is refused at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-fail-'));
  mkdirSync(join(dir, 'reports_wide.csv.partial'));
  const failed = nianbao('export', '--out', dir, '--format', 'csv', '--tables', 'wide');
  assert.equal(failed.status, 4);
  assert.equal(failed.stderr.trim().split('\n').filter((l) => !/^\S+Z export:/.test(l)).length, 1, failed.stderr);
  assert.match(failed.stderr, /nianbao export: writing into .* failed: .*EISDIR/);
  assert.doesNotMatch(failed.stderr, /\n\s+at /);
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  const onFile = nianbao('export', '--out', file);
  assert.equal(onFile.status, 2);
  assert.match(onFile.stderr, /is a file, not a directory/);
  const started = Date.now();
  const proc = nianbao('export', '--out', '/proc/x');
  assert.equal(proc.status, 2);
  assert.ok(Date.now() - started < 20_000, 'refused, not spinning');
  assert.equal(existsSync(join(dir, 'reports_wide.csv')), false);
});
