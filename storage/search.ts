// Finding reports: full text (two FTS5 indexes, storage/search-index.ts) plus filters on organ,
// region, year, template, checks. Text hits come newest report first, straight from the index with
// a LIMIT, and are counted only up to SEARCH_COUNT_CAP ("1,000+"); ranking by relevance is on request.
import type { Archive } from './archive.ts';
import { sentenceSnippet } from './snippets.ts';
import { charFacet, trigramFacet } from './search-index.ts';
import { cached } from './statements.ts';

/** Text searches count their hits up to this many; beyond it the total is "1,000+". */
export const SEARCH_COUNT_CAP = 1000;

/** Filters for searchReports; all optional and combined with AND. */
export interface SearchOptions {
  /** Words in the title or text (all of them, each as a phrase). */
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
  /** Skip the snippets (ids and facts only: what facet counts need). */
  noSnippets?: boolean;
  /** Text hits: 'recent' (default, newest report first, from the index) or 'rank' (bm25; ranks every hit). */
  order?: 'recent' | 'rank';
  /** Text hits are counted up to this many (default SEARCH_COUNT_CAP). */
  countCap?: number;
  limit?: number;
  offset?: number;
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

/** The report's region: its own code, else its portal's division code. */
const REGION_SQL = 'COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id))';

/** The columns a search can be sorted by, and the SQL each sorts on (ties broken by organ, year). */
export const SEARCH_SORTS = {
  organ: 'r.organ', year: 'r.year', template: 'r.template', region: REGION_SQL, format: 'r.format', source: 'c.url',
  checks: 'r.checks_failed', fields: 'r.fields_filled', confidence: 'r.confidence', published: 'r.published_date',
} as const;
export type SearchSort = keyof typeof SEARCH_SORTS;

/** What searchReports found: `total` is exact unless `totalCapped` (then "at least `total`"). */
export interface SearchResult {
  total: number;
  totalCapped: boolean;
  hits: SearchHit[];
}

/** FTS5 query text for a phrase: quoted, so punctuation and operators in user input are literal. */
export function ftsPhrase(text: string): string {
  return text.trim().split(/\s+/).filter(Boolean).map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

/** The index and MATCH expression for the words and the filters the index holds. */
function indexQuery(words: string[], year: number | undefined, region: string | null): { table: string; match: string } {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  // Every word of 3+ characters: the trigram index. Otherwise every word as a phrase of characters.
  const trigram = words.every((word) => Array.from(word).length >= 3);
  const phrases = words.map((word) => quote(trigram ? word : Array.from(word).join(' ')));
  const parts = [`{title text} : (${phrases.join(' ')})`];
  if (trigram) {
    if (year !== undefined) parts.push(`facets : ${quote(trigramFacet('year', String(year)))}`);
    if (region) parts.push(`facets : ${quote(trigramFacet('region', region))}`);
  } else {
    if (year !== undefined) parts.push(`facets : ${quote(charFacet('year', String(year)))}`);
    if (region) parts.push(`facets : ${quote(charFacet('region', region))}*`);
  }
  return { table: trigram ? 'report_search' : 'report_chars', match: parts.join(' AND ') };
}

/** Searches the reports: text hits newest first (or by rank on request), else by organ and year. */
export function searchReports(archive: Archive, options: SearchOptions = {}): SearchResult {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const words = (options.text ?? '').trim().split(/\s+/).filter(Boolean);
  const region = options.regionPrefix !== undefined ? options.regionPrefix.replace(/\D/g, '') : undefined;
  // A region of 2+ digits filters in the index ("R4" is too short for a trigram).
  const regionInIndex = words.length > 0 && region !== undefined && region.length >= 2;
  let from = 'reports r';
  let order = 'r.organ, r.year';
  let table: string | null = null;
  if (words.length > 0) {
    const query = indexQuery(words, options.year, regionInIndex ? region! : null);
    table = query.table;
    from = `${table} s JOIN reports r ON r.id = s.rowid`;
    where.push(`${table} MATCH :match`);
    params.match = query.match;
    order = options.order === 'rank' ? 's.rank' : 's.rowid DESC';
  } else if (options.year !== undefined) {
    where.push('r.year = :year');
    params.year = options.year;
  }
  if (options.organ) { where.push("r.organ LIKE :organ ESCAPE '\\'"); params.organ = `%${options.organ.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
  if (region !== undefined && !regionInIndex) {
    where.push('COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id)) LIKE :region');
    params.region = `${region}%`;
  }
  if (options.template) { where.push('r.template = :template'); params.template = options.template; }
  if (options.checks === 'pass') where.push('r.checks_failed = 0');
  if (options.checks === 'fail') where.push('r.checks_failed > 0');
  if (options.level) { where.push('(SELECT level FROM portals WHERE id = r.portal_id) = :level'); params.level = options.level; }
  const sortColumn = options.sort && SEARCH_SORTS[options.sort];
  if (sortColumn) order = `${sortColumn} ${options.desc ? 'DESC' : 'ASC'} NULLS LAST, r.organ, r.year`;
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  let total: number;
  let totalCapped = false;
  if (table) {
    const cap = Math.max(1, Math.floor(options.countCap ?? SEARCH_COUNT_CAP));
    const counted = cached(archive.db, `SELECT count(*) FROM (SELECT 1 FROM ${from} ${whereSql} LIMIT :cap)`).pluck().get({ ...params, cap: cap + 1 }) as number;
    totalCapped = counted > cap;
    total = Math.min(counted, cap);
  } else {
    total = cached(archive.db, `SELECT count(*) FROM ${from} ${whereSql}`).pluck().get(params) as number;
  }
  const hits = cached(archive.db, `SELECT r.id AS reportId, r.organ, r.year, r.template, ${REGION_SQL} AS regionCode, r.format,
      c.url AS sourceUrl, r.checks_failed AS checksFailed, r.fields_filled AS fieldsFilled, r.title, NULL AS snippet
    FROM ${from} JOIN captures c ON c.id = r.capture_id ${whereSql} ORDER BY ${order} LIMIT :limit OFFSET :offset`)
    .all({ ...params, limit: options.limit ?? 50, offset: options.offset ?? 0 }) as SearchHit[];
  if (words.length > 0 && !options.noSnippets) addSnippets(archive, hits, words);
  return { total, totalCapped, hits };
}

/**
 * The sentence holding the first word found, the word marked [like this] (storage/snippets.ts): a
 * window around the first occurrence would show the same section heading for every report.
 */
function addSnippets(archive: Archive, hits: SearchHit[], words: string[]): void {
  const textOf = cached(archive.db, 'SELECT t.text FROM reports r JOIN parse_texts t ON t.parse_id = r.parse_id WHERE r.id = ?').pluck();
  for (const hit of hits) hit.snippet = sentenceSnippet((textOf.get(hit.reportId) as string | undefined) ?? null, words);
}
