// Read-only questions the web pages ask that the rest of storage does not already answer: what to
// offer in the search filters, sums over a region for the charts, which reports a capture feeds,
// how many captures each run made.
import type { Archive } from './archive.ts';

/** A report's region: its own code, else its portal's division code (as searchReports reads it). */
const REGION_OF_REPORT = 'COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id))';

/** The values the search filters can take, from what the archive holds. */
export interface BrowseFacets {
  years: number[];
  templates: string[];
  /** Region code prefixes (6-digit codes and their 4-digit city prefixes) with report counts. */
  regions: { code: string; reports: number }[];
  reports: number;
  organs: number;
  captures: number;
}

/** What the search form offers and the archive's size. */
export function browseFacets(archive: Archive): BrowseFacets {
  const db = archive.db;
  const years = db.prepare('SELECT DISTINCT year FROM reports ORDER BY year DESC').pluck().all() as number[];
  const templates = db.prepare('SELECT DISTINCT template FROM reports WHERE template IS NOT NULL ORDER BY template DESC').pluck().all() as string[];
  const regions = db.prepare(`WITH coded AS (SELECT ${REGION_OF_REPORT} AS code FROM reports r)
    SELECT code, count(*) AS reports FROM (
      SELECT code FROM coded WHERE code IS NOT NULL
      UNION ALL SELECT substr(code, 1, 4) FROM coded WHERE length(code) >= 6)
    GROUP BY code ORDER BY code`).all() as { code: string; reports: number }[];
  const counts = db.prepare('SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(DISTINCT organ) FROM reports) AS organs, (SELECT count(*) FROM captures) AS captures')
    .get() as { reports: number; organs: number; captures: number };
  return { years, templates, regions, ...counts };
}

/** The organs with reports, with how many years each has (for the charts picker). */
export function organsWithReports(archive: Archive): { organ: string; regionCode: string | null; reports: number }[] {
  return archive.db.prepare(`SELECT organ, max(region_code) AS regionCode, count(*) AS reports FROM reports
    GROUP BY organ ORDER BY organ`).all() as { organ: string; regionCode: string | null; reports: number }[];
}

/** One year of a region's figures: the sum of each key over the reports that state it, and how many reports. */
export interface RegionYear {
  year: number;
  reports: number;
  values: Record<string, number | null>;
}

/** Sums of some fields over every report whose region (or portal's division) code starts with `regionPrefix` ('' for every report), by year. */
export function regionSeries(archive: Archive, regionPrefix: string, keys: string[]): RegionYear[] {
  const prefix = `${regionPrefix.replace(/\D/g, '')}%`;
  // An empty prefix is the whole archive, reports of no known region included.
  const rows = archive.db.prepare(`WITH regional AS (SELECT r.id, r.year FROM reports r WHERE :prefix = '%' OR ${REGION_OF_REPORT} LIKE :prefix),
      per_year AS (SELECT year, count(*) AS reports FROM regional GROUP BY year)
    SELECT g.year, f.key, sum(f.value) AS total, count(f.value) AS stated, y.reports
    FROM regional g JOIN per_year y ON y.year = g.year JOIN report_fields f ON f.report_id = g.id
    WHERE f.key IN (SELECT value FROM json_each(:keys))
    GROUP BY g.year, f.key ORDER BY g.year`).all({ prefix, keys: JSON.stringify(keys) }) as { year: number; key: string; total: number | null; stated: number; reports: number }[];
  const byYear = new Map<number, RegionYear>();
  for (const row of rows) {
    const entry = byYear.get(row.year) ?? { year: row.year, reports: row.reports, values: Object.fromEntries(keys.map((k) => [k, null])) };
    entry.values[row.key] = row.stated > 0 ? row.total : null;
    byYear.set(row.year, entry);
  }
  return [...byYear.values()];
}

/** The reports a capture feeds (as chosen source, alternative, or the page linking an attachment). */
export function reportsOfCapture(archive: Archive, captureId: number): { reportId: number; organ: string; year: number; role: string }[] {
  return archive.db.prepare(`SELECT r.id AS reportId, r.organ, r.year, s.role FROM report_sources s JOIN reports r ON r.id = s.report_id
    WHERE s.capture_id = ? ORDER BY r.organ, r.year`).all(captureId) as { reportId: number; organ: string; year: number; role: string }[];
}

/** Per run: captures made, how many failed, how many brought new bytes. */
export function runCaptureCounts(archive: Archive): Map<number, { captures: number; failed: number; portals: number }> {
  const rows = archive.db.prepare(`SELECT run_id AS runId, count(*) AS captures, sum(error IS NOT NULL OR status >= 400) AS failed,
      count(DISTINCT portal_id) AS portals FROM captures WHERE run_id IS NOT NULL GROUP BY run_id`).all() as { runId: number; captures: number; failed: number; portals: number }[];
  return new Map(rows.map((r) => [r.runId, { captures: r.captures, failed: r.failed, portals: r.portals }]));
}

