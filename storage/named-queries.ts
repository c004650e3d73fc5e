// Named queries for the common questions, so nobody has to know the schema to ask them:
// `nianbao query --named <name> --param …`. Each gives columns and rows like a SQL query.
import type { Archive } from './archive.ts';
import { coverageMatrix } from './coverage.ts';
import { parseParamValue, runReadOnlyQuery, QueryError, type ParamType, type ParamValue, type QueryResult } from './query.ts';
import { searchReports } from './search.ts';
import { quoteIdentifier } from './wide-columns.ts';
import { FIELD_SPECS } from '../parsers/index.ts';

/** A question with a name, the parameters it takes and how to answer it. */
export interface NamedQuery {
  name: string;
  summary: string;
  /** A parameter's type (text unless said): a text value given for an int one is converted, or refused. */
  params: { name: string; help: string; required?: boolean; type?: ParamType }[];
  run(archive: Archive, params: Record<string, ParamValue>): QueryResult;
}

const REPORT_COLUMNS = `r.id AS report_id, r.organ, r.year, r.template, r.region_code, r.published_date, r.format,
  r.fields_filled, r.checks_failed, r.confidence, c.url AS source_url`;

function sqlQuery(name: string, summary: string, params: NamedQuery['params'], sql: string): NamedQuery {
  return {
    name, summary, params,
    run: (archive, given) => runReadOnlyQuery(archive, sql, Object.fromEntries(params.map((p) => [p.name, given[p.name] ?? null]))),
  };
}

