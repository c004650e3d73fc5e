// Numbered schema migrations: every `NNNN-name.sql` file in storage/migrations, applied in order,
// each in its own transaction, with `PRAGMA user_version` set to the number of the last one applied.
import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ArchiveError } from './errors.ts';
import { registerSearchFunctions } from './search-index.ts';

/** One schema step; `version` is the number its file name starts with. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const migrationsDir = new URL('./migrations/', import.meta.url);

/** Every migration shipped with this code, in order; numbers must run 1, 2, 3 … without gaps. */
export function loadMigrations(): Migration[] {
  const files = readdirSync(migrationsDir).filter((f) => /^\d{4}-.+\.sql$/.test(f)).sort();
  const migrations = files.map((file) => ({
    version: Number(file.slice(0, 4)),
    name: file.replace(/\.sql$/, ''),
    sql: readFileSync(new URL(file, migrationsDir), 'utf8'),
  }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new ArchiveError(`migration ${m.name}: expected number ${i + 1} (numbers must not repeat or skip)`);
  });
  return migrations;
}

/** The schema version this code writes. */
export function latestSchemaVersion(): number {
  return loadMigrations().length;
}

/** The schema version recorded in the file. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the file up to the latest schema. BEGIN IMMEDIATE takes the write lock before the version
 * is read, so two processes opening the same old archive cannot both apply a step.
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): number[] {
  const applied: number[] = [];
  // An archive already at the latest version takes no write lock: opening never waits on a writer.
  const pending = migrations.filter((m) => m.version > schemaVersion(db));
  if (pending.length > 0) ensureMigrationsTable(db);
  // Migration 0004 fills the search indexes through these SQL functions: whoever opened the file.
  if (pending.length > 0) registerSearchFunctions(db);
  for (const migration of pending) {
    const step = db.transaction(() => {
      const current = schemaVersion(db);
      if (current >= migration.version) return false;
      if (current !== migration.version - 1) throw new ArchiveError(`archive at schema ${current} cannot take migration ${migration.name}`);
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (step.immediate()) applied.push(migration.version);
  }
  const found = schemaVersion(db);
  if (found > migrations.length) {
    throw new ArchiveError(`archive schema ${found} is newer than this program knows (${migrations.length}); upgrade nianbao`);
  }
  return applied;
}

function ensureMigrationsTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
}
