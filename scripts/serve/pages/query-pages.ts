// Questions as tables: the named queries (/queries, /queries/NAME?param=…), one field across
// reports (/field/KEY), and the read-only SQL box (/sql: a form, run by POST with the server's token,
// refusing anything that writes). Each result is sortable and paged, and CSV / JSON at the same URL
// with .csv / .json (the SQL box: its CSV and JSON buttons).
import { FIELD_SPECS } from '../../../parsers/index.ts';
import { NAMED_QUERIES, parseParamValue, QueryError, runNamedQuery, runReadOnlyQuery, type Archive, type ParamValue, type QueryResult } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { choiceParam, textParam } from '../params.ts';
import { BadRequest, htmlReply, NotFound, type Reply } from '../reply.ts';
import { dataReply, formatLinks, pageParams, sortParam, sortRows, viewPager, viewTable, type ViewColumn, type ViewFormat } from '../table-view.ts';

/** Rows read from one query at most: a view sorts and pages in memory; bigger answers are for `nianbao query`. */
const MAX_ROWS = 100_000;
/** Rows the SQL box shows or returns. */
const SQL_MAX_ROWS = 1000;

type Row = unknown[];

function readRows(result: QueryResult, max: number): { rows: Row[]; truncated: boolean } {
  const rows: Row[] = [];
  for (const row of result.rows) {
    if (rows.length === max) return { rows, truncated: true };
    rows.push(row);
  }
  return { rows, truncated: false };
}

function resultColumns(result: QueryResult, links = true): ViewColumn<Row>[] {
  return result.columns.map((name, i): ViewColumn<Row> => ({
    key: name, label: name,
    value: (row) => { const v = row[i]; return v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? `[${v.byteLength} bytes]` : String(v); },
    numeric: false,
    cell: links && name === 'report_id' ? (row) => (row[i] === null ? '—' : html`<a href="/report/${String(row[i])}">${String(row[i])}</a>`) : undefined,
  }));
}

function resultView(path: string, search: URLSearchParams, format: ViewFormat, name: string, title: string, intro: SafeHtml, result: QueryResult): Reply {
  const { rows, truncated } = readRows(result, MAX_ROWS);
  const columns = resultColumns(result);
  for (const [i, column] of columns.entries()) column.numeric = rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number');
  const sort = sortParam(search, columns.map((c) => c.key));
  const sorted = sortRows(rows, columns, sort);
  const { page, size } = pageParams(search, 100);
  const shown = sorted.slice((page - 1) * size, page * size);
  if (format !== 'html') return dataReply(format, name, columns, shown, { total: rows.length, truncated, page, page_size: size });
  const content = html`<h1>${title}</h1>${intro}
<p class="count" id="result-count">${rows.length}${truncated ? '+' : ''} rows${truncated ? ` (the first ${MAX_ROWS}; use nianbao query for all)` : ''}</p>
${formatLinks(path, search)}
${rows.length ? viewTable(path, search, columns, shown, sort, { id: 'query-result' }) : html`<p class="empty">No rows.</p>`}
${viewPager(path, search, page, size, rows.length)}`;
  return htmlReply(pageLayout(title, '/queries', content));
}

function queryFailed(error: unknown): never {
  if (error instanceof QueryError) throw new BadRequest(error.message);
  throw error;
}

/** `/queries`: every named query with a form for its parameters. */
export function queriesPage(): Reply {
  const items = NAMED_QUERIES.map((q) => html`<section class="named-query" id="q-${q.name}"><h2><a href="/queries/${q.name}">${q.name}</a></h2><p>${q.summary}</p>
<form class="search" method="get" action="/queries/${q.name}">${q.params.map((p) => html`<label>${p.name}${p.required ? ' *' : ''} <input name="${p.name}" title="${p.help}" placeholder="${p.help}"${p.required ? html` required` : ''}></label>`)}<button type="submit">Run</button></form></section>`);
  return htmlReply(pageLayout('Queries', '/queries', html`<h1>Named queries 常用查询</h1>
<p>The questions of <code>nianbao query --named</code>, as pages. Or write your own in the <a href="/sql">SQL box</a>. One figure across every report: <a href="/field">fields</a>.</p>${items}`));
}

/** `/queries/NAME` (and .csv / .json): a named query with its parameters from the URL. */
export function namedQueryView(archive: Archive, name: string, search: URLSearchParams, format: ViewFormat): Reply {
  const query = NAMED_QUERIES.find((q) => q.name === name);
  if (!query) throw new NotFound(`no named query '${name}' (known: ${NAMED_QUERIES.map((q) => q.name).join(', ')})`);
  const params: Record<string, ParamValue> = {};
  let result: QueryResult;
  try {
    for (const p of query.params) { const v = textParam(search, p.name); if (v !== undefined) params[p.name] = parseParamValue(v, p.type); }
    result = runNamedQuery(archive, name, params);
  } catch (error) { queryFailed(error); }
  const given = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
  return resultView(`/queries/${name}`, search, format, name, `${name}${given ? ` (${given})` : ''}`, html`<p>${query.summary}. <a href="/queries#q-${name}">Change the parameters</a></p>`, result!);
}

