// The report's arithmetic checked against itself. A failure says who is to blame: the source
// (the cells as printed disagree) or the parse (cells missing, placed with doubt, or OCR'd).
import { readCell } from './cell-value.ts';
import { APPLICANT_COLUMNS } from './row-labels.ts';
import type { Check, FieldCell } from '../document/types.ts';

type Fields = Record<string, number | null>;

interface CheckContext {
  fields: Fields;
  cells: Record<string, FieldCell>;
  /** Keys the parse is unsure of (doubtful rows, OCR). */
  doubtful: Set<string>;
  template: '2021' | '2019';
  /** A （六）其他处理 printed as one row in a 2021-format table: its seven cells, summed in place of the three sub-rows. */
  mergedOther?: string[];
}

const RESULT_ROWS_BOTH = [
  'granted', 'partly_granted', 'denied_state_secret', 'denied_law_prohibited', 'denied_security_stability',
  'denied_third_party', 'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_file', 'denied_admin_query',
  'unable_not_held', 'unable_needs_creation', 'unable_unclear', 'rejected_petition', 'rejected_duplicate',
  'rejected_publication', 'rejected_excessive', 'rejected_confirmation',
];
const RESULT_ROWS: Record<'2021' | '2019', string[]> = {
  '2021': [...RESULT_ROWS_BOTH, 'other_no_correction', 'other_unpaid_fee', 'other_other'],
  '2019': [...RESULT_ROWS_BOTH, 'other'],
};
const APP_ROWS = (t: '2021' | '2019') => ['new', 'carried_over', ...RESULT_ROWS[t], 'total', 'carried_forward'];

interface Equation {
  label: string;
  left: string[];
  right: string[];
}

type Outcome = { kind: 'ok' } | { kind: 'skip'; missing: string[]; blanksAsZero: 'hold' | 'fail' | null } | { kind: 'fail'; detail: string; keys: string[] };

/** A key's figure; `apps.other_merged.<column>` is a cell of a merged （六）其他处理 row. */
function valueOf(ctx: CheckContext, key: string): number | null {
  const merged = key.match(/^apps\.other_merged\.(\w+)$/);
  if (merged && ctx.mergedOther) return readCell(ctx.mergedOther[APPLICANT_COLUMNS.indexOf(merged[1] as never)] ?? '').value;
  return ctx.fields[key] ?? null;
}

/** A cell printed blank (not one the parse failed to find): a report may mean 0 by it. */
function isPrintedBlank(ctx: CheckContext, key: string): boolean {
  const cell = ctx.cells[key];
  return Boolean(cell && cell.source && readCell(cell.raw ?? '').kind !== 'number' && !ctx.doubtful.has(key));
}

function evaluate(ctx: CheckContext, eq: Equation): Outcome {
  const keys = [...eq.left, ...eq.right];
  const missing = keys.filter((k) => valueOf(ctx, k) === null);
  const sum = (ks: string[]) => ks.reduce((acc, k) => acc + (valueOf(ctx, k) ?? 0), 0);
  const left = sum(eq.left);
  const right = sum(eq.right);
  const holds = Math.abs(left - right) < 1e-6;
  if (missing.length) {
    // Blanks stay null; but whether the equation would hold with them as zeros tells source from ambiguity.
    const blanksAsZero = missing.every((k) => isPrintedBlank(ctx, k)) ? (holds ? 'hold' : 'fail') : null;
    return { kind: 'skip', missing, blanksAsZero };
  }
  return holds ? { kind: 'ok' } : { kind: 'fail', detail: `${eq.label}: ${left} ≠ ${right}`, keys };
}

function blankNote(outcomes: Outcome[]): string {
  const skips = outcomes.filter((o): o is Extract<Outcome, { kind: 'skip' }> => o.kind === 'skip');
  const hold = skips.filter((o) => o.blanksAsZero === 'hold').length;
  const fail = skips.filter((o) => o.blanksAsZero === 'fail').length;
  if (hold + fail === 0) return '';
  return ` (if the blank cells stand for zeros: ${hold} hold${fail ? `, ${fail} fail even so` : ''})`;
}

