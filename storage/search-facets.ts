// Facet counts for the search page (Datasette-style): for each facet, the values the matching
// reports take and how many have each, counted with that facet's own filter left out so its other
// values stay visible. Text searches count over the hits searchReports finds (up to FACET_HITS).
import type { Archive } from './archive.ts';
import { searchReports, type SearchOptions } from './search.ts';

/** Text hits facets are counted over at most (a capped count, like the search's own). */
export const FACET_HITS = 5000;

/** One facet value with how many matching reports have it (null: not known). */
export interface FacetCount { value: string | number | null; count: number }

/** Counts per facet. */
export interface SearchFacets { region: FacetCount[]; year: FacetCount[]; template: FacetCount[]; level: FacetCount[]; checks: FacetCount[] }

const REGION_SQL = 'COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id))';
const FACET_SQL: Record<keyof SearchFacets, string> = {
  region: REGION_SQL, year: 'r.year', template: 'r.template',
  level: '(SELECT level FROM portals WHERE id = r.portal_id)',
  checks: "CASE WHEN r.checks_failed > 0 THEN 'fail' ELSE 'pass' END",
};
const FACET_OPTION: Record<keyof SearchFacets, keyof SearchOptions> = { region: 'regionPrefix', year: 'year', template: 'template', level: 'level', checks: 'checks' };

function filters(options: SearchOptions): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (options.organ) { where.push("r.organ LIKE :organ ESCAPE '\\'"); params.organ = `%${options.organ.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
  if (options.regionPrefix) { where.push(`${REGION_SQL} LIKE :region`); params.region = `${options.regionPrefix.replace(/\D/g, '')}%`; }
  if (options.year !== undefined) { where.push('r.year = :year'); params.year = options.year; }
  if (options.template) { where.push('r.template = :template'); params.template = options.template; }
  if (options.level) { where.push(`${FACET_SQL.level} = :level`); params.level = options.level; }
  if (options.checks === 'pass') where.push('r.checks_failed = 0');
  if (options.checks === 'fail') where.push('r.checks_failed > 0');
  return { where, params };
}

/** The facet counts of a search. */
export function searchFacets(archive: Archive, options: SearchOptions = {}): SearchFacets {
  const out = {} as SearchFacets;
  // The text part once, through searchReports itself (whatever index it uses); the filters by SQL over its hits.
  const ids = options.text?.trim()
    ? searchReports(archive, { text: options.text, organ: options.organ, limit: FACET_HITS, offset: 0, noSnippets: true }).hits.map((h) => h.reportId)
    : null;
  for (const facet of Object.keys(FACET_SQL) as (keyof SearchFacets)[]) {
    const without: SearchOptions = { ...options, [FACET_OPTION[facet]]: undefined, text: undefined, ...(ids ? { organ: undefined } : {}) };
    const { where, params } = filters(without);
    if (ids) { where.unshift('r.id IN (SELECT value FROM json_each(:ids))'); params.ids = JSON.stringify(ids); }
    out[facet] = archive.db.prepare(`SELECT ${FACET_SQL[facet]} AS value, count(*) AS count FROM reports r
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200`).all(params) as FacetCount[];
  }
  return out;
}
