// Shared by the parser tests and `nianbao eval`-style comparisons: where the seeds and their
// hand-checked answers are, and how a parse is compared with an answer.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from './paths.ts';

export { SHARED };
export const SEEDS_DIR = join(SHARED, 'seeds');
export const EXPECTED_DIR = join(SHARED, 'spec', 'expected');

export type { Expected } from '../../scripts/eval/compare.ts';
export { normOrgan, wrongFields, wrongSections } from '../../scripts/eval/compare.ts';
import { normOrgan, wrongFields, wrongSections, type Expected } from '../../scripts/eval/compare.ts';
import type { ParseResult } from '../../parsers/index.ts';

export function seedNames(): string[] {
  return readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

export function loadExpected(path: string): Expected {
  return JSON.parse(readFileSync(path, 'utf8')) as Expected;
}

/** The parse names the answer's organ, year and template. */
export function assertSameMetadata(result: ParseResult, expected: Expected, name?: string): void {
  assert.equal(normOrgan(result.organ), normOrgan(expected.organ), name);
  assert.equal(result.year, expected.year, name);
  assert.equal(result.template, expected.template, name);
}

/** The parse is the answer: metadata, every field, and the sections and publication date where the answer gives them. */
export function assertMatchesExpected(result: ParseResult, expected: Expected, name?: string): void {
  assertSameMetadata(result, expected, name);
  assert.deepEqual(wrongFields(result, expected), [], name);
  assert.deepEqual(wrongSections(result, expected), [], name);
  if ('publishedDate' in expected) assert.equal(result.publishedDate, expected.publishedDate ?? null, `${name ?? ''} publishedDate`);
}
