// The command line as a user meets it: --version, "did you mean", one-line errors naming the
// option typed, exit codes, read commands refusing a missing archive, sqlite-utils habits
// (tables, schema, rows, --tsv, --arrays), `query … | head` stopping, the progress reporter on a
// terminal and in a log, crawlee.json checked, and the operator's contact in the User-Agent.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../../storage/index.ts';
import { crawleeLogSettings } from '../../scripts/cli/crawlee-config.ts';
import { repoRoot, seedFiles, storeSeed, tempArchivePath } from '../helpers/storage-fixtures.ts';

const bin = join(repoRoot, 'node_modules', '.bin', 'nianbao');
let db = '';

function nianbao(args: string[], env: Record<string, string> = {}) {
  return spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, NIANBAO_DB: db, ...env } });
}

before(async () => {
  db = tempArchivePath();
  const archive = openArchive(db);
  for (const file of seedFiles()) await storeSeed(archive, file);
  archive.close();
});

test('--version prints the package version', () => {
  const run = nianbao(['--version']);
  assert.equal(run.status, 0);
  assert.equal(run.stdout.trim(), JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
});

test('a mistyped command, verb or option: exit 2, one line, with the word meant', () => {
  for (const [args, meant] of [[['exprot'], "'export'"], [['portals', 'lsit'], "'list'"], [['query', 'SELECT 1', '--tabel'], "'--table'"],
    [['query', '--named', 'coverag'], "'coverage'"]] as [string[], string][]) {
    const run = nianbao(args);
    assert.equal(run.status, 2, args.join(' '));
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line, not the whole help: ${run.stderr}`);
    assert.ok(run.stderr.includes(`did you mean ${meant}`), run.stderr);
  }
});

test('errors name the option as typed, not the setting behind it', () => {
  const run = nianbao(['crawl', '--delay', '-1']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^nianbao crawl: --delay must be 0 or more, got -1\n$/);
  assert.match(nianbao(['seed', 'http://127.0.0.2/', '--max-pages', '1.5']).stderr, /--max-pages needs a whole number/);
  assert.match(nianbao(['export', '--format', 'csv,xls']).stderr, /--format takes csv, parquet, xlsx, dta, warc.*got 'xls'/);
  assert.doesNotMatch(nianbao(['crawl', '--timeout', '0']).stderr, /requestTimeoutSecs/);
});

test('read commands refuse a missing archive (exit 3) and create nothing', () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'nianbao-missing-')), 'typo.sqlite');
  for (const args of [['check-db'], ['reparse'], ['portals', 'list'], ['portals', 'remove', '1'], ['query', 'SELECT 1'], ['export', '--out', join(tmpdir(), 'nianbao-x')], ['tables'], ['crawl']]) {
    const run = nianbao([...args, '--db', missing]);
    assert.equal(run.status, 3, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /no archive at .*typo\.sqlite/);
    assert.equal(existsSync(missing), false, `${args.join(' ')} created the file`);
  }
});

test('portals remove of an unknown portal is a usage error (2), not an unreadable CSV', () => {
  const run = nianbao(['portals', 'remove', 'http://127.0.0.99/']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no registered portal http:\/\/127\.0\.0\.99\//);
});

test('sqlite-utils habits: tables --counts, schema, rows with --tsv and --arrays', () => {
  const tables = JSON.parse(nianbao(['tables', '--counts']).stdout) as { table: string; type: string; count: number }[];
  assert.equal(tables.find((t) => t.table === 'reports')?.count, seedFiles().length);
  assert.ok(!tables.some((t) => t.type === 'view'));
  assert.ok((JSON.parse(nianbao(['tables', '--views']).stdout) as { table: string }[]).some((t) => t.table === 'reports_wide'));
  assert.match(nianbao(['schema', 'report_fields']).stdout, /^CREATE TABLE report_fields \(/);
  const unknown = nianbao(['schema', 'report_feilds']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /did you mean 'report_fields'/);
  const tsv = nianbao(['rows', 'reports', '--limit', '2', '--tsv']).stdout.split('\r\n');
  assert.ok(tsv[0].startsWith('id\torgan\tyear\t'));
  assert.equal(tsv.filter(Boolean).length, 3);
  const arrays = JSON.parse(nianbao(['rows', 'report_checks', '--limit', '3', '--arrays']).stdout) as unknown[][];
  assert.equal(arrays.length, 3);
  assert.ok(Array.isArray(arrays[0]) && typeof arrays[0][0] === 'number');
  const query = JSON.parse(nianbao(['query', 'SELECT 1 AS a, NULL AS b', '--arrays']).stdout);
  assert.deepEqual(query, [[1, null]]);
});

test('query | head stops when the pipe closes instead of running to the last row', () => {
  // 50 million rows take minutes to print; a closed pipe must end the command in seconds.
  const sql = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50000000) SELECT x, printf(\'%040d\', x) FROM c';
  const started = Date.now();
  const run = spawnSync('bash', ['-c', `"${bin}" query "${sql}" --csv --db "${db}" | head -n 3`], { encoding: 'utf8' });
  assert.equal(run.stdout.split('\n').length, 4);
  assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
});

test('progress: plain timestamped lines with n/N in a log, a bar with n/N and an ETA on a terminal', () => {
  const logged = nianbao(['check-db', '--quick'], { NIANBAO_PROGRESS_SECS: '0' });
  assert.equal(logged.status, 0, logged.stderr);
  assert.match(logged.stderr, /^\S+Z check-db: \d+\/\d+ \(\d+%\)/m);
  assert.match(logged.stderr, /check-db: (\d+)\/\1 \(100%\)/);
  const terminal = spawnSync('script', ['-qec', `"${bin}" check-db --quick --db "${db}"`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '120' } });
  assert.equal(terminal.status, 0, terminal.stdout);
  assert.match(terminal.stdout, /check-db \[[█░]+\] \d+\/\d+ \| ETA/);
  assert.match(terminal.stdout, /ok +sqlite quick_check/);
});

test('crawlee.json is checked: broken JSON, a storage setting or a bad level is an error naming the file; CRAWLEE_LOG_LEVEL wins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-crawlee-'));
  assert.deepEqual(crawleeLogSettings(dir, {}), {});
  writeFileSync(join(dir, 'crawlee.json'), '{"logLevel": "warning"}');
  assert.deepEqual(crawleeLogSettings(dir, {}), { crawleeLogLevel: 'WARNING' });
  assert.deepEqual(crawleeLogSettings(dir, { CRAWLEE_LOG_LEVEL: 'debug' }), { crawleeLogLevel: 'DEBUG' });
  assert.throws(() => crawleeLogSettings(dir, { CRAWLEE_STORAGE_DIR: '/tmp/x' }), /keeps no Crawlee storage/);
  writeFileSync(join(dir, 'crawlee.json'), '{"logLevel": "LOUD"}');
  assert.throws(() => crawleeLogSettings(dir, {}), /logLevel must be one of OFF, ERROR/);
  writeFileSync(join(dir, 'crawlee.json'), '{"persistStorage": true}');
  assert.throws(() => crawleeLogSettings(dir, {}), /persistStorage: nianbao keeps no Crawlee storage/);
  writeFileSync(join(dir, 'crawlee.json'), '{"logLevel": "ERROR",}');
  const run = spawnSync(bin, ['crawl', '--db', db], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /crawlee\.json is not valid JSON/);
  assert.deepEqual(crawleeLogSettings(repoRoot, {}), { crawleeLogLevel: 'ERROR' }, "the repository's own crawlee.json");
});

test('the User-Agent names the contact the operator gives; a real portal is not crawled without one', async () => {
  const agents: string[] = [];
  const server = createServer((req, res) => { agents.push(String(req.headers['user-agent'])); res.setHeader('content-type', 'text/html'); res.end('<p>nothing here</p>'); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.83', resolve));
  try {
    const url = `http://127.0.0.83:${(server.address() as { port: number }).port}/`;
    const seedDb = tempArchivePath();
    const child = spawn(bin, ['seed', url, '--db', seedDb, '--delay', '0', '--no-browser', '--contact', 'ops@example.org']);
    await new Promise((resolve) => child.on('exit', resolve));
    assert.ok(agents.length > 0);
    assert.ok(agents.every((a) => /^nianbao\/\S+ \(.*\+ops@example\.org\)$/.test(a)), agents.join('\n'));
  } finally {
    server.close();
  }
  const anonymous = nianbao(['seed', 'http://www.example.gov.cn/'], { NIANBAO_CONTACT: '' });
  assert.equal(anonymous.status, 2);
  assert.match(anonymous.stderr, /needs --contact EMAIL\|URL \(or NIANBAO_CONTACT\)/);
  assert.match(nianbao(['seed', 'http://www.example.gov.cn/', '--contact', 'not a contact']).stderr, /--contact wants an e-mail address or an http\(s\) URL/);
});
