// One crawl at a time per archive: a lock file beside the archive (`<archive>.crawl-lock`) naming
// its holder (pid, host, start time, what it runs). Created atomically (written to a temporary file,
// then hard-linked into place, so no reader ever sees half a lock); a second crawl refuses with
// the holder's name; a lock left by a process that is gone (kill -9, a crash) on this host is
// taken over. Released when the crawl ends, and on process exit.
import { hostname } from 'node:os';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Archive } from './archive.ts';
import { ArchiveError } from './errors.ts';

/** Who holds an archive's crawl lock. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  what: string;
}

/** Thrown when another live crawl holds the archive. */
export class ArchiveLockedError extends ArchiveError {
  override name = 'ArchiveLockedError';
  constructor(readonly lockPath: string, readonly holder: LockHolder | null) {
    super(holder
      ? `the archive is in use by another ${holder.what} (pid ${holder.pid} on host ${holder.host}, started ${holder.startedAt}); wait for it to finish, or remove ${lockPath} if that process is gone`
      : `the archive is locked (${lockPath} exists but cannot be read); remove it if no crawl is running`);
  }
}

/** A held lock; `release` is idempotent. */
export interface CrawlLock {
  path: string | null;
  holder: LockHolder;
  /** The holder this lock replaced (a dead process), if any. */
  tookOverFrom: LockHolder | null;
  release(): void;
}

/** Where the lock of this archive lives. */
export function lockPathOf(archive: Archive): string | null {
  return archive.path === ':memory:' || archive.path === '' ? null : `${archive.path}.crawl-lock`;
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? '?'), what: String(parsed.what ?? 'crawl') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    return null;
  }
}

/** True while a process with this pid exists on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, holder: LockHolder): boolean {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    try { unlinkSync(temporary); } catch { /* already gone */ }
  }
}

/** Takes the archive's crawl lock, or throws ArchiveLockedError naming the live holder. */
export function acquireCrawlLock(archive: Archive, what = 'crawl'): CrawlLock {
  const path = lockPathOf(archive);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), what };
  if (path === null) return { path, holder, tookOverFrom: null, release: () => {} };
  let tookOverFrom: LockHolder | null = null;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path, holder)) break;
    let current: LockHolder | null;
    try {
      current = readHolder(path);
    } catch {
      continue; // released between our attempt and the read: try again
    }
    const stale = current !== null && current.host === holder.host && current.pid !== process.pid && !processAlive(current.pid);
    if (!stale || attempt >= 3) throw new ArchiveLockedError(path, current);
    // The holder is gone: take its lock over. Another process taking it over at the same moment
    // makes our next tryCreate fail, and we then see a live holder.
    try { unlinkSync(path); } catch { /* someone else removed it */ }
    tookOverFrom = current;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      const current = readHolder(path);
      if (current?.pid === holder.pid && current.startedAt === holder.startedAt) unlinkSync(path);
    } catch { /* already gone */ }
  };
  process.on('exit', release);
  return { path, holder, tookOverFrom, release };
}
