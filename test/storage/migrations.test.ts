// Schema migrations on real SQLite files: from empty, from every older version, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FIELD_SPECS } from '../../parsers/index.ts';
import { ArchiveError, latestSchemaVersion, openArchive, schemaVersion, upsertPortal, storeCapture } from '../../storage/index.ts';
import { loadMigrations, migrate } from '../../storage/migrate.ts';
import { repoRoot, tempArchivePath } from '../helpers/storage-fixtures.ts';

const snapshotPath = join(repoRoot, 'test', 'fixtures', 'storage', 'schema.sql');

function schemaOf(db: Database.Database): string {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { sql: string }[];
  return rows.map((r) => `${r.sql};`).join('\n\n') + '\n';
}

test('an empty file becomes an archive at the latest schema, in WAL mode, with every field column', () => {
  const path = tempArchivePath();
  const archive = openArchive(path);
  assert.equal(schemaVersion(archive.db), latestSchemaVersion());
  assert.equal(archive.db.pragma('journal_mode', { simple: true }), 'wal');
  const applied = archive.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
  assert.deepEqual(applied, loadMigrations().map((m) => m.version));
  const wideColumns = (archive.db.prepare('PRAGMA table_info(reports_wide)').all() as { name: string }[]).map((c) => c.name);
  for (const field of FIELD_SPECS) assert.ok(wideColumns.includes(field.key), `reports_wide lacks ${field.key}`);
  archive.close();
});

test('the schema matches the committed snapshot (UPDATE_SCHEMA_SNAPSHOT=1 rewrites it after a deliberate change)', () => {
  const archive = openArchive(tempArchivePath());
  const schema = schemaOf(archive.db);
  archive.close();
  if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1' || !existsSync(snapshotPath)) writeFileSync(snapshotPath, schema);
  assert.equal(schema, readFileSync(snapshotPath, 'utf8'));
});

test('an archive left at each older schema version is migrated on open and keeps its rows', () => {
  const migrations = loadMigrations();
  const fresh = openArchive(tempArchivePath());
  const freshSchema = schemaOf(fresh.db);
  fresh.close();
  for (let version = 1; version < migrations.length; version++) {
    const path = tempArchivePath();
    const old = new Database(path);
    migrate(old, migrations.slice(0, version));
    assert.equal(schemaVersion(old), version);
    old.prepare("INSERT INTO portals (url, name) VALUES ('http://127.0.0.9/', 'old portal')").run();
    old.close();
    const archive = openArchive(path);
    assert.equal(schemaVersion(archive.db), migrations.length, `from version ${version}`);
    assert.equal(archive.db.prepare('SELECT name FROM portals').pluck().get(), 'old portal');
    assert.equal(schemaOf(archive.db), freshSchema, `schema after migrating from version ${version}`);
    archive.close();
  }
});

test('a read-only open of an older archive migrates it first; of a missing file, a clear error', () => {
  const path = tempArchivePath();
  const old = new Database(path);
  migrate(old, loadMigrations().slice(0, 1));
  old.close();
  const reader = openArchive(path, { readonly: true });
  assert.equal(schemaVersion(reader.db), latestSchemaVersion());
  assert.throws(() => reader.db.prepare("INSERT INTO portals (url) VALUES ('x')").run(), /readonly/);
  reader.close();
  assert.throws(() => openArchive(tempArchivePath(), { readonly: true }), (e: Error) => e instanceof ArchiveError && /no archive at/.test(e.message));
});

test('a migration that fails rolls back whole: the file stays at the version before', () => {
  const path = tempArchivePath();
  const db = new Database(path);
  const broken = [...loadMigrations().slice(0, 1), { version: 2, name: '0002-broken', sql: 'CREATE TABLE half_done (x); SELECT no_such_function();' }];
  assert.throws(() => migrate(db, broken), /no_such_function|no such function/);
  assert.equal(schemaVersion(db), 1);
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get(), 0);
  db.close();
});

test('foreign, newer, and garbage files are refused without being changed', () => {
  const foreignPath = tempArchivePath();
  const foreign = new Database(foreignPath);
  foreign.exec('CREATE TABLE notes (body TEXT)');
  foreign.close();
  assert.throws(() => openArchive(foreignPath), /not a nianbao archive/);
  assert.equal(new Database(foreignPath).pragma('user_version', { simple: true }), 0);

  const newerPath = tempArchivePath();
  openArchive(newerPath).close();
  const newer = new Database(newerPath);
  newer.pragma(`user_version = ${latestSchemaVersion() + 5}`);
  newer.close();
  assert.throws(() => openArchive(newerPath), /newer than this program knows/);

  const garbagePath = tempArchivePath();
  writeFileSync(garbagePath, 'this is not a database, just text '.repeat(200));
  assert.throws(() => openArchive(garbagePath), (e: Error) => e instanceof ArchiveError && /not a database|cannot open/.test(e.message));
  assert.match(readFileSync(garbagePath, 'utf8'), /^this is not a database/);
});

test('two processes opening one new file at once both end with one clean schema', async () => {
  const path = tempArchivePath();
  const { spawn } = await import('node:child_process');
  const script = `import { openArchive, upsertPortal } from ${JSON.stringify(join(repoRoot, 'storage', 'index.ts'))};
    const a = openArchive(${JSON.stringify(path)}); upsertPortal(a, 'http://127.0.0.2/' + process.pid); a.close();`;
  const runs = [0, 1, 2].map(() => new Promise<number>((resolve) => {
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: 'inherit' }).on('exit', (code) => resolve(code ?? -1));
  }));
  assert.deepEqual(await Promise.all(runs), [0, 0, 0]);
  const archive = openArchive(path);
  assert.equal(archive.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), latestSchemaVersion());
  assert.equal(archive.db.prepare('SELECT count(*) FROM portals').pluck().get(), 3);
  archive.close();
  void upsertPortal; void storeCapture;
});
