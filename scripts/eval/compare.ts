// Compares a parse with a hand-checked answer the way ../shared/tools/score.py does: organ without
// spaces or a trailing 人民政府, year, template, and every expected field (null must stay null).
import type { ParseResult } from '../../parsers/index.ts';

export interface Expected {
  organ: string;
  year: number;
  template: string;
  fields: Record<string, number | null>;
}

export function normOrgan(organ: string | null | undefined): string {
  return (organ ?? '').replace(/\s+/g, '').replace(/人民政府$/, '');
}

/** Keys whose parsed value differs from the expected one. */
export function wrongFields(result: ParseResult, expected: Expected): string[] {
  return Object.entries(expected.fields).filter(([key, want]) => {
    const got = result.fields[key];
    if (want === null || got === null || got === undefined) return !(want === null && got === null);
    return Math.abs(got - want) > 1e-6;
  }).map(([key]) => key);
}

export interface Score {
  fieldsRight: number;
  fieldsTotal: number;
  organOk: boolean;
  yearOk: boolean;
  templateOk: boolean;
  wrong: string[];
}

export function score(result: ParseResult, expected: Expected): Score {
  const wrong = wrongFields(result, expected);
  const total = Object.keys(expected.fields).length;
  return {
    fieldsRight: total - wrong.length,
    fieldsTotal: total,
    organOk: normOrgan(result.organ) === normOrgan(expected.organ),
    yearOk: result.year === expected.year,
    templateOk: String(result.template) === String(expected.template),
    wrong,
  };
}