/** Runs a family of equations as one check entry. */
function runRule(ctx: CheckContext, rule: string, equations: Equation[]): Check {
  const outcomes = equations.map((eq) => evaluate(ctx, eq));
  const failures = outcomes.filter((o): o is Extract<Outcome, { kind: 'fail' }> => o.kind === 'fail');
  const skipped = outcomes.filter((o) => o.kind === 'skip').length;
  const checked = equations.length - skipped;
  if (failures.length === 0) {
    const note = skipped ? `; ${skipped} not checked (blank cells)${blankNote(outcomes)}` : '';
    if (!checked) return { rule, ok: true, status: 'not_checked', detail: `not checked: blank cells${blankNote(outcomes)}` };
    return { rule, ok: true, status: 'holds', detail: `${checked} of ${equations.length} equations hold${note}` };
  }
  const doubtful = failures.some((f) => f.keys.some((k) => ctx.doubtful.has(k)));
  return {
    rule,
    ok: false,
    status: 'fails',
    blame: doubtful ? 'parse' : 'source',
    detail: failures.map((f) => f.detail).join('; ') + (doubtful ? ' (cells read with doubt)' : ' (as printed)'),
  };
}

function balance(t: '2021' | '2019'): Equation[] {
  void t;
  return APPLICANT_COLUMNS.map((c) => ({
    label: `${c}: 新收+上年结转 vs 总计+结转下年度`,
    left: [`apps.new.${c}`, `apps.carried_over.${c}`],
    right: [`apps.total.${c}`, `apps.carried_forward.${c}`],
  }));
}

const OTHER_SUB_ROWS = ['other_no_correction', 'other_unpaid_fee', 'other_other'];

/** With a merged （六）其他处理 row in a 2021 table, its cell stands for the three sub-rows the source left out. */
function resultsSum(ctx: CheckContext): Equation[] {
  const t = ctx.template;
  return APPLICANT_COLUMNS.map((c) => {
    const merged = t === '2021' && ctx.mergedOther && OTHER_SUB_ROWS.every((r) => ctx.fields[`apps.${r}.${c}`] == null);
    const rows = merged ? [...RESULT_ROWS_BOTH, 'other_merged'] : RESULT_ROWS[t];
    return { label: `${c}: 总计 vs sum of results${merged ? ' (（六） printed as one row)' : ''}`, left: [`apps.total.${c}`], right: rows.map((r) => `apps.${r}.${c}`) };
  });
}

function rowSum(t: '2021' | '2019'): Equation[] {
  return APP_ROWS(t).map((r) => ({
    label: `${r}: 总计 vs 自然人+法人或其他组织`,
    left: [`apps.${r}.total`],
    right: APPLICANT_COLUMNS.filter((c) => c !== 'total').map((c) => `apps.${r}.${c}`),
  }));
}

function reviewSums(): Equation[] {
  return ['review', 'suit_direct', 'suit_after_review'].map((g) => ({
    label: `${g}: 总计 vs 维持+纠正+其他+尚未审结`,
    left: [`${g}.total`],
    right: ['upheld', 'corrected', 'other', 'pending'].map((c) => `${g}.${c}`),
  }));
}

/** Numbers the narrative states about applications, checked against table "applications". */
function textAgainstTables(ctx: CheckContext, text: string): Check | null {
  const flat = text.replace(/[\s\u3000]+/g, '');
  const match = flat.match(/(?:共|全年|累计|本年度?)?(?:收到|受理|新收)[^。；，,\d]{0,16}?申请[^。；，,\d]{0,4}?(\d+)(?:件|条|个)/);
  if (!match) return null;
  const stated = Number(match[1]);
  const newTotal = ctx.fields['apps.new.total'];
  if (newTotal === null || newTotal === undefined) return null;
  const withCarried = newTotal + (ctx.fields['apps.carried_over.total'] ?? 0);
  const ok = stated === newTotal || stated === withCarried;
  return {
    rule: 'text.applications',
    ok,
    ...(ok ? {} : { blame: ctx.doubtful.has('apps.new.total') ? 'parse' as const : 'source' as const }),
    detail: `the text says ${stated} applications ("${match[0].slice(0, 40)}"); table: 新收 ${newTotal}`,
  };
}

/** Every within-report check of the contract; cross-year checks are in checks-cross-year.ts. */
export function runChecks(ctx: CheckContext, text: string): Check[] {
  const checks = [
    runRule(ctx, 'apps.balance', balance(ctx.template)),
    runRule(ctx, 'apps.results_sum', resultsSum(ctx)),
    runRule(ctx, 'apps.row_sum', rowSum(ctx.template)),
    runRule(ctx, 'reviews.sum', reviewSums()),
  ];
  const narrative = textAgainstTables(ctx, text);
  return narrative ? [...checks, narrative] : checks;
}

export type { CheckContext };
