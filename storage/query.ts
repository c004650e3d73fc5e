// Read-only SQL over the archive for `nianbao query` and the web pages: one statement, which must
// only read; named parameters bound from strings.
import type { Archive } from './archive.ts';

/** Column names and a lazy row iterator (rows as arrays, so duplicate column names survive). */
export interface QueryResult {
  columns: string[];
  rows: Iterable<unknown[]>;
}

/** A query the archive refuses (writes, several statements, SQL errors); the message says why. */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** `--param year=2021`: numbers become numbers so comparisons with integer columns behave. */
export function parseParamValue(text: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(text) && text.length < 16 ? Number(text) : text;
}

/** Runs one read-only statement with named parameters (`:name`, `@name` or `$name` in the SQL). */
export function runReadOnlyQuery(archive: Archive, sql: string, params: Record<string, unknown> = {}): QueryResult {
  let statement;
  try {
    statement = archive.db.prepare(sql);
  } catch (error) {
    throw new QueryError((error as Error).message);
  }
  // ATTACH counts as read-only to SQLite, but would let a query reach other files on the machine.
  if (/^\s*(attach|detach)\b/i.test(sql.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ''))) {
    throw new QueryError('ATTACH and DETACH are not allowed: queries read this archive only');
  }
  if (!statement.reader || !statement.readonly) {
    throw new QueryError('only statements that read are allowed (SELECT, WITH … SELECT, read-only PRAGMA)');
  }
  statement.raw(true);
  const columns = statement.columns().map((c) => c.name);
  try {
    const iterator = statement.iterate(params);
    return { columns, rows: wrapErrors(iterator as IterableIterator<unknown[]>) };
  } catch (error) {
    const message = (error as Error).message;
    const missing = /Missing named parameter "(\w+)"/.exec(message)?.[1];
    throw new QueryError(missing ? `the query uses :${missing}; give it with --param ${missing}=VALUE` : message);
  }
}

function* wrapErrors(rows: IterableIterator<unknown[]>): Generator<unknown[]> {
  try {
    yield* rows;
  } catch (error) {
    throw new QueryError((error as Error).message);
  }
}
