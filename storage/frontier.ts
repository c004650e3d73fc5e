// The crawler's durable frontier: every URL a portal crawl found, whether it was fetched, and the
// validators (ETag, Last-Modified, sha256) for the next night. A crawl killed mid-way resumes from
// here: queued rows are fetched, done rows are not.
import type { Archive } from './archive.ts';

/** One frontier row as the crawler uses it. */
export interface FrontierEntry {
  id: number;
  portalId: number;
  url: string;
  label: string;
  depth: number;
  status: 'queued' | 'done' | 'failed' | 'skipped';
  reason: string | null;
  parentUrl: string | null;
  linkText: string | null;
  etag: string | null;
  lastModified: string | null;
  lastSha256: string | null;
  attempts: number;
  method: 'GET' | 'POST';
  payload: string | null;
  /** Whatever the crawler recorded about where the URL was found (JSON object). */
  context: Record<string, unknown>;
  /** The run that last settled this entry. */
  runId: number | null;
}

/** A URL to add to the frontier. */
export interface NewFrontierEntry {
  url: string;
  label: string;
  depth?: number;
  parentUrl?: string | null;
  linkText?: string | null;
  method?: 'GET' | 'POST';
  payload?: string | null;
  context?: Record<string, unknown>;
  /** Add it as already settled (e.g. skipped by robots.txt), with this status and reason. */
  status?: 'queued' | 'skipped';
  reason?: string | null;
}

/** Adds URLs not yet known for this portal; known ones are left as they are. Returns the entries added. */
export function addToFrontier(archive: Archive, portalId: number, entries: NewFrontierEntry[]): FrontierEntry[] {
  const insert = archive.db.prepare(`INSERT INTO frontier (portal_id, url, label, depth, status, reason, parent_url, link_text, method, payload, context)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (portal_id, url) DO NOTHING RETURNING *`);
  return archive.db.transaction(() => {
    const added: FrontierEntry[] = [];
    for (const e of entries) {
      const row = insert.get(portalId, e.url, e.label, e.depth ?? 0, e.status ?? 'queued', e.reason ?? null, e.parentUrl ?? null,
        e.linkText ?? null, e.method ?? 'GET', e.payload ?? null, JSON.stringify(e.context ?? {})) as FrontierRow | undefined;
      if (row) added.push(toEntry(row));
    }
    return added;
  }).immediate();
}

/** Changes what an entry is taken for (e.g. a list page that turned out to need a browser) and requeues it. */
export function relabelEntry(archive: Archive, entryId: number, label: string, context: Record<string, unknown>): void {
  archive.db.prepare("UPDATE frontier SET label = ?, context = ?, status = 'queued', updated_at = ? WHERE id = ?")
    .run(label, JSON.stringify(context), new Date().toISOString(), entryId);
}

/** The queued entries of a portal, oldest first (pages found first are fetched first). */
export function queuedEntries(archive: Archive, portalId: number, limit = 100_000): FrontierEntry[] {
  const rows = archive.db.prepare("SELECT * FROM frontier WHERE portal_id = ? AND status = 'queued' ORDER BY id LIMIT ?").all(portalId, limit);
  return (rows as FrontierRow[]).map(toEntry);
}

/**
 * The next queued entries of a portal after frontier id `afterId`, oldest first, leaving out those
 * with `skipLabel` (the pages a browser must render): how a running crawl reads its frontier as it
 * grows, a few rows at a time, without reading again what it already holds.
 */
export function queuedEntriesAfter(archive: Archive, portalId: number, afterId: number, limit: number, skipLabel = 'browser'): FrontierEntry[] {
  const rows = archive.db.prepare("SELECT * FROM frontier WHERE portal_id = ? AND status = 'queued' AND id > ? AND label IS NOT ? ORDER BY id LIMIT ?")
    .all(portalId, afterId, skipLabel, limit);
  return (rows as FrontierRow[]).map(toEntry);
}

/** One entry by portal and URL. */
export function frontierEntry(archive: Archive, portalId: number, url: string): FrontierEntry | undefined {
  const row = archive.db.prepare('SELECT * FROM frontier WHERE portal_id = ? AND url = ?').get(portalId, url);
  return row ? toEntry(row as FrontierRow) : undefined;
}

/** How a fetch ended, to record on its entry. */
export interface FetchOutcome {
  status: 'done' | 'failed' | 'skipped' | 'queued';
  reason?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  sha256?: string | null;
  runId?: number | null;
}

