// Captures: every fetch with its response facts; bodies stored once per sha256.
import { createHash } from 'node:crypto';
import type { Archive } from './archive.ts';

/** What the crawler hands over after one fetch. Only `url` is required. */
export interface CaptureInput {
  url: string;
  finalUrl?: string | null;
  /** ISO time of the fetch; now when omitted. */
  fetchedAt?: string;
  /** HTTP status, or null when no response came (DNS, timeout…; say why in `error`). */
  status?: number | null;
  headers?: Record<string, string | string[] | undefined> | null;
  /** Defaults to the content-type header. */
  contentType?: string | null;
  bytes?: Uint8Array | null;
  /** Default to the etag / last-modified headers. */
  etag?: string | null;
  lastModified?: string | null;
  error?: string | null;
  /** What the crawler took it for: home, list, report, attachment… */
  label?: string | null;
  runId?: number | null;
  portalId?: number | null;
  referrerUrl?: string | null;
  linkText?: string | null;
}

/** The outcome of storeCapture: `isNew` false when the URL's latest capture already had these bytes. */
export interface StoredCapture {
  id: number;
  sha256: string | null;
  isNew: boolean;
  /** False when a body with this sha256 was already stored (by this URL or another). */
  bodyIsNew: boolean;
}

/** A capture row as stored (without its bytes). */
export interface Capture {
  id: number;
  url: string;
  finalUrl: string | null;
  fetchedAt: string;
  lastSeenAt: string;
  seenCount: number;
  status: number | null;
  headers: Record<string, string | string[]> | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  etag: string | null;
  lastModified: string | null;
  error: string | null;
  label: string | null;
  runId: number | null;
  portalId: number | null;
  referrerUrl: string | null;
  linkText: string | null;
}

/** Hex sha256 of some bytes, the key of the bodies table. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores one fetch in a single transaction. Same URL, same status, same bytes (or the same error)
 * as its latest capture: only last_seen_at and seen_count change. Otherwise a new capture; the
 * body is written only if no body has its sha256 yet.
 */
export function storeCapture(archive: Archive, input: CaptureInput): StoredCapture {
  const bytes = input.bytes ?? null;
  const sha256 = bytes ? sha256Hex(bytes) : null;
  const fetchedAt = input.fetchedAt ?? new Date().toISOString();
  const headers = input.headers ?? null;
  return archive.db.transaction((): StoredCapture => {
    const db = archive.db;
    const latest = db.prepare('SELECT id, sha256, status, error FROM captures WHERE url = ? ORDER BY id DESC LIMIT 1')
      .get(input.url) as { id: number; sha256: string | null; status: number | null; error: string | null } | undefined;
    if (latest && latest.sha256 === sha256 && latest.status === (input.status ?? null) && latest.error === (input.error ?? null)) {
      db.prepare('UPDATE captures SET last_seen_at = ?, seen_count = seen_count + 1 WHERE id = ?').run(fetchedAt, latest.id);
      return { id: latest.id, sha256, isNew: false, bodyIsNew: false };
    }
    let bodyIsNew = false;
    if (bytes && sha256) {
      bodyIsNew = db.prepare('INSERT INTO bodies (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(sha256, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fetchedAt).changes === 1;
    }
    const info = db.prepare(`INSERT INTO captures (url, final_url, fetched_at, last_seen_at, status, headers, content_type,
        size, sha256, etag, last_modified, error, label, run_id, portal_id, referrer_url, link_text)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      input.url, input.finalUrl ?? null, fetchedAt, fetchedAt, input.status ?? null,
      headers ? JSON.stringify(headers) : null, input.contentType ?? header(headers, 'content-type'),
      bytes ? bytes.byteLength : null, sha256, input.etag ?? header(headers, 'etag'),
      input.lastModified ?? header(headers, 'last-modified'), input.error ?? null, input.label ?? null,
      input.runId ?? null, input.portalId ?? null, input.referrerUrl ?? null, input.linkText ?? null,
    );
    return { id: Number(info.lastInsertRowid), sha256, isNew: true, bodyIsNew };
  }).immediate();
}

function header(headers: CaptureInput['headers'], name: string): string | null {
  if (!headers) return null;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value.join(', ') : value ?? null;
}

/** One capture by id. */
export function getCapture(archive: Archive, id: number): Capture | undefined {
  const row = archive.db.prepare('SELECT * FROM captures WHERE id = ?').get(id) as CaptureRow | undefined;
  return row ? toCapture(row) : undefined;
}

/** Every capture of a URL, oldest first (the history of its versions). */
export function capturesOfUrl(archive: Archive, url: string): Capture[] {
  return (archive.db.prepare('SELECT * FROM captures WHERE url = ? ORDER BY id').all(url) as CaptureRow[]).map(toCapture);
}

/** The most recent capture of a URL, if any. */
export function latestCapture(archive: Archive, url: string): Capture | undefined {
  const row = archive.db.prepare('SELECT * FROM captures WHERE url = ? ORDER BY id DESC LIMIT 1').get(url) as CaptureRow | undefined;
  return row ? toCapture(row) : undefined;
}

/** The stored bytes with this sha256. */
export function getBody(archive: Archive, sha256: string): Buffer | undefined {
  return archive.db.prepare('SELECT bytes FROM bodies WHERE sha256 = ?').pluck().get(sha256) as Buffer | undefined;
}

/** The bytes a capture received (undefined for a failed fetch). */
export function getCaptureBody(archive: Archive, captureId: number): Buffer | undefined {
  return archive.db.prepare('SELECT b.bytes FROM captures c JOIN bodies b ON b.sha256 = c.sha256 WHERE c.id = ?')
    .pluck().get(captureId) as Buffer | undefined;
}

type CaptureRow = Record<string, unknown> & { id: number; headers: string | null };

function toCapture(row: CaptureRow): Capture {
  return {
    id: row.id, url: row.url as string, finalUrl: row.final_url as string | null, fetchedAt: row.fetched_at as string,
    lastSeenAt: row.last_seen_at as string, seenCount: row.seen_count as number, status: row.status as number | null,
    headers: row.headers ? JSON.parse(row.headers) : null, contentType: row.content_type as string | null,
    size: row.size as number | null, sha256: row.sha256 as string | null, etag: row.etag as string | null,
    lastModified: row.last_modified as string | null, error: row.error as string | null, label: row.label as string | null,
    runId: row.run_id as number | null, portalId: row.portal_id as number | null,
    referrerUrl: row.referrer_url as string | null, linkText: row.link_text as string | null,
  };
}
