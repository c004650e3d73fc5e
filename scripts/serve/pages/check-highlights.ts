// Which figures a failing check points at, so the form can highlight them. The parsers' check
// details name the column ("natural: …"), the row ("new: …", "row other: …") or the group
// ("review: …") of each failed equation; an unknown rule highlights nothing but is still listed.
import type { Check } from '../../../parsers/index.ts';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, resultGroups } from './form-layout.ts';

type Template = '2021' | '2019';

function resultRows(template: Template): string[] {
  return resultGroups(template).flatMap((g) => g.rows.map(([, row]) => row));
}

function allAppRows(template: Template): string[] {
  return ['new', 'carried_over', ...resultRows(template), 'carried_forward'];
}

/** The name before the first colon of each failed part of a detail ("row other: …" gives "other"). */
function subjects(detail: string): string[] {
  return detail.split(';').map((part) => /^\s*(?:row\s+)?([a-z_]+)\s*:/.exec(part)?.[1]).filter((s): s is string => !!s);
}

function keysFor(rule: string, subject: string, template: Template): string[] {
  const isColumn = (APPLICANT_COLUMNS as readonly string[]).includes(subject);
  const isAppRow = allAppRows(template).includes(subject);
  if (rule === 'apps.balance' && isColumn) return ['new', 'carried_over', 'total', 'carried_forward'].map((r) => `apps.${r}.${subject}`);
  if (rule === 'apps.results_sum' && isColumn) return ['total', ...resultRows(template)].map((r) => `apps.${r}.${subject}`);
  if ((REVIEW_GROUPS as readonly string[]).includes(subject)) return REVIEW_COLUMNS.map((c) => `${subject}.${c}`);
  if (subject === 'reviews') return REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `${g}.${c}`));
  if (isAppRow) return APPLICANT_COLUMNS.map((c) => `apps.${subject}.${c}`);
  return [];
}

/** Field key → the failing rules that involve it. */
export function highlightedKeys(checks: Check[], template: Template): Map<string, string[]> {
  const flagged = new Map<string, string[]>();
  const flag = (key: string, rule: string) => flagged.set(key, [...new Set([...(flagged.get(key) ?? []), rule])]);
  for (const check of checks.filter((c) => !c.ok)) {
    if (check.rule === 'text.applications') flag('apps.new.total', check.rule);
    for (const subject of subjects(check.detail ?? '')) for (const key of keysFor(check.rule, subject, template)) flag(key, check.rule);
  }
  return flagged;
}
