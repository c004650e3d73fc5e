// Compares a parse with a hand-checked answer the way ../shared/tools/score.py does: organ without
// spaces or a trailing 人民政府, year, template, every expected field (null must stay null), and —
// where the label gives them — the section headings and the publication date.
import type { ParseResult } from '../../parsers/index.ts';

export interface Expected {
  organ: string | null;
  year: number | null;
  template: string;
  fields: Record<string, number | null>;
  /** Headings of the six canonical parts in order (null: the part has no printed heading); for a legacy report, its headings. */
  sections?: (string | null)[];
  /** Every top-level heading in printed order, when the outline is not the standard one. */
  allHeadings?: string[];
  publishedDate?: string | null;
}

export function normOrgan(organ: string | null | undefined): string {
  return (organ ?? '').replace(/\s+/g, '').replace(/人民政府$/, '');
}

/** Headings compare without spaces and with one kind of numbering mark. */
export function normHeading(heading: string | null | undefined): string {
  return (heading ?? '').replace(/[\s\u3000\u00a0]+/g, '').replace(/[.．,，]/g, '、').replace(/[(（]/g, '（').replace(/[)）]/g, '）');
}

/** Keys whose parsed value differs from the expected one. */
export function wrongFields(result: ParseResult, expected: Expected): string[] {
  return Object.entries(expected.fields).filter(([key, want]) => {
    const got = result.fields[key];
    if (want === null || got === null || got === undefined) return !(want === null && got === null);
    return Math.abs(got - want) > 1e-6;
  }).map(([key]) => key);
}

const NUMERALS = '一二三四五六';

/**
 * The heading of each canonical part. A parse that does not say which part a section is (older
 * parsers) is read by its numbering: the first heading numbered 一、 is part 1, and so on.
 */
function partsOf(result: ParseResult): Map<number, string> {
  const parts = new Map<number, string>();
  const tagged = result.sections.some((s) => s.part !== undefined);
  for (const s of result.sections) {
    const part = tagged ? s.part : NUMERALS.indexOf(s.heading.trim()[0]) + 1 || undefined;
    if (part && !parts.has(part)) parts.set(part, s.heading);
  }
  return parts;
}

/** What differs in the section headings: printed list and the six canonical parts. Empty when all agree. */
export function wrongSections(result: ParseResult, expected: Expected): string[] {
  if (!expected.sections) return [];
  const wrong: string[] = [];
  const printed = result.sections.map((s) => s.heading).filter((h) => h).map(normHeading);
  const canonical = expected.sections.length === 6 && expected.template !== 'legacy';
  const wantList = (expected.allHeadings ?? expected.sections.filter((h): h is string => h !== null)).map(normHeading);
  if (printed.join('|') !== wantList.join('|')) wrong.push(`headings: got ${printed.length} [${printed.slice(0, 8).join(' | ')}], want ${wantList.length}`);
  if (canonical) {
    const parts = partsOf(result);
    expected.sections.forEach((want, i) => {
      const got = parts.get(i + 1) || null;
      if (normHeading(got) !== normHeading(want)) wrong.push(`part ${i + 1}: got ${got ?? 'none'}, want ${want ?? 'none'}`);
    });
  }
  return wrong;
}

export interface Score {
  fieldsRight: number;
  fieldsTotal: number;
  organOk: boolean;
  yearOk: boolean;
  templateOk: boolean;
  /** null when the label gives no sections / no publication date. */
  sectionsOk: boolean | null;
  dateOk: boolean | null;
  wrong: string[];
  /** Wrong fields that hold a value: figures the report does not print (the worst error). */
  invented: string[];
  /** Wrong fields left null that no check names (a doubtful cell must be null and named). */
  unnamed: string[];
  wrongSections: string[];
}

/**
 * A null field is named when a check's detail or a warning mentions its key, or names its row as
 * a whole (`row denied_third_party: 6 cells for 7 columns`, `the source prints no row for …`).
 */
function namedKeys(result: ParseResult): (key: string) => boolean {
  const said = [...result.checks.map((c) => c.detail), ...result.warnings].join('\n');
  return (key) => said.includes(key) || said.includes(`row ${key.split('.')[1]}:`);
}

export function score(result: ParseResult, expected: Expected): Score {
  const wrong = wrongFields(result, expected);
  const total = Object.keys(expected.fields).length;
  const sections = wrongSections(result, expected);
  const named = namedKeys(result);
  return {
    fieldsRight: total - wrong.length,
    fieldsTotal: total,
    organOk: normOrgan(result.organ) === normOrgan(expected.organ),
    yearOk: result.year === expected.year,
    templateOk: String(result.template) === String(expected.template),
    sectionsOk: expected.sections ? sections.length === 0 : null,
    dateOk: 'publishedDate' in expected ? (result.publishedDate ?? null) === (expected.publishedDate ?? null) : null,
    wrong,
    invented: wrong.filter((k) => result.fields[k] !== null && result.fields[k] !== undefined),
    unnamed: wrong.filter((k) => (result.fields[k] ?? null) === null && !named(k)),
    wrongSections: sections,
  };
}

/** Every scored part of the label is right. */
export function isPerfect(s: Score): boolean {
  return s.fieldsRight === s.fieldsTotal && s.organOk && s.yearOk && s.templateOk && s.sectionsOk !== false && s.dateOk !== false;
}