/** The latest capture with a body of an exact URL: what links in an archived page are rewritten to. */
export function capturedUrlId(archive: Archive, url: string): number | undefined {
  return archive.db.prepare('SELECT id FROM captures WHERE url = ? AND sha256 IS NOT NULL ORDER BY id DESC LIMIT 1')
    .pluck().get(url) as number | undefined;
}

/** The full text of the parse a report shows (what FTS indexes; legacy reports have nothing else). */
export function reportText(archive: Archive, reportId: number): string | null {
  return (archive.db.prepare('SELECT p.text FROM reports r JOIN parses p ON p.id = r.parse_id WHERE r.id = ?').pluck().get(reportId) as string | null | undefined) ?? null;
}

/**
 * A number that changes whenever another connection commits to the archive (SQLite's
 * data_version): the key under which the pages cache their slower summaries.
 */
export function archiveDataVersion(archive: Archive): number {
  return archive.db.pragma('data_version', { simple: true }) as number;
}

/** Captures whose referrer is this URL: the attachments and pages archived from it (latest first). */
export function capturesLinkedFrom(archive: Archive, url: string, limit = 200): { id: number; url: string; linkText: string | null; contentType: string | null }[] {
  return archive.db.prepare(`SELECT id, url, link_text AS linkText, content_type AS contentType FROM captures
    WHERE referrer_url = ? ORDER BY id DESC LIMIT ?`).all(url, limit) as { id: number; url: string; linkText: string | null; contentType: string | null }[];
}

/** The text of the latest parse of a capture (what a PDF is shown as: its words, never its viewer). */
export function captureParseText(archive: Archive, captureId: number): { text: string | null; parserVersion: string } | undefined {
  return archive.db.prepare('SELECT text, parser_version AS parserVersion FROM parses WHERE capture_id = ? ORDER BY id DESC LIMIT 1')
    .get(captureId) as { text: string | null; parserVersion: string } | undefined;
}

/** What the archive holds and where it came from: its dataset metadata (sources, when crawled). */
export interface ArchiveMetadata {
  reports: number;
  organs: number;
  captures: number;
  firstFetchedAt: string | null;
  lastFetchedAt: string | null;
  lastRun: { id: number; kind: string; status: string; finishedAt: string | null } | null;
  years: { first: number | null; last: number | null };
  parserVersions: { version: string; reports: number }[];
  sources: { portalId: number | null; name: string | null; url: string | null; divisionCode: string | null; captures: number; reports: number; firstFetchedAt: string | null; lastFetchedAt: string | null }[];
}

/** The archive's metadata, from its tables (no state of its own). */
export function archiveMetadata(archive: Archive): ArchiveMetadata {
  const db = archive.db;
  const totals = db.prepare(`SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(DISTINCT organ) FROM reports) AS organs,
      (SELECT count(*) FROM captures) AS captures, (SELECT min(fetched_at) FROM captures) AS firstFetchedAt, (SELECT max(fetched_at) FROM captures) AS lastFetchedAt,
      (SELECT min(year) FROM reports) AS firstYear, (SELECT max(year) FROM reports) AS lastYear`).get() as Record<string, number | string | null>;
  const lastRun = (db.prepare(`SELECT id, kind, status, finished_at AS finishedAt FROM crawl_runs ORDER BY id DESC LIMIT 1`).get() ?? null) as ArchiveMetadata['lastRun'];
  const parserVersions = db.prepare('SELECT parser_version AS version, count(*) AS reports FROM reports GROUP BY 1 ORDER BY 1').all() as ArchiveMetadata['parserVersions'];
  const sources = db.prepare(`SELECT c.portal_id AS portalId, p.name, p.url, p.division_code AS divisionCode, count(*) AS captures,
      (SELECT count(*) FROM reports r WHERE r.portal_id IS c.portal_id) AS reports, min(c.fetched_at) AS firstFetchedAt, max(c.fetched_at) AS lastFetchedAt
    FROM captures c LEFT JOIN portals p ON p.id = c.portal_id GROUP BY c.portal_id ORDER BY count(*) DESC`).all() as ArchiveMetadata['sources'];
  return {
    reports: totals.reports as number, organs: totals.organs as number, captures: totals.captures as number,
    firstFetchedAt: totals.firstFetchedAt as string | null, lastFetchedAt: totals.lastFetchedAt as string | null, lastRun,
    years: { first: totals.firstYear as number | null, last: totals.lastYear as number | null }, parserVersions, sources,
  };
}
