// Checks between two years of the same organ: this year's 上年结转 must equal last year's
// 结转下年度, and last year's 现行有效 + this year's 制发 − 废止 must equal this year's 现行有效.
import type { Check } from '../document/types.ts';

type Fields = Record<string, number | null | undefined>;

function compare(rule: string, expected: number | null, actual: number | null | undefined, what: string): Check | null {
  if (expected === null || actual === null || actual === undefined) return null;
  const ok = Math.abs(expected - actual) < 1e-6;
  return { rule, ok, ...(ok ? {} : { blame: 'source' as const }), detail: `${what}: expected ${expected}, printed ${actual}` };
}

function sumOrNull(...values: (number | null | undefined)[]): number | null {
  return values.every((v) => typeof v === 'number') ? (values as number[]).reduce((a, b) => a + b, 0) : null;
}

/** `previous` and `current` are the fields of consecutive years of one organ. */
export function crossYearChecks(previous: Fields, current: Fields): Check[] {
  const checks: (Check | null)[] = [
    compare('cross_year.carry_over', previous['apps.carried_forward.total'] ?? null, current['apps.carried_over.total'], '上年结转 = last year\'s 结转下年度'),
  ];
  for (const kind of ['rules', 'normative_docs']) {
    const repealed = current[`active.${kind}.repealed`];
    const expected = sumOrNull(previous[`active.${kind}.in_force`], current[`active.${kind}.issued`], typeof repealed === 'number' ? -repealed : null);
    checks.push(compare('cross_year.in_force', expected, current[`active.${kind}.in_force`], `${kind} 现行有效 = last year's + 制发 − 废止`));
  }
  return checks.filter((c): c is Check => c !== null);
}
