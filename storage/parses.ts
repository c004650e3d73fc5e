// Recording parses of captures and keeping the reports they feed up to date.
import type Database from 'better-sqlite3';
import type { ParseResult } from '../parsers/index.ts';
import type { Archive } from './archive.ts';
import { expectOrgansOfPortal, organForName } from './organs.ts';
import { selectReport } from './report-write.ts';
import { cached } from './statements.ts';

/** What recordParse did: the parse row, and the report it now feeds (null when not a report). */
export interface RecordedParse {
  parseId: number;
  /** False when the capture's latest parse had the same version and the same result already. */
  isNew: boolean;
  reportId: number | null;
  /** True when this parse is the one the report shows. */
  chosen: boolean;
}

/** The organ as a key: whitespace (also full-width) removed, so spacing in titles does not split a report. */
export function normalizeOrgan(organ: string): string {
  return organ.replace(/[\s\u3000]+/g, '');
}

/**
 * Stores a parse of a capture and re-chooses the report(s) it touches, in one transaction: the
 * organ+year it names now and, if an earlier parse of this capture named another, that one too.
 */
export function recordParse(archive: Archive, captureId: number, result: ParseResult): RecordedParse {
  const db = archive.db;
  const { text, ...stored } = result;
  const json = JSON.stringify(stored);
  const organ = result.organ ? normalizeOrgan(result.organ) || null : null;
  return db.transaction((): RecordedParse => {
    const capture = cached(db, 'SELECT id, portal_id, url FROM captures WHERE id = ?').get(captureId) as { id: number; portal_id: number | null; url: string } | undefined;
    if (!capture) throw new Error(`no capture with id ${captureId}`);
    const previous = cached(db, 'SELECT id, organ, year, template, parser_version, result, text FROM parses WHERE capture_id = ? ORDER BY id DESC LIMIT 1')
      .get(captureId) as { id: number; organ: string | null; year: number | null; template: string | null; parser_version: string; result: string; text: string | null } | undefined;
    const organId = organ ? organForName(db, organ, { captureId, portalId: capture.portal_id, url: capture.url, divisionCodes: [result.regionCode] }) : null;
    const unchanged = previous && previous.parser_version === result.parserVersion && previous.result === json && previous.text === (text ?? null);
    const parseId = unchanged ? previous.id : insertParse(archive, captureId, result, organ, json, text);
    if (unchanged) {
      // Nothing any report depends on changed: a nightly re-fetch of an unchanged page costs one read.
      const reportId = organId !== null && result.year !== null && result.template !== null
        ? (cached(db, 'SELECT id FROM reports WHERE organ_id = ? AND year = ?').pluck().get(organId, result.year) as number | undefined) ?? null
        : null;
      const chosen = reportId !== null && cached(db, 'SELECT parse_id FROM reports WHERE id = ?').pluck().get(reportId) === parseId;
      return { parseId, isNew: false, reportId, chosen };
    }
    const touched = new Map<string, [number, number]>();
    if (previous?.organ && previous.year !== null && previous.template !== null) {
      const previousOrgan = organForName(db, previous.organ, { captureId, portalId: capture.portal_id, url: capture.url });
      touched.set(`${previousOrgan}|${previous.year}`, [previousOrgan, previous.year]);
    }
    if (organId !== null && result.year !== null && result.template !== null) touched.set(`${organId}|${result.year}`, [organId, result.year]);
    let reportId: number | null = null;
    for (const [key, [keyOrgan, keyYear]] of touched) {
      const id = selectReport(db, keyOrgan, keyYear);
      if (key === `${organId}|${result.year}`) reportId = id;
    }
    const chosen = reportId !== null && cached(db, 'SELECT parse_id FROM reports WHERE id = ?').pluck().get(reportId) === parseId;
    return { parseId, isNew: !unchanged, reportId, chosen };
  }).immediate();
}

