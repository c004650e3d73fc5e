// Finding reports: full text (FTS5 trigram) plus filters on organ, region, year, template, checks.
import type { Archive } from './archive.ts';

/** Filters for searchReports; all optional and combined with AND. */
export interface SearchOptions {
  /** Words in the title or text. Three characters or more use the trigram index; shorter ones scan. */
  text?: string;
  /** A part of the organ's name. */
  organ?: string;
  /** Region code prefix ('4107' for 新乡市); the portal's division code when the report names none. */
  regionPrefix?: string;
  year?: number;
  template?: string;
  /** 'pass': no failing check; 'fail': at least one. */
  checks?: 'pass' | 'fail';
  /** The portal's level (province, city, county, district, township, department). */
  level?: string;
  /** A column of SEARCH_SORTS to order by (else rank for text, organ and year otherwise). */
  sort?: SearchSort;
  desc?: boolean;
  limit?: number;
  offset?: number;
}

/** The columns a search can be sorted by, and the SQL each sorts on (ties broken by organ, year). */
export const SEARCH_SORTS = {
  organ: 'r.organ', year: 'r.year', template: 'r.template', region: REGION_SQL(), format: 'r.format', source: 'c.url',
  checks: 'r.checks_failed', fields: 'r.fields_filled', confidence: 'r.confidence', published: 'r.published_date',
} as const;
export type SearchSort = keyof typeof SEARCH_SORTS;

function REGION_SQL(): string {
  return 'COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id))';
}

/** One facet's values with how many matching reports have each (null: not known). */
export interface FacetCount { value: string | number | null; count: number }

/** The facets of a search: counts over the reports it matches, each facet ignoring its own filter. */
export interface SearchFacets {
  region: FacetCount[];
  year: FacetCount[];
  template: FacetCount[];
  level: FacetCount[];
  checks: FacetCount[];
}

/** One hit: the report's facts, the URL of its chosen source and a snippet around the match. */
export interface SearchHit {
  reportId: number;
  organ: string;
  year: number;
  template: string | null;
  regionCode: string | null;
  format: string | null;
  sourceUrl: string;
  checksFailed: number;
  fieldsFilled: number;
  title: string | null;
  snippet: string | null;
}

