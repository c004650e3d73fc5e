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

/** The types a parameter can be asked for: `--param NAME:int=4107`. */
export const PARAM_TYPES = ['text', 'int', 'real'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];
/** A bound value: text, a REAL, or an INTEGER (bigint, the only way better-sqlite3 binds INTEGER). */
export type ParamValue = string | number | bigint;

/**
 * Converts one parameter's text to its type. Text stays text (`region=4107` binds '4107', so
 * `LIKE :region || '%'` means the digits as written, never '4107.0%'); `int` and `real` must look
 * like numbers, or a QueryError says what was given.
 */
export function parseParamValue(text: string, type: ParamType = 'text'): ParamValue {
  if (type === 'text') return text;
  const pattern = type === 'int' ? /^[-+]?\d+$/ : /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  const value = Number(text.trim());
  if (!pattern.test(text.trim()) || !Number.isFinite(value) || (type === 'int' && !/^[-+]?\d{1,18}$/.test(text.trim()))) {
    throw new QueryError(`expected ${type === 'int' ? 'an integer' : 'a number'} for a parameter of type ${type}, got '${text}'`);
  }
  // better-sqlite3 binds every JS number as REAL; a BigInt binds as INTEGER, as `:int` promises.
  return type === 'int' ? BigInt(text.trim()) : value;
}

/**
 * One `--param` as written: `NAME=VALUE` (text) or `NAME:TYPE=VALUE` with TYPE text | int | real.
 * Returns the name, the value and whether a type was asked for (a named query may type the rest).
 */
export function parseParamAssignment(assignment: string): { name: string; value: ParamValue; typed: boolean } {
  const match = /^([A-Za-z_]\w*)(?::(\w+))?=(.*)$/s.exec(assignment);
  if (!match) throw new QueryError(`--param wants NAME=VALUE or NAME:TYPE=VALUE, got '${assignment}'`);
  const [, name, type, text] = match;
  if (type !== undefined && !(PARAM_TYPES as readonly string[]).includes(type)) {
    throw new QueryError(`--param ${name}:${type}: unknown type '${type}' (known: ${PARAM_TYPES.join(', ')})`);
  }
  return { name, value: parseParamValue(text, (type as ParamType | undefined) ?? 'text'), typed: type !== undefined };
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
