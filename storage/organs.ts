// The organ registry: every organ once, the names it was printed under, and what people decided.
// Parses keep the printed name; an alias row maps it to an organ, found by resolution the first
// time the name is seen and never changed by resolution afterwards (a manual decision stays).
import type Database from 'better-sqlite3';
import type { Archive } from './archive.ts';
import { ArchiveError } from './errors.ts';
import { divisionOfCode, divisions, standardCode } from './divisions.ts';
import { resolveDivision, resolveOrgan, type Resolution } from './organ-resolve.ts';
import { cached } from './statements.ts';

/** Where a printed name was seen: the capture, its portal and URL, and division codes it carries. */
export interface SeenAt {
  captureId?: number | null;
  portalId?: number | null;
  url?: string | null;
  divisionCodes?: (string | null | undefined)[];
}

function now(): string {
  return new Date().toISOString();
}

/**
 * The portal an organ publishes on: the portal whose division is the organ's county (or the organ's
 * own division), else the portal the document came from.
 */
function portalFor(db: Database.Database, divisionCode: string | null, seenOn: number | null): number | null {
  if (divisionCode) {
    const own = cached(db, `SELECT id FROM portals WHERE division_code IN (?, ?) ORDER BY length(division_code) DESC, enabled DESC, id LIMIT 1`)
      .pluck().get(divisionCode, divisionCode.slice(0, 6)) as number | undefined;
    if (own !== undefined) return own;
  }
  return seenOn;
}