function insertParse(archive: Archive, captureId: number, result: ParseResult, organ: string | null, json: string, text: string): number {
  const fieldsFilled = Object.values(result.fields).filter((v) => v !== null).length;
  const checksFailed = result.checks.filter((c) => !c.ok).length;
  const info = cached(archive.db, `INSERT INTO parses (capture_id, parser_version, parsed_at, organ, year, template, format, title,
      confidence, fields_filled, checks_failed, reason, result, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    captureId, result.parserVersion, new Date().toISOString(), organ, result.year, result.template, result.format, result.title,
    result.confidence, fieldsFilled, checksFailed, result.reason ?? null, json, text ?? null,
  );
  return Number(info.lastInsertRowid);
}

/** The latest stored parse of a capture, text included. */
export function latestParse(archive: Archive, captureId: number): (ParseResult & { parseId: number }) | undefined {
  const row = cached(archive.db, 'SELECT id, result, text FROM parses WHERE capture_id = ? ORDER BY id DESC LIMIT 1').get(captureId) as { id: number; result: string; text: string | null } | undefined;
  return row ? { ...JSON.parse(row.result), text: row.text ?? '', parseId: row.id } : undefined;
}

/** Re-chooses every report from the stored parses (after a change to the ranking). Returns how many. */
export function reselectAllReports(archive: Archive): number {
  const db = archive.db;
  return db.transaction(() => {
    for (const id of db.prepare('SELECT id FROM portals WHERE division_code IS NOT NULL').pluck().all() as number[]) expectOrgansOfPortal(db, id);
    // Names seen before the organ registry existed (an archive migrated to schema 3) get their alias first.
    const unnamed = db.prepare(`SELECT p.organ, min(p.capture_id) AS capture_id FROM parses p
      WHERE p.organ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organ_aliases a WHERE a.name = p.organ) GROUP BY p.organ`).all() as { organ: string; capture_id: number }[];
    for (const u of unnamed) {
      const capture = db.prepare('SELECT portal_id, url FROM captures WHERE id = ?').get(u.capture_id) as { portal_id: number | null; url: string };
      const region = db.prepare("SELECT json_extract(result, '$.regionCode') FROM parses WHERE organ = ? AND json_extract(result, '$.regionCode') IS NOT NULL LIMIT 1").pluck().get(u.organ) as string | undefined;
      organForName(db, u.organ, { captureId: u.capture_id, portalId: capture.portal_id, url: capture.url, divisionCodes: [region] });
    }
    // Reports from before the registry: point them at their organ, one report per organ × year (ids kept where they can be).
    const legacy = db.prepare('SELECT r.id, r.year, a.organ_id FROM reports r JOIN organ_aliases a ON a.name = r.organ WHERE r.organ_id IS NULL ORDER BY r.id').all() as { id: number; year: number; organ_id: number }[];
    for (const r of legacy) {
      const taken = db.prepare('SELECT 1 FROM reports WHERE organ_id = ? AND year = ?').get(r.organ_id, r.year);
      const name = db.prepare('SELECT name FROM organs WHERE id = ?').pluck().get(r.organ_id) as string;
      const clash = db.prepare('SELECT 1 FROM reports WHERE organ = ? AND year = ? AND id <> ?').get(name, r.year, r.id);
      if (taken || clash) {
        db.prepare(`INSERT INTO report_search (report_search, rowid, title, text) SELECT 'delete', report_id, title, text FROM report_documents WHERE report_id = ?`).run(r.id);
        db.prepare('DELETE FROM reports WHERE id = ?').run(r.id);
      } else {
        db.prepare('UPDATE reports SET organ_id = ?, organ = ? WHERE id = ?').run(r.organ_id, name, r.id);
      }
    }
    const keys = db.prepare(`SELECT DISTINCT a.organ_id, p.year FROM parses p JOIN organ_aliases a ON a.name = p.organ
      WHERE p.year IS NOT NULL AND p.template IS NOT NULL
      UNION SELECT organ_id, year FROM reports WHERE organ_id IS NOT NULL`).all() as { organ_id: number; year: number }[];
    for (const k of keys) selectReport(db, k.organ_id, k.year);
    return keys.length;
  }).immediate();
}

/** Re-chooses the report of one organ × year (after a decision about organs); inside the caller's transaction. */
export function reselectOrganYear(db: Database.Database, organId: number, year: number): number | null {
  return selectReport(db, organId, year);
}
