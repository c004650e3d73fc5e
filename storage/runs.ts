// Crawl runs (and seed and reparse runs): when they ran, how they ended, what they found.
import os from 'node:os';
import type { Archive } from './archive.ts';

/** How a run ended; `running` until finishRun, `interrupted` when found unfinished later. */
export type RunStatus = 'running' | 'ok' | 'problems' | 'failed' | 'interrupted';

/** One run as stored; `summary` is whatever JSON the run recorded. */
export interface CrawlRun {
  id: number;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  summary: unknown;
}

/** Who runs a run: its summary until it finishes, so a later process can tell a live run from a killed one. */
interface RunOwner { pid: number; host: string }

/**
 * Records the start of a run and returns its id (captures carry it as run_id). Until the run
 * finishes, its summary names its owner (`{ pid, host }`).
 */
export function startRun(archive: Archive, kind: 'crawl' | 'seed' | 'reparse' | string = 'crawl'): number {
  const owner: RunOwner = { pid: process.pid, host: os.hostname() };
  const info = archive.db.prepare('INSERT INTO crawl_runs (kind, started_at, summary) VALUES (?, ?, ?)')
    .run(kind, new Date().toISOString(), JSON.stringify(owner));
  return Number(info.lastInsertRowid);
}

/** True when the run's owner is a process of this machine that still runs (not this one). */
function ownerAlive(summary: string | null): boolean {
  let owner: Partial<RunOwner> | null = null;
  try {
    owner = summary ? JSON.parse(summary) : null;
  } catch {
    return false;
  }
  if (!owner || typeof owner.pid !== 'number' || owner.host !== os.hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records how a run ended and its summary (any JSON-serialisable value). */
export function finishRun(archive: Archive, runId: number, status: Exclude<RunStatus, 'running'>, summary: unknown = null): void {
  archive.db.prepare('UPDATE crawl_runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?')
    .run(new Date().toISOString(), status, JSON.stringify(summary), runId);
}

/**
 * Marks runs of this kind still `running` but started before `before` as interrupted — what a
 * restarted crawl or reparse calls for the run a kill -9 left behind. A run whose owner process
 * still runs on this machine is left alone: it is not interrupted, only concurrent.
 */
export function markInterruptedRuns(archive: Archive, kind: string, before: string = new Date().toISOString()): number {
  const stale = archive.db.prepare("SELECT id, summary FROM crawl_runs WHERE status = 'running' AND kind = ? AND started_at < ?")
    .all(kind, before) as { id: number; summary: string | null }[];
  const mark = archive.db.prepare("UPDATE crawl_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'");
  let changes = 0;
  for (const run of stale) if (!ownerAlive(run.summary)) changes += mark.run(run.id).changes;
  return changes;
}

/** The most recent runs first. */
export function listRuns(archive: Archive, limit = 50): CrawlRun[] {
  const rows = archive.db.prepare('SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[];
  return rows.map(toRun);
}

/** One run by id. */
export function getRun(archive: Archive, runId: number): CrawlRun | undefined {
  const row = archive.db.prepare('SELECT * FROM crawl_runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row ? toRun(row) : undefined;
}

interface RunRow { id: number; kind: string; started_at: string; finished_at: string | null; status: RunStatus; summary: string | null }

function toRun(row: RunRow): CrawlRun {
  return {
    id: row.id, kind: row.kind, startedAt: row.started_at, finishedAt: row.finished_at, status: row.status,
    summary: row.summary === null ? null : JSON.parse(row.summary),
  };
}