/** Every named query, in the order `nianbao query --help` lists them. */
export const NAMED_QUERIES: NamedQuery[] = [
  {
    name: 'coverage',
    summary: 'organ × year matrix, one row per organ: ok, checks-failing, legacy, no-figures, unparsed, lookalike, ocr-pending, missing, not-expected',
    params: [
      { name: 'from', help: 'first year (default 2019; earlier for legacy reports)', type: 'int' },
      { name: 'to', help: 'last year (default: the last complete year)', type: 'int' },
      { name: 'portal', help: 'portal id', type: 'int' },
      { name: 'region', help: 'division code prefix (2, 4, 6 or 9 digits)' },
    ],
    run: (archive, p) => {
      const { years, rows } = coverageMatrix(archive, {
        fromYear: optionalNumber(p.from), toYear: optionalNumber(p.to), portalId: optionalNumber(p.portal),
        regionPrefix: p.region === undefined ? undefined : String(p.region),
      });
      return {
        columns: ['organ_id', 'organ', 'level', 'region_code', 'portal_id', ...years.map(String)],
        rows: rows.map((row) => [row.organId, row.organ, row.level, row.regionCode, row.portalId, ...years.map((y) => row.cells[y])]),
      };
    },
  },
  sqlQuery('by-organ', 'reports of organs whose name contains :organ, by year', [{ name: 'organ', help: 'part of the organ name', required: true }],
    `SELECT ${REPORT_COLUMNS} FROM reports r JOIN captures c ON c.id = r.capture_id
     WHERE r.organ LIKE '%' || :organ || '%' ORDER BY r.organ, r.year`),
  sqlQuery('by-region', 'reports of organs whose division code starts with :region (2, 4, 6 or 9 digits)', [{ name: 'region', help: 'division code prefix, e.g. 4107', required: true }],
    `SELECT ${REPORT_COLUMNS} FROM reports r JOIN captures c ON c.id = r.capture_id LEFT JOIN organs o ON o.id = r.organ_id
     WHERE substr(coalesce(o.division_code, r.region_code), 1, length(:region)) = :region ORDER BY r.region_code, r.organ, r.year`),
  sqlQuery('by-year', 'reports on year :year', [{ name: 'year', help: 'the year the statistics cover', required: true, type: 'int' }],
    `SELECT ${REPORT_COLUMNS} FROM reports r JOIN captures c ON c.id = r.capture_id WHERE r.year = :year ORDER BY r.region_code, r.organ`),
  sqlQuery('failing-checks', 'every failing check, with whom to blame (source or parse)', [
    { name: 'rule', help: 'only this rule, e.g. apps.balance' },
    { name: 'blame', help: 'source | parse' },
    { name: 'year', help: 'only this year', type: 'int' },
  ], `SELECT r.id AS report_id, r.organ, r.year, k.rule, k.blame, k.detail, c.url AS source_url
      FROM report_checks k JOIN reports r ON r.id = k.report_id JOIN captures c ON c.id = r.capture_id
      WHERE k.ok = 0 AND (:rule IS NULL OR k.rule = :rule) AND (:blame IS NULL OR k.blame = :blame) AND (:year IS NULL OR r.year = :year)
      ORDER BY r.organ, r.year, k.seq`),
  {
    name: 'field',
    summary: 'one figure across reports: value and raw string',
    params: [
      { name: 'key', help: 'a field key from fields.tsv, e.g. apps.new.total', required: true },
      { name: 'year', help: 'only this year', type: 'int' },
    ],
    run: (archive, p) => {
      const key = String(p.key);
      if (!FIELD_SPECS.some((f) => f.key === key)) throw new QueryError(`'${key}' is not a field key of fields.tsv`);
      // The wide table has a column per key (fast at any size); the long table adds the raw string by primary key.
      return runReadOnlyQuery(archive, `SELECT w.report_id, w.organ, w.year, w.${quoteIdentifier(key)} AS value, f.raw
        FROM reports_wide w LEFT JOIN report_fields f ON f.report_id = w.report_id AND f.key = :key
        WHERE w.template IN ('2019', '2021') AND (:year IS NULL OR w.year = :year) ORDER BY w.organ, w.year`, { key, year: p.year ?? null });
    },
  },
  sqlQuery('portals', 'portals with their reports, captures, last crawl and block status', [],
    `SELECT p.id AS portal_id, p.name, p.url, p.division_code, p.enabled, p.needs_browser, p.blocked_reason, p.last_crawl_at,
       (SELECT count(*) FROM reports WHERE portal_id = p.id) AS reports,
       (SELECT count(*) FROM captures WHERE portal_id = p.id) AS captures
     FROM portals p ORDER BY p.id`),
  sqlQuery('runs', 'crawl runs, newest first', [],
    `SELECT id AS run_id, kind, started_at, finished_at, status, summary FROM crawl_runs ORDER BY id DESC`),
  {
    name: 'search',
    summary: 'full-text search of report titles and text for :q (the newest 1,000 hits)',
    params: [{ name: 'q', help: 'words to find, each a phrase (any length)', required: true }],
    run: (archive, p) => {
      const { hits } = searchReports(archive, { text: String(p.q), limit: 1000 });
      return {
        columns: ['report_id', 'organ', 'year', 'template', 'checks_failed', 'source_url', 'snippet'],
        rows: hits.map((h) => [h.reportId, h.organ, h.year, h.template, h.checksFailed, h.sourceUrl, h.snippet]),
      };
    },
  },
];

function optionalNumber(value: ParamValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new QueryError(`expected a number, got '${value}'`);
  return n;
}

/** Runs a named query after checking its parameters. */
export function runNamedQuery(archive: Archive, name: string, params: Record<string, ParamValue>): QueryResult {
  const query = NAMED_QUERIES.find((q) => q.name === name);
  if (!query) throw new QueryError(`no named query '${name}' (known: ${NAMED_QUERIES.map((q) => q.name).join(', ')})`);
  const unknown = Object.keys(params).filter((key) => !query.params.some((p) => p.name === key));
  if (unknown.length) throw new QueryError(`${name} takes no parameter ${unknown.join(', ')}`);
  const missing = query.params.filter((p) => p.required && params[p.name] === undefined);
  if (missing.length) throw new QueryError(`${name} needs ${missing.map((p) => `--param ${p.name}=…`).join(', ')}`);
  const typed = Object.fromEntries(Object.entries(params).map(([key, value]) => {
    const type = query.params.find((p) => p.name === key)?.type ?? 'text';
    if (type === 'text') return [key, String(value)];
    try {
      return [key, typeof value === 'string' ? parseParamValue(value, type) : type === 'int' ? BigInt(value) : Number(value)];
    } catch (error) {
      throw new QueryError(`${name} --param ${key}: ${(error as QueryError).message}`);
    }
  }));
  return query.run(archive, typed);
}