/** `/field`: the field keys, each a link to its values across reports. */
export function fieldsPage(): Reply {
  const rows = FIELD_SPECS.map((f) => html`<tr><td><a href="/field/${f.key}">${f.key}</a></td><td>${f.template}</td><td>${f.table}</td><td>${f.rowLabel}</td><td>${f.columnLabel}</td><td>${f.unit}</td></tr>`);
  return htmlReply(pageLayout('Fields', '/queries', html`<h1>Fields 字段</h1><p>Pick a figure to see it across every report.</p>
<table class="view"><thead><tr><th>Key</th><th>Template</th><th>Table</th><th>Row</th><th>Column</th><th>Unit</th></tr></thead><tbody>${rows}</tbody></table>`));
}

/** `/field/KEY` (and .csv / .json): one figure across reports, value and raw string. */
export function fieldView(archive: Archive, key: string, search: URLSearchParams, format: ViewFormat): Reply {
  const spec = FIELD_SPECS.find((f) => f.key === key);
  if (!spec) throw new NotFound(`'${key}' is not a field key (see /field)`);
  const year = textParam(search, 'year', 4);
  let result: QueryResult;
  try { result = runNamedQuery(archive, 'field', { key, ...(year ? { year: parseParamValue(year, 'int') } : {}) }); } catch (error) { queryFailed(error); }
  const intro = html`<p>${spec.rowLabel} · ${spec.columnLabel} (${spec.table}, ${spec.unit === 'count' ? 'a count' : '万元'}). <code>value</code> is empty where nothing was read; <code>raw</code> is what was printed.</p>`;
  return resultView(`/field/${key}`, search, format, `field-${key}`, `${key}`, intro, result!);
}

const EXAMPLE_SQL = `SELECT organ, year, fields_filled, checks_failed
FROM reports
ORDER BY checks_failed DESC
LIMIT 20`;

function sqlForm(token: string, sql: string): SafeHtml {
  return html`<form class="sql" method="post" action="/sql"><input type="hidden" name="token" value="${token}">
<label for="f-sql">SQL (one statement that only reads; at most ${SQL_MAX_ROWS} rows)</label>
<textarea name="sql" id="f-sql" rows="8" cols="90" spellcheck="false">${sql}</textarea>
<p><button type="submit" name="_format" value="html">Run</button> <button type="submit" name="_format" value="csv">CSV</button> <button type="submit" name="_format" value="json">JSON</button></p></form>`;
}

/** `/sql` GET: the empty box. */
export function sqlPage(token: string): Reply {
  return htmlReply(pageLayout('SQL', '/sql', html`<h1>SQL 查询</h1>
<p>Read-only SQL over the archive (tables: <code>reports</code>, <code>report_fields</code>, <code>report_checks</code>, <code>reports_wide</code>, <code>captures</code>, <code>portals</code>, <code>crawl_runs</code>…). Statements that write, ATTACH or several statements at once are refused; the connection itself is read-only.</p>
${sqlForm(token, EXAMPLE_SQL)}`));
}

/** `/sql` POST (with the token): runs the statement; the page, or its rows as CSV / JSON. */
export function sqlRun(archive: Archive, token: string, form: URLSearchParams): Reply {
  const sql = (form.get('sql') ?? '').slice(0, 20_000);
  const format = choiceParam(form, '_format', ['html', 'csv', 'json']) ?? 'html';
  if (!sql.trim()) throw new BadRequest('the SQL box is empty');
  let result: QueryResult;
  try {
    result = runReadOnlyQuery(archive, sql);
    const { rows, truncated } = readRows(result, SQL_MAX_ROWS);
    const columns = resultColumns(result);
    if (format !== 'html') return dataReply(format, 'sql', columns, rows, { total: rows.length, truncated, sql });
    return htmlReply(pageLayout('SQL', '/sql', html`<h1>SQL 查询</h1>${sqlForm(token, sql)}
<p class="count" id="result-count">${rows.length}${truncated ? '+' : ''} rows${truncated ? ` (the first ${SQL_MAX_ROWS})` : ''}</p>
${viewTable('/sql', new URLSearchParams(), columns.map((c) => ({ ...c, sortable: false })), rows, undefined, { id: 'query-result' })}`));
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return htmlReply(pageLayout('SQL refused', '/sql', html`<h1>SQL 查询</h1>${sqlForm(token, sql)}<p class="error" id="sql-error">Refused: ${error.message}</p>`), 400);
  }
}
