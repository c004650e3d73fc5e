// Totals of an eval run: per group (real documents, seed renderings, regression fixtures), and
// within each group per format, per source (CMS or office suite; for fixtures, the one imitated)
// and per province. OCR'd documents are totalled apart from text-layer ones.
import { extname } from 'node:path';
import { isPerfect, type Score } from './compare.ts';
import type { DocumentGroup, LabelledDocument } from './documents.ts';

/** One document's eval: its score, or the error that stopped its parse. */
export interface Outcome {
  doc: LabelledDocument;
  score?: Score;
  error?: string;
  ms: number;
}

export interface Totals {
  documents: number;
  perfect: number;
  right: number;
  total: number;
  accuracy: number;
  /** Fields holding a value the report does not print, and wrong nulls no check names. */
  invented: number;
  unnamed: number;
  /** Documents whose label gives sections / a date, and how many of those are right. */
  sections: { right: number; total: number };
  dates: { right: number; total: number };
}

export function totals(outcomes: Outcome[]): Totals {
  const right = outcomes.reduce((n, o) => n + (o.score?.fieldsRight ?? 0), 0);
  const total = outcomes.reduce((n, o) => n + (o.score?.fieldsTotal ?? 200), 0);
  const perfect = outcomes.filter((o) => o.score && isPerfect(o.score)).length;
  const count = (pick: (s: Score) => boolean | null) => ({
    right: outcomes.filter((o) => o.score && pick(o.score) === true).length,
    total: outcomes.filter((o) => !o.score || pick(o.score) !== null).length,
  });
  return {
    documents: outcomes.length, perfect, right, total, accuracy: total ? right / total : 1,
    invented: outcomes.reduce((n, o) => n + (o.score?.invented.length ?? 0), 0),
    unnamed: outcomes.reduce((n, o) => n + (o.score?.unnamed.length ?? 0), 0),
    sections: count((s) => s.sectionsOk), dates: count((s) => s.dateOk),
  };
}

/** The format a document is counted under: its extension (.gbk.html counts as .html, .scan.pdf apart). */
export function formatOf(doc: LabelledDocument): string {
  if (/\.scan\.pdf$/.test(doc.name)) return '.scan.pdf';
  if (doc.group === 'photographed') return '.pdf (JPEG photographs)';
  return extname(doc.name) || '?';
}

function describe(t: Totals, ocr = false): string {
  const extra = [
    ocr || t.invented ? `invented ${t.invented}` : '',
    ocr || t.unnamed ? `wrong nulls not named ${t.unnamed}` : '',
    t.sections.total ? `sections ${t.sections.right}/${t.sections.total}` : '',
    t.dates.total ? `dates ${t.dates.right}/${t.dates.total}` : '',
  ].filter(Boolean).join(', ');
  const share = t.total ? ` (${(100 * t.accuracy).toFixed(1)}%)` : '';
  return `${t.right}/${t.total} fields${share}, ${t.perfect}/${t.documents} documents perfect${extra ? `; ${extra}` : ''}`;
}

function breakdown(title: string, outcomes: Outcome[], key: (o: Outcome) => string): string[] {
  const keys = [...new Set(outcomes.map(key))].sort();
  return [`  ${title}:`, ...keys.map((k) => `    ${k.padEnd(28)} ${describe(totals(outcomes.filter((o) => key(o) === k)))}`)];
}

export const GROUP_TITLES: Record<DocumentGroup, string> = {
  real: 'Real documents (labelled corpus files and the seeds as text)',
  rendering: 'Renderings of the seeds (our generator)',
  regression: 'Regression fixtures (each reproduces a real failure)',
  photographed: 'Photographed paper (seeds printed, stamped, annotated, photographed; OCR)',
};

/** The printed summary: per group, then per format, source and province inside it. */
export function summaryLines(outcomes: Outcome[]): string[] {
  const lines: string[] = [];
  for (const group of Object.keys(GROUP_TITLES) as DocumentGroup[]) {
    const inGroup = outcomes.filter((o) => o.doc.group === group);
    if (inGroup.length === 0) continue;
    const text = inGroup.filter((o) => !o.doc.ocr);
    const ocr = inGroup.filter((o) => o.doc.ocr);
    lines.push('', `${GROUP_TITLES[group]}`, `  text layer: ${describe(totals(text))}`);
    if (ocr.length) lines.push(`  OCR: ${describe(totals(ocr), true)}`);
    lines.push(...breakdown('by format', inGroup, (o) => formatOf(o.doc)));
    lines.push(...breakdown('by source (CMS / office suite)', inGroup, (o) => o.doc.source));
    lines.push(...breakdown('by province', inGroup, (o) => o.doc.province));
  }
  return lines;
}