/** FTS5 query text for a phrase: quoted, so punctuation and operators in user input are literal. */
export function ftsPhrase(text: string): string {
  return text.trim().split(/\s+/).filter(Boolean).map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

interface SearchSql { from: string; where: string[]; params: Record<string, unknown>; snippet: string; rankOrder: string | null }

function searchSql(options: SearchOptions, skip?: keyof SearchFacets): SearchSql {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const text = options.text?.trim();
  const useIndex = !!text && [...text.split(/\s+/)].every((word) => [...word].length >= 3);
  let from = 'reports r';
  let snippet = 'NULL';
  let rankOrder: string | null = null;
  if (text && useIndex) {
    from = 'report_search s JOIN reports r ON r.id = s.rowid';
    where.push('report_search MATCH :match');
    params.match = ftsPhrase(text);
    // The sentence holding the match is cut from the text in JS (matchSentence): FTS5's snippet() over
    // trigrams picks windows by token count, which on Chinese text tends to land on the same heading.
    snippet = 's.text';
    rankOrder = 's.rank';
  } else if (text) {
    from = 'reports r JOIN report_documents d ON d.report_id = r.id';
    text.split(/\s+/).forEach((word, i) => {
      where.push(`(d.title LIKE :w${i} ESCAPE '\\' OR d.text LIKE :w${i} ESCAPE '\\')`);
      params[`w${i}`] = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    });
    snippet = 'd.text';
  }
  if (options.organ) { where.push("r.organ LIKE :organ ESCAPE '\\'"); params.organ = `%${options.organ.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
  if (options.regionPrefix && skip !== 'region') { where.push(`${REGION_SQL()} LIKE :region`); params.region = `${options.regionPrefix.replace(/\D/g, '')}%`; }
  if (options.year !== undefined && skip !== 'year') { where.push('r.year = :year'); params.year = options.year; }
  if (options.template && skip !== 'template') { where.push('r.template = :template'); params.template = options.template; }
  if (options.level && skip !== 'level') { where.push('(SELECT level FROM portals WHERE id = r.portal_id) = :level'); params.level = options.level; }
  if (options.checks === 'pass' && skip !== 'checks') where.push('r.checks_failed = 0');
  if (options.checks === 'fail' && skip !== 'checks') where.push('r.checks_failed > 0');
  return { from, where, params, snippet, rankOrder };
}

const whereOf = (sql: SearchSql) => (sql.where.length ? `WHERE ${sql.where.join(' AND ')}` : '');

/** Searches the reports, best matches first (by rank for text, else by organ and year), or by the sort asked for. */
export function searchReports(archive: Archive, options: SearchOptions = {}): { total: number; hits: SearchHit[] } {
  const sql = searchSql(options);
  const whereSql = whereOf(sql);
  const sortColumn = options.sort && SEARCH_SORTS[options.sort];
  const direction = options.desc ? 'DESC' : 'ASC';
  const order = sortColumn ? `${sortColumn} ${direction} NULLS LAST, r.organ, r.year` : sql.rankOrder ?? 'r.organ, r.year';
  const total = archive.db.prepare(`SELECT count(*) FROM ${sql.from} ${whereSql}`).pluck().get(sql.params) as number;
  const hits = archive.db.prepare(`SELECT r.id AS reportId, r.organ, r.year, r.template, ${REGION_SQL()} AS regionCode, r.format,
      c.url AS sourceUrl, r.checks_failed AS checksFailed, r.fields_filled AS fieldsFilled, r.title, ${sql.snippet} AS snippet
    FROM ${sql.from} JOIN captures c ON c.id = r.capture_id ${whereSql} ORDER BY ${order} LIMIT :limit OFFSET :offset`)
    .all({ ...sql.params, limit: options.limit ?? 50, offset: options.offset ?? 0 }) as SearchHit[];
  if (sql.snippet !== 'NULL') {
    const words = options.text!.trim().split(/\s+/);
    for (const hit of hits) hit.snippet = words.map((word) => matchSentence(hit.snippet, word)).find((s) => s !== null) ?? null;
  }
  return { total, hits };
}

/** The sentence of `text` holding `word`, with the word marked [like this] (as FTS snippets are). */
export function matchSentence(text: string | null, word: string): string | null {
  if (!text || !word) return null;
  const at = text.toLowerCase().indexOf(word.toLowerCase());
  if (at < 0) return null;
  const matched = text.slice(at, at + word.length);
  const before = text.slice(Math.max(0, at - 80), at);
  const after = text.slice(at + word.length, at + word.length + 80);
  const start = Math.max(...['。', '；', '\n', '！', '？'].map((mark) => before.lastIndexOf(mark))) + 1;
  const ends = ['。', '；', '\n', '！', '？'].map((mark) => after.indexOf(mark)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : after.length;
  const head = before.slice(start).trimStart();
  return `${start === 0 && at > 80 ? '…' : ''}${head}[${matched}]${after.slice(0, end).trimEnd()}${ends.length ? '' : '…'}`;
}

/** Counts for each facet over the reports the search matches (a facet's own filter left out, so its other values show). */
export function searchFacets(archive: Archive, options: SearchOptions = {}): SearchFacets {
  const count = (facet: keyof SearchFacets, valueSql: string): FacetCount[] => {
    const sql = searchSql(options, facet);
    return archive.db.prepare(`SELECT ${valueSql} AS value, count(*) AS count FROM ${sql.from} ${whereOf(sql)}
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200`).all(sql.params) as FacetCount[];
  };
  return {
    region: count('region', REGION_SQL()),
    year: count('year', 'r.year'),
    template: count('template', 'r.template'),
    level: count('level', '(SELECT level FROM portals WHERE id = r.portal_id)'),
    checks: count('checks', "CASE WHEN r.checks_failed > 0 THEN 'fail' ELSE 'pass' END"),
  };
}