/** Records the outcome of fetching an entry; validators are kept when the outcome brings none. */
export function settleEntry(archive: Archive, entryId: number, outcome: FetchOutcome): void {
  archive.db.prepare(`UPDATE frontier SET status = ?, reason = ?, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
      last_sha256 = COALESCE(?, last_sha256), attempts = attempts + 1, run_id = COALESCE(?, run_id), updated_at = ? WHERE id = ?`)
    .run(outcome.status, outcome.reason ?? null, outcome.etag ?? null, outcome.lastModified ?? null, outcome.sha256 ?? null,
      outcome.runId ?? null, new Date().toISOString(), entryId);
}

/**
 * Puts the settled entries with these labels back in the queue for a revisit (the next night's
 * list pages); their validators stay, so the revisit can be a conditional request.
 */
export function requeueForRevisit(archive: Archive, portalId: number, labels: string[]): number {
  if (labels.length === 0) return 0;
  const marks = labels.map(() => '?').join(', ');
  return archive.db.prepare(`UPDATE frontier SET status = 'queued', reason = 'revisit', updated_at = ?
      WHERE portal_id = ? AND label IN (${marks}) AND status IN ('done', 'failed')`)
    .run(new Date().toISOString(), portalId, ...labels).changes;
}

/** Renames a label on all of a portal's entries (browser-rendered lists go back to `list` for a conditional check). */
export function relabelAll(archive: Archive, portalId: number, from: string, to: string): number {
  return archive.db.prepare('UPDATE frontier SET label = ? WHERE portal_id = ? AND label = ?').run(to, portalId, from).changes;
}

/** Puts failed entries back in the queue (a new night gives transient failures another chance). */
export function requeueFailed(archive: Archive, portalId: number, maxAttempts: number): number {
  return archive.db.prepare(`UPDATE frontier SET status = 'queued', updated_at = ? WHERE portal_id = ? AND status = 'failed' AND attempts < ?`)
    .run(new Date().toISOString(), portalId, maxAttempts).changes;
}

/** Counts of a portal's entries by status. */
export function frontierCounts(archive: Archive, portalId: number): Record<FrontierEntry['status'], number> {
  const counts = { queued: 0, done: 0, failed: 0, skipped: 0 };
  const rows = archive.db.prepare('SELECT status, COUNT(*) AS n FROM frontier WHERE portal_id = ? GROUP BY status').all(portalId) as { status: keyof typeof counts; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Every entry of a portal (for summaries and tests). */
export function frontierEntries(archive: Archive, portalId: number): FrontierEntry[] {
  return (archive.db.prepare('SELECT * FROM frontier WHERE portal_id = ? ORDER BY id').all(portalId) as FrontierRow[]).map(toEntry);
}

/** Runs `work` in one write transaction, so a capture and the entries it reveals land together. */
export function inTransaction<T>(archive: Archive, work: () => T): T {
  return archive.db.transaction(work).immediate();
}

/** How one piece of work of a batch ended: its value, or the error it threw (its writes undone). */
export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs many pieces of work in one write transaction, each in its own savepoint: a piece that throws
 * is undone alone and reported, the others commit together (one fsync for a batch of captures).
 */
export function inBatch<T>(archive: Archive, works: (() => T)[]): BatchOutcome<T>[] {
  return archive.db.transaction(() => works.map((work): BatchOutcome<T> => {
    try {
      return { ok: true, value: archive.db.transaction(work)() };
    } catch (error) {
      return { ok: false, error };
    }
  })).immediate();
}

interface FrontierRow {
  id: number; portal_id: number; url: string; label: string | null; depth: number; status: FrontierEntry['status'];
  reason: string | null; parent_url: string | null; link_text: string | null; etag: string | null; last_modified: string | null;
  last_sha256: string | null; attempts: number; method: string; payload: string | null; context: string | null; run_id: number | null;
}

function toEntry(row: FrontierRow): FrontierEntry {
  let context: Record<string, unknown> = {};
  try {
    context = row.context ? JSON.parse(row.context) : {};
  } catch {
    context = {};
  }
  return {
    id: row.id, portalId: row.portal_id, url: row.url, label: row.label ?? 'list', depth: row.depth, status: row.status,
    reason: row.reason, parentUrl: row.parent_url, linkText: row.link_text, etag: row.etag, lastModified: row.last_modified,
    lastSha256: row.last_sha256, attempts: row.attempts, method: row.method === 'POST' ? 'POST' : 'GET', payload: row.payload, context, runId: row.run_id,
  };
}
