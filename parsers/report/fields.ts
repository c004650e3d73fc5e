// The canonical field keys (a copy of ../shared/spec/fields.tsv, checked equal by a test): the
// contract shared by the parse output, the database columns and the exports.
import { readFileSync } from 'node:fs';
import type { Template } from '../document/types.ts';

export interface FieldSpec {
  key: string;
  /** '2021', '2019' or 'both'. */
  template: '2021' | '2019' | 'both';
  table: 'active' | 'applications' | 'reviews';
  rowLabel: string;
  columnLabel: string;
  unit: 'count' | '10k_yuan';
}

function loadFieldSpecs(): FieldSpec[] {
  const tsv = readFileSync(new URL('./fields.tsv', import.meta.url), 'utf8');
  const [, ...lines] = tsv.trim().split('\n');
  return lines.map((line) => {
    const [key, template, table, rowLabel, columnLabel, unit] = line.split('\t');
    return { key, template, table, rowLabel, columnLabel, unit } as FieldSpec;
  });
}

/** Every canonical field, in the order of fields.tsv. */
export const FIELD_SPECS: readonly FieldSpec[] = loadFieldSpecs();

/** The keys a report of this template has (200 for 2021, 198 for 2019, none for legacy). */
export function fieldKeysFor(template: Template | null): string[] {
  if (template !== '2021' && template !== '2019') return [];
  return FIELD_SPECS.filter((f) => f.template === 'both' || f.template === template).map((f) => f.key);
}

export function fieldSpec(key: string): FieldSpec | undefined {
  return FIELD_SPECS.find((f) => f.key === key);
}
