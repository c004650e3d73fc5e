// The coverage matrix evaluators ask for first: for every organ and year, was a report found,
// parsed, checked — or is it missing? One row per organ of the registry (whatever names its
// reports print), attributed to the organ's portal; the organs a portal's county is expected to
// have are rows too, so a township that published nothing shows as missing. A page of organs is
// read through the indexes on organs and reports, so its cost does not grow with the archive.
import type { Archive } from './archive.ts';
import { organYearOfTitle } from '../parsers/index.ts';

/**
 * One organ-year cell: `ok` (tables read, checks pass), `checks-failing`, `legacy` (2018 and
 * earlier: text only), `no-figures` (a 2019/2021 report whose tables could not be read),
 * `unparsed` (documents name this organ and year but none parsed as a report), `lookalike` (only
 * documents that look like the report and are not: a notice, half-year statistics), `ocr-pending`
 * (no report yet, but a scan attached to a report page of this organ and year was stored unread by
 * `crawl --ocr-later`: `nianbao reparse --failed ocr_deferred` reads it), `missing`, `not-expected`
 * (a department or unmatched organ, before the first year it was seen).
 */
export type CoverageStatus = 'ok' | 'checks-failing' | 'legacy' | 'no-figures' | 'unparsed' | 'lookalike' | 'ocr-pending' | 'missing' | 'not-expected';

/** One organ's row of the matrix; `reports` maps a year to the report id shown there. */
export interface CoverageRow {
  organId: number;
  organ: string;
  level: string;
  /** The organ's division code (6 or 9 digits), null when unmatched. */
  regionCode: string | null;
  portalId: number | null;
  /** True for an organ known only from the division dataset (nothing of it was seen). */
  expectedOnly: boolean;
  cells: Record<number, CoverageStatus>;
  reports: Record<number, number>;
}

/** Which organs and years the matrix covers. */
export interface CoverageOptions {
  /** Default 2019: the first year of the 2019 条例. Earlier (legacy) years on request. */
  fromYear?: number;
  /** Default: the last complete year (the year before today's, UTC). */
  toYear?: number;
  portalId?: number;
  /** Keeps organs whose division code starts with this (2, 4, 6 or 9 digits). */
  regionPrefix?: string;
  /** A page of organs (in division-code order): at most `limit` from `offset`. */
  limit?: number;
  offset?: number;
}

/** The last complete year: reports on it are due in the first months of this one. */
export function lastCompleteYear(today = new Date()): number {
  return today.getUTCFullYear() - 1;
}

// Written so the indexes on (coalesce(division_code, '~'), name) serve both the filter and the order.
const WHERE = `(:portal IS NULL OR o.portal_id = :portal)
  AND (:region IS NULL OR (coalesce(o.division_code, '~') >= :region AND coalesce(o.division_code, '~') < :region || ':'))`;

/** Builds the organ × year matrix (one page of organs when `limit` is given); `total` counts every organ that matches. */
export function coverageMatrix(archive: Archive, options: CoverageOptions = {}): { years: number[]; rows: CoverageRow[]; total: number } {
  const db = archive.db;
  const fromYear = options.fromYear ?? 2019;
  const toYear = options.toYear ?? lastCompleteYear();
  const years = Array.from({ length: Math.max(0, toYear - fromYear + 1) }, (_, i) => fromYear + i);
  const filter = { portal: options.portalId ?? null, region: options.regionPrefix || null };
  const total = db.prepare(`SELECT count(*) FROM organs o WHERE ${WHERE}`).pluck().get(filter) as number;
  const organs = db.prepare(`SELECT o.id, o.name, o.level, o.division_code, o.portal_id, o.origin FROM organs o WHERE ${WHERE}
    ORDER BY coalesce(o.division_code, '~'), o.name LIMIT :limit OFFSET :offset`)
    .all({ ...filter, limit: options.limit ?? -1, offset: options.offset ?? 0 }) as
    { id: number; name: string; level: string; division_code: string | null; portal_id: number | null; origin: string }[];
  if (organs.length === 0 || years.length === 0) return { years, rows: [], total };
  const ids = JSON.stringify(organs.map((o) => o.id));
  const range = { ids, from: fromYear, to: toYear };
  const reports = db.prepare(`SELECT r.id, r.organ_id, r.year, r.template, r.fields_filled, r.checks_failed FROM reports r
    WHERE r.organ_id IN (SELECT value FROM json_each(:ids)) AND r.year BETWEEN :from AND :to`).all(range) as
    { id: number; organ_id: number; year: number; template: string; fields_filled: number; checks_failed: number }[];
  // Documents naming an organ-year that did not parse as a report: the latest parse of each capture.
  const others = db.prepare(`SELECT a.organ_id, p.year, max(p.reason IS NULL OR p.reason NOT LIKE '%not an annual report%' AND p.reason NOT LIKE '%names a notice%') AS real
    FROM organ_aliases a JOIN parses p ON p.organ = a.name
    WHERE a.organ_id IN (SELECT value FROM json_each(:ids)) AND p.year BETWEEN :from AND :to AND p.template IS NULL
      AND p.id = (SELECT max(id) FROM parses WHERE capture_id = p.capture_id)
    GROUP BY a.organ_id, p.year`).all(range) as { organ_id: number; year: number; real: number }[];
  const firstSeen = new Map((db.prepare(`SELECT a.organ_id, min(p.year) AS year FROM organ_aliases a JOIN parses p ON p.organ = a.name
    WHERE a.organ_id IN (SELECT value FROM json_each(:ids)) AND p.year IS NOT NULL GROUP BY a.organ_id`).all({ ids }) as { organ_id: number; year: number }[])
    .map((r) => [r.organ_id, r.year]));
  const rows = new Map<number, CoverageRow>(organs.map((o) => [o.id, {
    organId: o.id, organ: o.name, level: o.level, regionCode: o.division_code, portalId: o.portal_id, expectedOnly: o.origin === 'expected', cells: {}, reports: {},
  }]));
  for (const u of others) rows.get(u.organ_id)!.cells[u.year] = u.real ? 'unparsed' : 'lookalike';
  for (const p of scansAwaitingOcr(archive, range)) rows.get(p.organ_id)!.cells[p.year] = 'ocr-pending';
  for (const r of reports) {
    const row = rows.get(r.organ_id)!;
    row.cells[r.year] = statusOf(r);
    row.reports[r.year] = r.id;
  }
  for (const row of rows.values()) {
    // A government is expected every year; a department (or an unmatched organ) from the year it was first seen.
    const expectedFrom = row.level === 'department' || row.level === 'other' ? firstSeen.get(row.organId) ?? Infinity : -Infinity;
    for (const year of years) row.cells[year] ??= year < expectedFrom ? 'not-expected' : 'missing';
  }
  return { years, rows: [...rows.values()], total };
}

