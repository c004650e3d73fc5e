// Real processes on a real archive file: readers work while a writer holds the lock, and a
// kill -9 in the middle of writing leaves a sound archive with no half-written report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { checkArchive, openArchive, searchReports, upsertPortal } from '../../storage/index.ts';
import { repoRoot, tempArchivePath } from '../helpers/storage-fixtures.ts';

const childScript = join(repoRoot, 'test', 'storage', 'crash-child.ts');
const bin = join(repoRoot, 'node_modules', '.bin', 'nianbao');

function startChild(path: string, ...args: string[]): { child: ChildProcess; lines: string[]; waitFor(line: RegExp): Promise<void>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, path, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: { line: RegExp; resolve: () => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.line.test(line))) w.resolve();
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (line: RegExp) => new Promise<void>((resolve, reject) => {
    if (lines.some((l) => line.test(l))) return resolve();
    waiters.push({ line, resolve });
    void exit.then(() => reject(new Error(`child exited before printing ${line}; printed ${lines.join(' | ')}`)));
  });
  return { child, lines, waitFor, exit };
}

function assertSound(path: string): void {
  const archive = openArchive(path);
  const problems = checkArchive(archive).filter((f) => f.problems.length > 0);
  archive.close();
  assert.deepEqual(problems, []);
}

test('a reader (nianbao query, search) answers at once while another process holds the write lock', async () => {
  const path = tempArchivePath();
  const setup = openArchive(path);
  upsertPortal(setup, 'http://127.0.0.2/');
  setup.close();
  const writer = startChild(path, 'hold', '15000');
  await writer.waitFor(/^holding$/);
  const query = spawnSync(bin, ['query', 'SELECT count(*) AS n FROM portals', '--db', path], { encoding: 'utf8' });
  const queryDoneAt = Date.now();
  assert.equal(query.status, 0, query.stderr);
  assert.deepEqual(JSON.parse(query.stdout), [{ n: 1 }], 'the reader sees the last committed state');
  const reader = openArchive(path, { readonly: true });
  const searchStarted = Date.now();
  assert.equal(searchReports(reader, {}).total, 0);
  assert.ok(Date.now() - searchStarted < 1000, 'an in-process reader answers at once');
  reader.close();
  const openStarted = Date.now();
  const blockedWriter = openArchive(path, { busyTimeoutMs: 30_000 });
  assert.ok(Date.now() - openStarted < 1000, 'opening an up-to-date archive does not wait for the writer');
  upsertPortal(blockedWriter, 'http://127.0.0.3/');
  const secondWriteDoneAt = Date.now();
  blockedWriter.close();
  assert.equal(await writer.exit, 0);
  const committedAt = Number(writer.lines.find((l) => l.startsWith('committed '))!.split(' ')[1]);
  assert.ok(queryDoneAt < committedAt, 'nianbao query finished while the writer still held its transaction');
  assert.ok(secondWriteDoneAt >= committedAt, 'a second writer waited for the lock instead of failing');
  const after = spawnSync(bin, ['query', 'SELECT count(*) AS n FROM portals', '--db', path], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(after.stdout), [{ n: 3 }]);
});

test('kill -9 while reports are being written: the archive is sound, no report is half-written, a restart goes on', async () => {
  const path = tempArchivePath();
  const killedAt: number[] = [];
  let next = 0;
  for (const delayMs of [5, 60, 150]) {
    const run = startChild(path, 'reports', String(next), '50', '3000000');
    await run.waitFor(new RegExp(`^start ${next + 2}$`));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    run.child.kill('SIGKILL');
    await run.exit;
    const done = run.lines.filter((l) => l.startsWith('done ')).map((l) => Number(l.slice(5)));
    const started = run.lines.filter((l) => l.startsWith('start ')).map((l) => Number(l.slice(6)));
    const interrupted = started.at(-1)!;
    killedAt.push(interrupted);
    assertSound(path);
    const archive = openArchive(path, { readonly: true });
    const organs = archive.db.prepare('SELECT organ FROM reports').pluck().all() as string[];
    for (const i of done) assert.ok(organs.includes(`organ-${i}`), `committed report ${i} survived`);
    if (!done.includes(interrupted)) {
      const fields = archive.db.prepare("SELECT count(*) FROM report_fields f JOIN reports r ON r.id = f.report_id WHERE r.organ = ?").pluck().get(`organ-${interrupted}`);
      assert.ok(fields === 0 || fields === 200, `report ${interrupted} is whole or absent (${fields} fields)`);
    }
    archive.close();
    next = interrupted + 1;
  }
  const finish = startChild(path, 'reports', String(next), '2', '1000');
  assert.equal(await finish.exit, 0);
  assertSound(path);
  console.log(`# killed while writing reports ${killedAt.join(', ')}`);
});

test('kill -9 inside one long transaction (re-choosing every report) rolls it back whole', async () => {
  const path = tempArchivePath();
  const setup = startChild(path, 'reports', '0', '600', '20000');
  assert.equal(await setup.exit, 0);
  const before = openArchive(path, { readonly: true });
  const snapshot = () => JSON.stringify(before.db.prepare('SELECT id, organ, parse_id, chosen_why FROM reports ORDER BY id').all());
  const expected = snapshot();
  before.close();
  const run = startChild(path, 'reselect');
  await run.waitFor(/^reselect start$/);
  await new Promise((resolve) => setTimeout(resolve, 150));
  run.child.kill('SIGKILL');
  await run.exit;
  assert.equal(run.lines.includes('reselect done'), false, 'the kill landed inside the transaction');
  assertSound(path);
  const after = openArchive(path, { readonly: true });
  assert.equal(JSON.stringify(after.db.prepare('SELECT id, organ, parse_id, chosen_why FROM reports ORDER BY id').all()), expected);
  after.close();
});
