// Shared fixtures for the storage tests: temporary archive files and the seed reports, parsed
// for real, stored as captures.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type ParseResult } from '../../parsers/index.ts';
import { recordParse, storeCapture, type Archive } from '../../storage/index.ts';
import { REPO_ROOT, SHARED } from './paths.ts';

export const seedsDir = join(SHARED, 'seeds');
export const repoRoot = REPO_ROOT;

/** A fresh path for an archive file in its own temporary directory. */
export function tempArchivePath(name = 'archive.sqlite'): string {
  return join(mkdtempSync(join(tmpdir(), 'nianbao-storage-')), name);
}

/** The seed files, sorted. */
export function seedFiles(): string[] {
  return readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
}

const parsed = new Map<string, ParseResult>();

/** The real parse of a seed file (cached; a fresh deep copy each call). */
export async function parseSeed(file: string): Promise<ParseResult> {
  if (!parsed.has(file)) parsed.set(file, await parseDocument(readFileSync(join(seedsDir, file)), { fileName: file }));
  return structuredClone(parsed.get(file)!);
}

/** Stores a seed as a capture of `url` and records its real parse; returns the ids. */
export async function storeSeed(archive: Archive, file: string, url = `http://127.0.0.2/reports/${file}`, extra: Partial<Parameters<typeof storeCapture>[1]> = {}) {
  const capture = storeCapture(archive, {
    url, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes: readFileSync(join(seedsDir, file)), ...extra,
  });
  const recorded = recordParse(archive, capture.id, await parseSeed(file));
  return { captureId: capture.id, ...recorded };
}

/** Rows of a table as JSON text, to compare an archive's content before and after something. */
export function dumpTable(archive: Archive, sql: string): string {
  return JSON.stringify(archive.db.prepare(sql).all());
}
