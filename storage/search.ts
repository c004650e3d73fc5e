// Finding reports: full text (FTS5 trigram) plus filters on organ, region, year, template, checks.
import type { Archive } from './archive.ts';
import { sentenceSnippet } from './snippets.ts';

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
  /** Skip the snippets (ids and facts only: what facet counts need). */
  noSnippets?: boolean;
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

/** FTS5 query text for a phrase: quoted, so punctuation and operators in user input are literal. */
export function ftsPhrase(text: string): string {
  return text.trim().split(/\s+/).filter(Boolean).map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

/** Searches the reports, best matches first (by rank for text, else by organ and year). */
export function searchReports(archive: Archive, options: SearchOptions = {}): { total: number; hits: SearchHit[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const text = options.text?.trim();
  const useIndex = !!text && [...text.split(/\s+/)].every((word) => [...word].length >= 3);
  let from = 'reports r';
  let snippet = 'NULL';
  let order = 'r.organ, r.year';
  if (text && useIndex) {
    from = 'report_search s JOIN reports r ON r.id = s.rowid';
    where.push('report_search MATCH :match');
    params.match = ftsPhrase(text);
    // The matching sentence is cut from the text (matchSentence): snippet() over trigrams lands on headings.
    snippet = options.noSnippets ? 'NULL' : 's.text';
    order = 's.rank';
  } else if (text) {
    from = 'reports r JOIN report_documents d ON d.report_id = r.id';
    snippet = options.noSnippets ? 'NULL' : 'd.text';
    text.split(/\s+/).forEach((word, i) => {
      where.push(`(d.title LIKE :w${i} ESCAPE '\\' OR d.text LIKE :w${i} ESCAPE '\\')`);
      params[`w${i}`] = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    });
  }
  if (options.organ) { where.push("r.organ LIKE :organ ESCAPE '\\'"); params.organ = `%${options.organ.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
  if (options.regionPrefix) { where.push('COALESCE(r.region_code, (SELECT division_code FROM portals WHERE id = r.portal_id)) LIKE :region'); params.region = `${options.regionPrefix.replace(/\D/g, '')}%`; }
  if (options.year !== undefined) { where.push('r.year = :year'); params.year = options.year; }
  if (options.template) { where.push('r.template = :template'); params.template = options.template; }
  if (options.checks === 'pass') where.push('r.checks_failed = 0');
  if (options.checks === 'fail') where.push('r.checks_failed > 0');
  if (options.level) { where.push('(SELECT level FROM portals WHERE id = r.portal_id) = :level'); params.level = options.level; }
  const sortColumn = options.sort && SEARCH_SORTS[options.sort];
  if (sortColumn) order = `${sortColumn} ${options.desc ? 'DESC' : 'ASC'} NULLS LAST, r.organ, r.year`;
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = archive.db.prepare(`SELECT count(*) FROM ${from} ${whereSql}`).pluck().get(params) as number;
  const hits = archive.db.prepare(`SELECT r.id AS reportId, r.organ, r.year, r.template, ${REGION_SQL} AS regionCode, r.format,
      c.url AS sourceUrl, r.checks_failed AS checksFailed, r.fields_filled AS fieldsFilled, r.title, ${snippet} AS snippet
    FROM ${from} JOIN captures c ON c.id = r.capture_id ${whereSql} ORDER BY ${order} LIMIT :limit OFFSET :offset`)
    .all({ ...params, limit: options.limit ?? 50, offset: options.offset ?? 0 }) as SearchHit[];
  if (text) for (const hit of hits) hit.snippet = options.noSnippets ? null : sentenceSnippet(hit.snippet, text.split(/\s+/));
  return { total, hits };
}
