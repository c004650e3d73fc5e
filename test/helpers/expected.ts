// Shared by the parser tests and `nianbao eval`-style comparisons: where the seeds and their
// hand-checked answers are, and how a parse is compared with an answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult } from '../../parsers/index.ts';

export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
export const SEEDS_DIR = join(SHARED, 'seeds');
export const EXPECTED_DIR = join(SHARED, 'spec', 'expected');

export interface Expected {
  organ: string;
  year: number;
  template: string;
  fields: Record<string, number | null>;
}

export function seedNames(): string[] {
  return readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

export function loadExpected(path: string): Expected {
  return JSON.parse(readFileSync(path, 'utf8')) as Expected;
}

/** The organ as the scorer compares it: no spaces, no trailing 人民政府. */
export function normOrgan(organ: string | null | undefined): string {
  return (organ ?? '').replace(/\s+/g, '').replace(/人民政府$/, '');
}

/** Keys whose parsed value differs from the expected one (null must stay null, never 0). */
export function wrongFields(result: ParseResult, expected: Expected): string[] {
  return Object.entries(expected.fields).filter(([key, want]) => {
    const got = result.fields[key];
    if (want === null || got === null || got === undefined) return !(want === null && got === null);
    return Math.abs(got - want) > 1e-6;
  }).map(([key]) => key);
}
