// Opening the archive: one SQLite file, WAL, foreign keys on, migrated to the latest schema.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveError } from './errors.ts';
import { latestSchemaVersion, migrate, schemaVersion } from './migrate.ts';
import { syncWideColumns } from './wide-columns.ts';
import { reselectAllReports } from './parses.ts';

/** Where the archive lives unless --db or NIANBAO_DB says otherwise. */
export const DEFAULT_ARCHIVE_PATH = './data/archive.sqlite';

/** An open archive: the connection (used only inside storage/), its path and mode. */
export interface Archive {
  db: Database.Database;
  path: string;
  readonly: boolean;
  close(): void;
}

/** `readonly` opens a connection that cannot write (query, serve); the file must exist. */
export interface OpenArchiveOptions {
  readonly?: boolean;
  /** Refuse to create the file (a writable open of a command that only reads or repairs). */
  mustExist?: boolean;
  /** How long a statement waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed, unless readonly) and migrates the archive. A read-only open of an
 * older archive first migrates it through a short writable connection, so every reader sees the
 * current schema.
 */
export function openArchive(path: string = DEFAULT_ARCHIVE_PATH, options: OpenArchiveOptions = {}): Archive {
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  if ((options.readonly || options.mustExist) && path !== ':memory:' && !existsSync(path)) {
    throw new ArchiveError(`no archive at ${path} (crawl or seed first, or give --db PATH)`);
  }
  if (options.readonly) {
    const reader = connect(path, true, busyTimeoutMs);
    if (schemaVersion(reader) === latestSchemaVersion()) return wrap(reader, path, true);
    reader.close();
    openWritable(path, busyTimeoutMs).close();
    return wrap(connect(path, true, busyTimeoutMs), path, true);
  }
  return wrap(openWritable(path, busyTimeoutMs), path, false);
}

function openWritable(path: string, busyTimeoutMs: number): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = connect(path, false, busyTimeoutMs);
  try {
    refuseForeignDatabase(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const applied = migrate(db);
    syncWideColumns(db);
    // Schema 3 brought the organ registry: an older archive's reports are re-keyed on their organs once.
    if (applied.includes(3) && db.prepare('SELECT 1 FROM parses LIMIT 1').get()) reselectAllReports(wrap(db, path, false));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function connect(path: string, readonly: boolean, busyTimeoutMs: number): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('foreign_keys = ON');
    schemaVersion(db);
  } catch (error) {
    throw new ArchiveError(`cannot open ${path} as an SQLite archive: ${(error as Error).message}`);
  }
  return db;
}

/** A database with tables but no schema version is someone else's: never write into it. */
function refuseForeignDatabase(db: Database.Database, path: string): void {
  if (schemaVersion(db) !== 0) return;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'").pluck().all();
  if (tables.length > 0) throw new ArchiveError(`${path} is an SQLite database but not a nianbao archive (tables: ${tables.slice(0, 5).join(', ')})`);
}

function wrap(db: Database.Database, path: string, readonly: boolean): Archive {
  return { db, path, readonly, close: () => db.close() };
}
