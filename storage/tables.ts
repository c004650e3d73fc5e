// The archive's tables as sqlite-utils shows them: `tables` (with row counts), `schema` (the
// CREATE statements) and `rows TABLE` (a table's rows), for `nianbao tables|schema|rows`.
import type { Archive } from './archive.ts';
import { QueryError, type QueryResult } from './query.ts';
import { quoteIdentifier } from './wide-columns.ts';

interface MasterRow { name: string; type: string; sql: string | null }

function objects(archive: Archive, withViews: boolean): MasterRow[] {
  return archive.db.prepare(`SELECT name, type, sql FROM sqlite_master
    WHERE type IN ('table', ${withViews ? "'view'" : "''"}) AND name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as MasterRow[];
}

/** Tables (and views with `views`), with their row counts when `counts` is set. */
export function listTables(archive: Archive, options: { counts?: boolean; views?: boolean } = {}): QueryResult {
  const rows = objects(archive, options.views ?? false).map((o) => {
    const row: unknown[] = [o.name, o.type];
    if (options.counts) row.push(archive.db.prepare(`SELECT count(*) FROM ${quoteIdentifier(o.name)}`).pluck().get());
    return row;
  });
  return { columns: ['table', 'type', ...(options.counts ? ['count'] : [])], rows };
}

/** The CREATE statements of every table, view and index, or of the named tables and their indexes. */
export function schemaSql(archive: Archive, tables: string[] = []): string {
  const all = archive.db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
    .all() as { name: string; tbl_name: string; sql: string }[];
  for (const table of tables) if (!all.some((o) => o.name === table)) throw new QueryError(noSuchTable(table));
  return all.filter((o) => tables.length === 0 || tables.includes(o.tbl_name)).map((o) => `${o.sql};`).join('\n');
}

/** The rows of one table or view, in storage order, `limit` at most after `offset`. */
export function tableRows(archive: Archive, table: string, options: { limit?: number; offset?: number } = {}): QueryResult {
  if (!objects(archive, true).some((o) => o.name === table)) throw new QueryError(noSuchTable(table));
  const statement = archive.db.prepare(`SELECT * FROM ${quoteIdentifier(table)} LIMIT ? OFFSET ?`).raw(true);
  return { columns: statement.columns().map((c) => c.name), rows: statement.iterate(options.limit ?? -1, options.offset ?? 0) as Iterable<unknown[]> };
}

/** The names `rows` and `schema` accept. */
export function tableNames(archive: Archive): string[] {
  return objects(archive, true).map((o) => o.name);
}

function noSuchTable(table: string): string {
  return `no table or view '${table}' (nianbao tables --views lists them)`;
}
