// Recording parses of captures and keeping the reports they feed up to date.
import type { ParseResult } from '../parsers/index.ts';
import type { Archive } from './archive.ts';
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
    if (!cached(db, 'SELECT 1 FROM captures WHERE id = ?').get(captureId)) throw new Error(`no capture with id ${captureId}`);
    const previous = cached(db, `SELECT p.id, p.organ, p.year, p.template, p.parser_version, p.result, t.text
      FROM parses p LEFT JOIN parse_texts t ON t.parse_id = p.id WHERE p.capture_id = ? ORDER BY p.id DESC LIMIT 1`)
      .get(captureId) as { id: number; organ: string | null; year: number | null; template: string | null; parser_version: string; result: string; text: string | null } | undefined;
    const unchanged = previous && previous.parser_version === result.parserVersion && previous.result === json && previous.text === (text ?? null);
    const parseId = unchanged ? previous.id : insertParse(archive, captureId, result, organ, json, text);
    if (unchanged) {
      // Nothing any report depends on changed: a nightly re-fetch of an unchanged page costs one read.
      const reportId = organ && result.year !== null && result.template !== null
        ? (cached(db, 'SELECT id FROM reports WHERE organ = ? AND year = ?').pluck().get(organ, result.year) as number | undefined) ?? null
        : null;
      const chosen = reportId !== null && cached(db, 'SELECT parse_id FROM reports WHERE id = ?').pluck().get(reportId) === parseId;
      return { parseId, isNew: false, reportId, chosen };
    }
    const touched = new Map<string, [string, number]>();
    if (previous?.organ && previous.year !== null && previous.template !== null) touched.set(`${previous.organ}|${previous.year}`, [previous.organ, previous.year]);
    if (organ && result.year !== null && result.template !== null) touched.set(`${organ}|${result.year}`, [organ, result.year]);
    let reportId: number | null = null;
    for (const [key, [keyOrgan, keyYear]] of touched) {
      const id = selectReport(db, keyOrgan, keyYear);
      if (key === `${organ}|${result.year}`) reportId = id;
    }
    const chosen = reportId !== null && cached(db, 'SELECT parse_id FROM reports WHERE id = ?').pluck().get(reportId) === parseId;
    return { parseId, isNew: !unchanged, reportId, chosen };
  }).immediate();
}

function insertParse(archive: Archive, captureId: number, result: ParseResult, organ: string | null, json: string, text: string): number {
  const fieldsFilled = Object.values(result.fields).filter((v) => v !== null).length;
  const checksFailed = result.checks.filter((c) => !c.ok).length;
  const info = cached(archive.db, `INSERT INTO parses (capture_id, parser_version, parsed_at, organ, year, template, format, title,
      confidence, fields_filled, checks_failed, reason, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    captureId, result.parserVersion, new Date().toISOString(), organ, result.year, result.template, result.format, result.title,
    result.confidence, fieldsFilled, checksFailed, result.reason ?? null, json,
  );
  const parseId = Number(info.lastInsertRowid);
  if (text !== undefined && text !== null) cached(archive.db, 'INSERT INTO parse_texts (parse_id, text) VALUES (?, ?)').run(parseId, text);
  return parseId;
}

/** The latest stored parse of a capture, text included. */
export function latestParse(archive: Archive, captureId: number): (ParseResult & { parseId: number }) | undefined {
  const row = cached(archive.db, `SELECT p.id, p.result, t.text FROM parses p LEFT JOIN parse_texts t ON t.parse_id = p.id
    WHERE p.capture_id = ? ORDER BY p.id DESC LIMIT 1`).get(captureId) as { id: number; result: string; text: string | null } | undefined;
  return row ? { ...JSON.parse(row.result), text: row.text ?? '', parseId: row.id } : undefined;
}

/** Re-chooses every report from the stored parses (after a change to the ranking). Returns how many. */
export function reselectAllReports(archive: Archive): number {
  const keys = archive.db.prepare(`SELECT DISTINCT organ, year FROM parses WHERE organ IS NOT NULL AND year IS NOT NULL AND template IS NOT NULL
    UNION SELECT organ, year FROM reports`).all() as { organ: string; year: number }[];
  archive.db.transaction(() => { for (const k of keys) selectReport(archive.db, k.organ, k.year); }).immediate();
  return keys.length;
}
