// One crawl per archive: a second crawl refuses and names the holder (pid, host, start time); a
// lock left by a killed crawl is taken over. The end-to-end case runs two real `nianbao crawl`
// processes against one archive and a slow loopback portal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { acquireCrawlLock, ArchiveLockedError, listRuns, lockPathOf, openArchive, upsertPortal } from '../../storage/index.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const bin = join(REPO_ROOT, 'node_modules', '.bin', 'nianbao');
const tempDb = (name: string) => join(mkdtempSync(join(tmpdir(), `nianbao-lock-${name}-`)), 'a.sqlite');

test('a second lock on one archive is refused with the holder named; release frees it', () => {
  const archive = openArchive(tempDb('same'));
  try {
    const lock = acquireCrawlLock(archive, 'crawl');
    assert.ok(existsSync(lockPathOf(archive)!));
    assert.throws(() => acquireCrawlLock(archive, 'crawl'), (error: Error) => {
      assert.ok(error instanceof ArchiveLockedError);
      assert.match(error.message, new RegExp(`pid ${process.pid} on host ${hostname()}, started ${lock.holder.startedAt}`));
      return true;
    });
    lock.release();
    assert.ok(!existsSync(lockPathOf(archive)!), 'released');
    acquireCrawlLock(archive).release();
  } finally {
    archive.close();
  }
});

test('stale-lock-of-dead-pid: a lock left by a killed crawl is taken over', () => {
  const archive = openArchive(tempDb('stale'));
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeFileSync(lockPathOf(archive)!, JSON.stringify({ pid: deadPid, host: hostname(), startedAt: '2026-01-01T02:30:00.000Z', what: 'crawl' }));
    const lock = acquireCrawlLock(archive);
    assert.equal(lock.tookOverFrom?.pid, deadPid);
    assert.equal(lock.holder.pid, process.pid);
    lock.release();
    // A holder on another host cannot be checked from here: refused, never taken over.
    writeFileSync(lockPathOf(archive)!, JSON.stringify({ pid: deadPid, host: 'other-machine', startedAt: '2026-01-01T02:30:00.000Z', what: 'crawl' }));
    assert.throws(() => acquireCrawlLock(archive), /pid \d+ on host other-machine/);
  } finally {
    archive.close();
  }
});

test('two-crawls-one-archive: the second `nianbao crawl` refuses naming the first; the first finishes untouched', { timeout: 180_000 }, async () => {
  const server = createServer((req, res) => {
    // Slow on purpose, so that the first crawl is still running when the second starts.
    setTimeout(() => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const n = Number(req.url!.match(/^\/p(\d+)\.html$/)?.[1] ?? 0);
      if (req.url === '/robots.txt') { res.statusCode = 404; res.end(); return; }
      res.end(`<title>政府信息公开年报</title>${n < 12 ? `<a href="/p${n + 1}.html">下一页</a>` : ''}`);
    }, 250);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.72', resolve));
  const db = tempDb('cli');
  const setup = openArchive(db);
  upsertPortal(setup, `http://127.0.0.72:${(server.address() as AddressInfo).port}/`);
  setup.close();
  const args = ['crawl', '--db', db, '--no-browser', '--no-parse', '--delay', '0.05'];
  try {
    const first = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const firstDone = new Promise<number | null>((resolve) => first.on('exit', resolve));
    const lockPath = `${db}.crawl-lock`;
    for (let i = 0; i < 200 && !existsSync(lockPath); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(lockPath), 'the first crawl holds the lock');
    const second = spawnSync(bin, args, { encoding: 'utf8' });
    assert.equal(second.status, 4, second.stderr);
    assert.match(second.stderr, new RegExp(`in use by another crawl \\(pid ${first.pid} on host ${hostname()}, started \\d{4}-`));
    assert.equal(await firstDone, 0, 'the first crawl ends well');
    const archive = openArchive(db, { readonly: true });
    const runs = listRuns(archive);
    archive.close();
    assert.equal(runs.length, 1, 'the refused crawl recorded no run');
    assert.equal(runs[0].status, 'ok', 'and did not mark the running one interrupted');
    assert.ok(!existsSync(lockPath), 'the lock is gone after the crawl');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
