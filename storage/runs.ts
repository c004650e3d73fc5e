// Crawl runs (and seed and reparse runs): when they ran, how they ended, what they found.
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

/** Records the start of a run and returns its id (captures carry it as run_id). */
export function startRun(archive: Archive, kind: 'crawl' | 'seed' | 'reparse' | string = 'crawl'): number {
  const info = archive.db.prepare('INSERT INTO crawl_runs (kind, started_at) VALUES (?, ?)').run(kind, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

/** Records how a run ended and its summary (any JSON-serialisable value). */
export function finishRun(archive: Archive, runId: number, status: Exclude<RunStatus, 'running'>, summary: unknown = null): void {
  archive.db.prepare('UPDATE crawl_runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?')
    .run(new Date().toISOString(), status, JSON.stringify(summary), runId);
}

/**
 * Marks runs of this kind still `running` but started before `before` as interrupted — what a
 * restarted crawl calls for the run a kill -9 left behind.
 */
export function markInterruptedRuns(archive: Archive, kind: string, before: string = new Date().toISOString()): number {
  return archive.db.prepare("UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running' AND kind = ? AND started_at < ?")
    .run(kind, before).changes;
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
