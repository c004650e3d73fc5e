// The coverage matrix evaluators ask for first: for every organ and year, was a report found,
// parsed, checked — or is it missing?
import type { Archive } from './archive.ts';

/**
 * One organ-year cell: `ok` (tables read, checks pass), `checks-failing`, `legacy` (2018 and
 * earlier: text only), `no-figures` (a 2019/2021 report whose tables could not be read),
 * `unparsed` (documents name this organ and year but none parsed as a report), `missing`.
 */
export type CoverageStatus = 'ok' | 'checks-failing' | 'legacy' | 'no-figures' | 'unparsed' | 'missing';

/** One organ's row of the matrix; `reports` maps a year to the report id shown there. */
export interface CoverageRow {
  organ: string;
  regionCode: string | null;
  portalId: number | null;
  cells: Record<number, CoverageStatus>;
  reports: Record<number, number>;
}

/** Which organs and years the matrix covers; by default every year between the first and the last seen. */
export interface CoverageOptions {
  fromYear?: number;
  toYear?: number;
  portalId?: number;
  /** Keeps organs whose region code (or portal's division code) starts with this. */
  regionPrefix?: string;
}

/** Builds the organ × year matrix. */
export function coverageMatrix(archive: Archive, options: CoverageOptions = {}): { years: number[]; rows: CoverageRow[] } {
  const db = archive.db;
  const reports = db.prepare(`SELECT r.id, r.organ, r.year, r.template, r.fields_filled, r.checks_failed, r.portal_id,
      COALESCE(r.region_code, p.division_code) AS region
    FROM reports r LEFT JOIN portals p ON p.id = r.portal_id`).all() as {
    id: number; organ: string; year: number; template: string; fields_filled: number; checks_failed: number; portal_id: number | null; region: string | null;
  }[];
  const unparsed = db.prepare(`SELECT DISTINCT p.organ, p.year, c.portal_id FROM parses p JOIN captures c ON c.id = p.capture_id
    WHERE p.organ IS NOT NULL AND p.year IS NOT NULL AND p.template IS NULL
      AND p.id = (SELECT MAX(id) FROM parses WHERE capture_id = p.capture_id)`).all() as { organ: string; year: number; portal_id: number | null }[];
  const byOrgan = new Map<string, CoverageRow>();
  const rowFor = (organ: string, portalId: number | null, region: string | null) => {
    let row = byOrgan.get(organ);
    if (!row) byOrgan.set(organ, (row = { organ, regionCode: region, portalId, cells: {}, reports: {} }));
    row.regionCode ??= region;
    row.portalId ??= portalId;
    return row;
  };
  for (const u of unparsed) rowFor(u.organ, u.portal_id, null).cells[u.year] = 'unparsed';
  for (const r of reports) {
    const row = rowFor(r.organ, r.portal_id, r.region);
    row.cells[r.year] = statusOf(r);
    row.reports[r.year] = r.id;
  }
  const seenYears = [...reports.map((r) => r.year), ...unparsed.map((u) => u.year)];
  const fromYear = options.fromYear ?? (seenYears.length ? Math.min(...seenYears) : 0);
  const toYear = options.toYear ?? (seenYears.length ? Math.max(...seenYears) : -1);
  const years = Array.from({ length: Math.max(0, toYear - fromYear + 1) }, (_, i) => fromYear + i);
  const rows = [...byOrgan.values()]
    .filter((row) => options.portalId === undefined || row.portalId === options.portalId)
    .filter((row) => !options.regionPrefix || (row.regionCode ?? '').startsWith(options.regionPrefix))
    .sort((a, b) => (a.regionCode ?? '').localeCompare(b.regionCode ?? '') || a.organ.localeCompare(b.organ, 'zh'));
  for (const row of rows) for (const year of years) row.cells[year] ??= 'missing';
  for (const row of rows) for (const year of Object.keys(row.cells).map(Number)) if (!years.includes(year)) delete row.cells[year];
  return { years, rows };
}

function statusOf(r: { template: string; fields_filled: number; checks_failed: number }): CoverageStatus {
  if (r.template === 'legacy') return 'legacy';
  if (r.fields_filled === 0) return 'no-figures';
  return r.checks_failed > 0 ? 'checks-failing' : 'ok';
}