/** The organ with this key, created (with a unique name) when missing; its portal filled in when unknown. */
function ensureOrgan(db: Database.Database, r: Pick<Resolution, 'key' | 'name' | 'level' | 'divisionCode' | 'parentKey'>, portalId: number | null, origin = 'seen'): number {
  const existing = cached(db, 'SELECT id, portal_id, origin FROM organs WHERE key = ?').get(r.key) as { id: number; portal_id: number | null; origin: string } | undefined;
  if (existing) {
    if (existing.portal_id === null && portalId !== null) cached(db, 'UPDATE organs SET portal_id = ? WHERE id = ?').run(portalFor(db, r.divisionCode, portalId), existing.id);
    if (existing.origin === 'expected' && origin === 'seen') cached(db, "UPDATE organs SET origin = 'seen' WHERE id = ?").run(existing.id);
    return existing.id;
  }
  let name = r.name;
  for (let n = 2; cached(db, 'SELECT 1 FROM organs WHERE name = ?').get(name); n++) name = `${r.name}（${r.divisionCode ?? n}${r.divisionCode ? `-${n}` : ''}）`;
  const parentId = r.parentKey ? (cached(db, 'SELECT id FROM organs WHERE key = ?').pluck().get(r.parentKey) as number | undefined) ?? null : null;
  const id = Number(cached(db, `INSERT INTO organs (key, name, level, division_code, parent_id, portal_id, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(r.key, name, r.level, r.divisionCode, parentId, portalFor(db, r.divisionCode, portalId), origin, now()).lastInsertRowid);
  // Organs created earlier under this one (a township before its county) now find their parent.
  if (r.level !== 'department' && r.level !== 'other' && r.divisionCode) {
    cached(db, `UPDATE organs SET parent_id = ? WHERE parent_id IS NULL AND id <> ? AND (key LIKE 'dept:' || ? || ':%'
      OR (level = 'township' AND length(?) = 6 AND substr(division_code, 1, 6) = ?))`).run(id, id, r.divisionCode, r.divisionCode, r.divisionCode);
  }
  return id;
}

/**
 * The organs a portal of a known division is expected to publish for: the county government and
 * every township and 街道 of the county (a prefecture's portal: the prefecture government), from
 * the division dataset. They are created as `expected` organs owned by this portal, so coverage
 * shows a township that published nothing as missing. Organs of the division already known are
 * attributed to this portal when they had none or one outside the division. Returns how many.
 */
export function expectOrgansOfPortal(db: Database.Database, portalId: number): number {
  const code = cached(db, 'SELECT division_code FROM portals WHERE id = ?').pluck().get(portalId) as string | null | undefined;
  if (!code) return 0;
  const division = divisionOfCode(code);
  if (!division || division.level === 'township') return 0;
  const expected = [division, ...(division.level === 'county' ? divisions().townshipsOf.get(division.code) ?? [] : [])];
  return db.transaction(() => {
    for (const d of expected) {
      const r = resolveDivision(d);
      ensureOrgan(db, r, portalId, 'expected');
    }
    const prefix = standardCode(division).slice(0, division.level === 'county' ? 6 : division.level === 'prefecture' ? 4 : 2);
    cached(db, `UPDATE organs SET portal_id = ? WHERE substr(division_code, 1, length(?)) = ? AND (portal_id IS NULL OR portal_id NOT IN
      (SELECT id FROM portals WHERE division_code IS NOT NULL AND substr(organs.division_code, 1, 6) = substr(division_code, 1, 6)))`).run(portalId, prefix, prefix);
    return expected.length;
  })();
}

/**
 * The organ a printed name stands for, resolving and recording the alias the first time the name
 * is seen. Runs inside the caller's transaction.
 */
export function organForName(db: Database.Database, printed: string, seen: SeenAt = {}): number {
  const known = cached(db, 'SELECT organ_id FROM organ_aliases WHERE name = ?').pluck().get(printed) as number | undefined;
  if (known !== undefined) return known;
  const portalDivision = seen.portalId ? cached(db, 'SELECT division_code FROM portals WHERE id = ?').pluck().get(seen.portalId) as string | null : null;
  const resolution = resolveOrgan(printed, { divisionCodes: [portalDivision, ...(seen.divisionCodes ?? [])] });
  const organId = ensureOrgan(db, resolution, seen.portalId ?? null);
  cached(db, `INSERT INTO organ_aliases (name, organ_id, reasons, doubt, manual, first_capture_id, first_portal_id, first_url, seen_at)
    VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)`).run(printed, organId, JSON.stringify(resolution.reasons), resolution.doubt,
    seen.captureId ?? null, seen.portalId ?? null, seen.url ?? null, now());
  return organId;
}

/** One organ as `organs list` shows it. */
export interface OrganRow {
  id: number; name: string; level: string; divisionCode: string | null; parentId: number | null; portalId: number | null;
  reports: number; aliases: number; doubts: number; firstYear: number | null; lastYear: number | null;
}

/** Every organ, with counts of its reports, aliases and doubtful aliases. */
export function listOrgans(archive: Archive, options: { doubtsOnly?: boolean; search?: string } = {}): OrganRow[] {
  return archive.db.prepare(`SELECT o.id, o.name, o.level, o.division_code AS divisionCode, o.parent_id AS parentId, o.portal_id AS portalId,
      (SELECT count(*) FROM reports WHERE organ_id = o.id) AS reports,
      (SELECT count(*) FROM organ_aliases WHERE organ_id = o.id) AS aliases,
      (SELECT count(*) FROM organ_aliases WHERE organ_id = o.id AND doubt IS NOT NULL AND manual = 0) AS doubts,
      (SELECT min(year) FROM reports WHERE organ_id = o.id) AS firstYear, (SELECT max(year) FROM reports WHERE organ_id = o.id) AS lastYear
    FROM organs o
    WHERE (:search IS NULL OR o.name LIKE '%' || :search || '%' OR EXISTS (SELECT 1 FROM organ_aliases a WHERE a.organ_id = o.id AND a.name LIKE '%' || :search || '%'))
    ORDER BY coalesce(o.division_code, 'z'), o.name`).all({ search: options.search ?? null }).filter((o) => !options.doubtsOnly || (o as OrganRow).doubts > 0) as OrganRow[];
}

/** An organ by id, canonical name or any alias. */
export function findOrgan(archive: Archive, ref: string | number): number | undefined {
  const db = archive.db;
  if (typeof ref === 'number' || /^\d+$/.test(ref)) {
    const id = cached(db, 'SELECT id FROM organs WHERE id = ?').pluck().get(Number(ref)) as number | undefined;
    if (id !== undefined) return id;
  }
  const text = String(ref).replace(/[\s\u3000]+/g, '');
  return (cached(db, 'SELECT id FROM organs WHERE name = ?').pluck().get(text) as number | undefined)
    ?? (cached(db, 'SELECT organ_id FROM organ_aliases WHERE name = ?').pluck().get(text) as number | undefined);
}

/** One name an organ was printed under. */
export interface OrganAlias {
  name: string; organ_id: number; reasons: string[]; doubt: string | null; manual: boolean;
  first_capture_id: number | null; first_portal_id: number | null; first_url: string | null; seen_at: string;
}

/** An organ with its aliases, its reports by year and the decisions about it. */
export interface OrganDetail {
  organ: { id: number; key: string; name: string; level: string; division_code: string | null; parent_id: number | null; parent_name: string | null;
    portal_id: number | null; portal_url: string | null; portal_name: string | null; created_at: string };
  aliases: OrganAlias[];
  reports: { id: number; year: number; template: string | null; published_date: string | null; portal_id: number | null; printed_as: string; url: string }[];
  decisions: { id: number; at: string; action: string; alias: string | null; organ_id: number; detail: string }[];
}

/** An organ with its aliases (reasons, doubts, where seen), reports by year and the decisions about it. */
export function showOrgan(archive: Archive, id: number): OrganDetail | undefined {
  const db = archive.db;
  const organ = db.prepare(`SELECT o.*, p.url AS portal_url, p.name AS portal_name, par.name AS parent_name
    FROM organs o LEFT JOIN portals p ON p.id = o.portal_id LEFT JOIN organs par ON par.id = o.parent_id WHERE o.id = ?`).get(id) as OrganDetail['organ'] | undefined;
  if (!organ) return undefined;
  const aliases = (db.prepare('SELECT * FROM organ_aliases WHERE organ_id = ? ORDER BY seen_at, name').all(id) as (Omit<OrganAlias, 'reasons' | 'manual'> & { reasons: string; manual: number })[])
    .map((a) => ({ ...a, reasons: JSON.parse(a.reasons) as string[], manual: a.manual === 1 }));
  const reports = db.prepare(`SELECT r.id, r.year, r.template, r.published_date, r.portal_id, p.organ AS printed_as, c.url
    FROM reports r JOIN parses p ON p.id = r.parse_id JOIN captures c ON c.id = r.capture_id WHERE r.organ_id = ? ORDER BY r.year`).all(id) as OrganDetail['reports'];
  const decisions = db.prepare('SELECT * FROM organ_decisions WHERE organ_id = ? OR alias IN (SELECT name FROM organ_aliases WHERE organ_id = ?) ORDER BY id').all(id, id) as OrganDetail['decisions'];
  return { organ, aliases, reports, decisions };
}

function recordDecision(db: Database.Database, action: string, alias: string | null, organId: number, detail: string): void {
  db.prepare('INSERT INTO organ_decisions (at, action, alias, organ_id, detail) VALUES (?, ?, ?, ?, ?)').run(now(), action, alias, organId, detail);
}

/** The organ-years whose reports depend on these organs (to re-choose after a decision). */
function yearsOf(db: Database.Database, organIds: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const id of organIds) {
    const years = db.prepare(`SELECT DISTINCT p.year FROM parses p JOIN organ_aliases a ON a.name = p.organ
      WHERE a.organ_id = ? AND p.year IS NOT NULL UNION SELECT year FROM reports WHERE organ_id = ?`).pluck().all(id, id) as number[];
    for (const y of years) out.push([id, y]);
  }
  return out;
}

type Reselect = (db: Database.Database, organId: number, year: number) => unknown;

/** An organ that lost its last alias to a decision goes (its reports went with the re-choosing). */
function dropIfEmpty(db: Database.Database, organId: number): void {
  if (db.prepare("SELECT 1 FROM organ_aliases WHERE organ_id = ? UNION ALL SELECT 1 FROM organs WHERE id = ? AND origin = 'expected'").get(organId, organId)) return;
  if (db.prepare('SELECT 1 FROM reports WHERE organ_id = ?').get(organId)) return;
  db.prepare('UPDATE organs SET parent_id = NULL WHERE parent_id = ?').run(organId);
  db.prepare('DELETE FROM organs WHERE id = ?').run(organId);
}

/** `organs alias NAME --to ORGAN`: this printed name means that organ, by a person's decision. */
export function setAlias(archive: Archive, printed: string, organRef: string | number, reselect: Reselect, note = ''): { organId: number; from: number | null } {
  const db = archive.db;
  const name = printed.replace(/[\s\u3000]+/g, '');
  return db.transaction(() => {
    const organId = findOrgan(archive, organRef);
    if (organId === undefined) throw new ArchiveError(`no organ '${organRef}' (give an id, a canonical name or an alias)`);
    const from = (db.prepare('SELECT organ_id FROM organ_aliases WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
    const before = from === null ? [] : yearsOf(db, [from]);
    db.prepare(`INSERT INTO organ_aliases (name, organ_id, reasons, doubt, manual, seen_at) VALUES (?, ?, ?, NULL, 1, ?)
      ON CONFLICT (name) DO UPDATE SET organ_id = excluded.organ_id, reasons = excluded.reasons, doubt = NULL, manual = 1`)
      .run(name, organId, JSON.stringify([`manual: ${name} is organ ${organId}${note ? ` (${note})` : ''}`]), now());
    recordDecision(db, 'alias', name, organId, `${name} → organ ${organId}${from !== null ? ` (was organ ${from})` : ''}${note ? `: ${note}` : ''}`);
    for (const [id, y] of [...before, ...yearsOf(db, [organId])]) reselect(db, id, y);
    if (from !== null && from !== organId) dropIfEmpty(db, from);
    return { organId, from };
  }).immediate();
}

/** `organs merge INTO FROM`: every alias of FROM becomes INTO's; FROM is removed. */
export function mergeOrgans(archive: Archive, intoRef: string | number, fromRef: string | number, reselect: Reselect): { into: number; from: number; aliases: number } {
  const db = archive.db;
  return db.transaction(() => {
    const into = findOrgan(archive, intoRef);
    const from = findOrgan(archive, fromRef);
    if (into === undefined) throw new ArchiveError(`no organ '${intoRef}'`);
    if (from === undefined) throw new ArchiveError(`no organ '${fromRef}'`);
    if (into === from) throw new ArchiveError(`'${intoRef}' and '${fromRef}' are one organ already (${into})`);
    const years = yearsOf(db, [from]);
    const fromName = db.prepare('SELECT name FROM organs WHERE id = ?').pluck().get(from) as string;
    const moved = db.prepare(`UPDATE organ_aliases SET organ_id = ?, manual = 1, doubt = NULL,
      reasons = json_insert(reasons, '$[#]', ?) WHERE organ_id = ?`).run(into, `manual: merged from ${fromName} (organ ${from})`, from).changes;
    for (const [, y] of years) reselect(db, from, y);
    db.prepare('UPDATE organs SET parent_id = ? WHERE parent_id = ?').run(into, from);
    db.prepare('DELETE FROM organs WHERE id = ?').run(from);
    recordDecision(db, 'merge', null, into, `organ ${from} (${fromName}) merged into ${into}: ${moved} aliases moved`);
    for (const [, y] of years) reselect(db, into, y);
    return { into, from, aliases: moved };
  }).immediate();
}

/** `organs split ALIAS [--name NEW]`: this printed name is an organ of its own, by a person's decision. */
export function splitAlias(archive: Archive, printed: string, newName: string | undefined, reselect: Reselect): { organId: number; from: number } {
  const db = archive.db;
  const name = printed.replace(/[\s\u3000]+/g, '');
  return db.transaction(() => {
    const row = db.prepare('SELECT a.organ_id, o.level, o.division_code, o.portal_id FROM organ_aliases a JOIN organs o ON o.id = a.organ_id WHERE a.name = ?')
      .get(name) as { organ_id: number; level: string; division_code: string | null; portal_id: number | null } | undefined;
    if (!row) throw new ArchiveError(`no alias '${name}' (nianbao organs show ORGAN lists an organ's aliases)`);
    const canonical = (newName ?? name).replace(/[\s\u3000]+/g, '');
    if (db.prepare('SELECT 1 FROM organs WHERE name = ?').get(canonical)) throw new ArchiveError(`an organ is named '${canonical}' already: give another with --name`);
    const years = yearsOf(db, [row.organ_id]);
    const n = Number(db.prepare("SELECT count(*) FROM organs WHERE key LIKE 'manual:%'").pluck().get()) + 1;
    const organId = ensureOrgan(db, { key: `manual:${n}:${canonical}`, name: canonical, level: 'other', divisionCode: null, parentKey: null }, row.portal_id);
    db.prepare('UPDATE organ_aliases SET organ_id = ?, manual = 1, doubt = NULL, reasons = json_insert(reasons, \'$[#]\', ?) WHERE name = ?')
      .run(organId, `manual: split from organ ${row.organ_id}`, name);
    recordDecision(db, 'split', name, organId, `${name} split from organ ${row.organ_id} into ${organId} (${canonical})`);
    for (const [id, y] of [...years, ...yearsOf(db, [organId])]) reselect(db, id, y);
    dropIfEmpty(db, row.organ_id);
    return { organId, from: row.organ_id };
  }).immediate();
}
