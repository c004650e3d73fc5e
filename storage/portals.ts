// The registry of portals: what the nightly crawl visits and what it learnt about each site.
import type { Archive } from './archive.ts';
import { expectOrgansOfPortal } from './organs.ts';

/** A portal as the crawler and the web pages see it. */
export interface Portal {
  id: number;
  url: string;
  name: string | null;
  divisionCode: string | null;
  level: string | null;
  enabled: boolean;
  needsBrowser: boolean;
  blockedReason: string | null;
  blockedAt: string | null;
  robotsTxt: string | null;
  robotsFetchedAt: string | null;
  notes: string | null;
  addedAt: string;
  lastCrawlAt: string | null;
  /** Hosts off the portal's domain its crawl may fetch from (`host`, `host:port`, `*.domain`). */
  allowHosts: string[];
}

/** What can be set on a portal; undefined leaves a value alone, null clears it. */
export interface PortalPatch {
  name?: string | null;
  divisionCode?: string | null;
  level?: string | null;
  enabled?: boolean;
  needsBrowser?: boolean;
  blockedReason?: string | null;
  robotsTxt?: string | null;
  notes?: string | null;
  lastCrawlAt?: string | null;
  allowHosts?: string[] | null;
}

const columnOf: Record<keyof PortalPatch, string> = {
  name: 'name', divisionCode: 'division_code', level: 'level', enabled: 'enabled',
  needsBrowser: 'needs_browser', blockedReason: 'blocked_reason', robotsTxt: 'robots_txt',
  notes: 'notes', lastCrawlAt: 'last_crawl_at', allowHosts: 'allow_hosts',
};

/** Adds the portal with this URL, or updates the given fields of the existing one. */
export function upsertPortal(archive: Archive, url: string, patch: PortalPatch = {}): Portal {
  archive.db.prepare('INSERT INTO portals (url) VALUES (?) ON CONFLICT (url) DO NOTHING').run(url);
  const portal = getPortal(archive, url)!;
  return updatePortal(archive, portal.id, patch);
}

/** Changes some fields of a portal; blockedReason also stamps blocked_at, robotsTxt robots_fetched_at. */
export function updatePortal(archive: Archive, id: number, patch: PortalPatch): Portal {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof PortalPatch, unknown][]) {
    if (value === undefined || !(key in columnOf)) continue;
    sets.push(`${columnOf[key]} = ?`);
    values.push(typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? (value.length ? JSON.stringify(value) : null) : value);
  }
  const now = new Date().toISOString();
  if (patch.blockedReason !== undefined) { sets.push('blocked_at = ?'); values.push(patch.blockedReason === null ? null : now); }
  if (patch.robotsTxt !== undefined) { sets.push('robots_fetched_at = ?'); values.push(now); }
  if (sets.length > 0) archive.db.prepare(`UPDATE portals SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  if (typeof patch.divisionCode === 'string') expectOrgansOfPortal(archive.db, id);
  const portal = getPortal(archive, id);
  if (!portal) throw new Error(`no portal with id ${id}`);
  return portal;
}

/** A portal by id or by URL. */
export function getPortal(archive: Archive, idOrUrl: number | string): Portal | undefined {
  const column = typeof idOrUrl === 'number' ? 'id' : 'url';
  const row = archive.db.prepare(`SELECT * FROM portals WHERE ${column} = ?`).get(idOrUrl);
  return row ? toPortal(row as PortalRow) : undefined;
}

/** Every portal (or only those the nightly crawl visits), in the order they were added. */
export function listPortals(archive: Archive, options: { enabledOnly?: boolean } = {}): Portal[] {
  const where = options.enabledOnly ? 'WHERE enabled = 1' : '';
  return (archive.db.prepare(`SELECT * FROM portals ${where} ORDER BY id`).all() as PortalRow[]).map(toPortal);
}

/**
 * Takes a portal out of the registry. One with captures is only disabled (its history stays);
 * one never crawled is deleted. Returns what happened.
 */
export function removePortal(archive: Archive, id: number): 'deleted' | 'disabled' | 'absent' {
  return archive.db.transaction(() => {
    if (!getPortal(archive, id)) return 'absent' as const;
    const used = archive.db.prepare('SELECT 1 FROM captures WHERE portal_id = ? LIMIT 1').get(id);
    if (used) {
      archive.db.prepare('UPDATE portals SET enabled = 0 WHERE id = ?').run(id);
      return 'disabled' as const;
    }
    archive.db.prepare('DELETE FROM frontier WHERE portal_id = ?').run(id);
    archive.db.prepare('DELETE FROM portals WHERE id = ?').run(id);
    return 'deleted' as const;
  }).immediate();
}

interface PortalRow {
  id: number; url: string; name: string | null; division_code: string | null; level: string | null;
  enabled: number; needs_browser: number; blocked_reason: string | null; blocked_at: string | null;
  robots_txt: string | null; robots_fetched_at: string | null; notes: string | null;
  added_at: string; last_crawl_at: string | null; allow_hosts: string | null;
}

function allowHostsOf(text: string | null): string[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

function toPortal(row: PortalRow): Portal {
  return {
    id: row.id, url: row.url, name: row.name, divisionCode: row.division_code, level: row.level,
    enabled: row.enabled === 1, needsBrowser: row.needs_browser === 1, blockedReason: row.blocked_reason,
    blockedAt: row.blocked_at, robotsTxt: row.robots_txt, robotsFetchedAt: row.robots_fetched_at,
    notes: row.notes, addedAt: row.added_at, lastCrawlAt: row.last_crawl_at, allowHosts: allowHostsOf(row.allow_hosts),
  };
}