function statusOf(r: { template: string; fields_filled: number; checks_failed: number }): CoverageStatus {
  if (r.template === 'legacy') return 'legacy';
  if (r.fields_filled === 0) return 'no-figures';
  return r.checks_failed > 0 ? 'checks-failing' : 'ok';
}

/**
 * Organ-years of the scans a crawl --ocr-later stored unread (their latest parse is `ocr_deferred`).
 * The scan itself names nothing until it is read, so its organ and year are those of the report
 * page that links to it (captures.referrer_url), as that page's latest parse read them; a scan
 * linked straight from a list names them in its link's text (the frontier's link_text), read as a
 * title and matched to an organ by a name the archive already knows. Found through the partial
 * index of migration 0007, so the cost is that of the few deferred scans.
 */
function scansAwaitingOcr(archive: Archive, range: { ids: string; from: number; to: number }): { organ_id: number; year: number }[] {
  const fromReportPages = archive.db.prepare(`SELECT DISTINCT a.organ_id, rp.year
    FROM parses sp JOIN captures s ON s.id = sp.capture_id
      JOIN captures rc ON rc.url = s.referrer_url AND rc.label = 'report'
      JOIN parses rp ON rp.capture_id = rc.id
      JOIN organ_aliases a ON a.name = rp.organ
    WHERE sp.reason LIKE 'ocr_deferred:%' AND sp.id = (SELECT max(id) FROM parses WHERE capture_id = sp.capture_id)
      AND rp.id = (SELECT max(id) FROM parses WHERE capture_id = rc.id) AND rp.year BETWEEN :from AND :to
      AND a.organ_id IN (SELECT value FROM json_each(:ids))`).all(range) as { organ_id: number; year: number }[];
  return [...fromReportPages, ...fromLinkTexts(archive, range)];
}

/** Deferred scans with no report page above them, by the title their link's text reads as. */
function fromLinkTexts(archive: Archive, range: { ids: string; from: number; to: number }): { organ_id: number; year: number }[] {
  const linked = archive.db.prepare(`SELECT DISTINCT f.link_text FROM parses sp JOIN captures s ON s.id = sp.capture_id
      JOIN frontier f ON f.portal_id = s.portal_id AND f.url = s.url
    WHERE sp.reason LIKE 'ocr_deferred:%' AND sp.id = (SELECT max(id) FROM parses WHERE capture_id = sp.capture_id)
      AND f.link_text IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM captures rc WHERE rc.url = s.referrer_url AND rc.label = 'report')`).pluck().all() as string[];
  const wanted = new Set(JSON.parse(range.ids) as number[]);
  // An organ expected from a portal's division may have no alias yet: its registered name counts too.
  const organOf = archive.db.prepare('SELECT organ_id FROM organ_aliases WHERE name = :name UNION ALL SELECT id FROM organs WHERE name = :name LIMIT 1').pluck();
  return linked.flatMap((text) => {
    const title = organYearOfTitle(text);
    if (!title?.organ || title.year < range.from || title.year > range.to) return [];
    const organId = organOf.get({ name: title.organ }) as number | undefined;
    return organId !== undefined && wanted.has(organId) ? [{ organ_id: organId, year: title.year }] : [];
  });
}
