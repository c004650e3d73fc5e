// Turns an extracted document into the contract's parse result: metadata, template, fields with
// their raw strings and sources, checks, sections, and an honest confidence.
import { runChecks } from './checks.ts';
import { mapFields } from './map-fields.ts';
import { regroupFlattenedRows } from './regroup.ts';
import { countsCheck, extraTables, sourceOmissions } from './completeness.ts';
import { isUnread } from '../document/unread.ts';
import { readMetadata } from './metadata.ts';
import { splitSections } from './sections.ts';
import { detectTemplate } from './template.ts';
import { simplifyIfTraditional } from './traditional.ts';
import { PARSER_VERSION } from '../document/version.ts';
import type { Check, ExtractedDocument, ParseResult } from '../document/types.ts';

/** A result for a document that could not be read, or is not a report: no fields, a reason. */
export function emptyResult(reason: string, partial: Partial<ParseResult> = {}): ParseResult {
  return {
    organ: null, year: null, template: null, title: null, fields: {}, checks: [], sections: [],
    reason, format: null, publishedDate: null, regionCode: null, cells: {}, confidence: 0,
    parserVersion: PARSER_VERSION, warnings: [], text: '', ...partial,
  };
}

function ocrKeys(cells: ParseResult['cells']): string[] {
  return Object.entries(cells).filter(([, c]) => c.source?.ocr).map(([k]) => k);
}

/**
 * OCR cells the reader could not settle (no agreeing reading) come back empty with confidence 0:
 * they are blank only because the parse failed, so they count as doubts, not as printed blanks.
 */
function unreadOcrKeys(cells: ParseResult['cells']): string[] {
  return Object.entries(cells).filter(([, c]) => c.source?.ocr && isUnread({ text: c.raw, confidence: c.source.ocrConfidence })).map(([k]) => k);
}

function unreadDoubt(keys: string[]): { keys: string[]; message: string }[] {
  if (keys.length === 0) return [];
  return [{ keys, message: `${keys.length} OCR cell(s) could not be read (${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''})` }];
}

function completenessCheck(missing: string[], doubts: { keys: string[]; message: string }[]): Check {
  if (missing.length === 0 && doubts.length === 0) return { rule: 'parse.cells', ok: true, detail: 'every cell of the template was found' };
  const parts = [];
  if (missing.length) parts.push(`${missing.length} cells not found (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''})`);
  for (const d of doubts.slice(0, 6)) parts.push(d.message);
  return { rule: 'parse.cells', ok: false, blame: 'parse', detail: parts.join('; ') };
}

/**
 * Pages read against pages in the file (formats with pages): a page that could not be read, or
 * pages past the reader's cap, may hold figures, so the parse is in doubt — never a pass with
 * fewer figures.
 */
function pagesCheck(doc: ExtractedDocument): Check | null {
  if (doc.pages === undefined || doc.pagesRead === undefined) return null;
  if (doc.pagesRead >= doc.pages) return { rule: 'parse.pages', ok: true, detail: `all ${doc.pages} pages read` };
  return { rule: 'parse.pages', ok: false, blame: 'parse', detail: `${doc.pagesRead} of ${doc.pages} pages read` };
}

function confidenceOf(doc: ExtractedDocument, checks: Check[], missingShare: number): number {
  let confidence = 1 - missingShare;
  for (const check of checks) if (!check.ok) confidence -= check.blame === 'parse' ? 0.15 : 0.02;
  if (doc.ocrConfidence !== undefined) confidence = Math.min(confidence, doc.ocrConfidence / 100);
  return Math.max(0, Math.round(confidence * 100) / 100);
}

export function buildReport(extracted: ExtractedDocument): ParseResult {
  const doc = simplifyIfTraditional(extracted);
  const meta = readMetadata(doc);
  const verdict = detectTemplate(doc.text.replace(/[\s\u3000\u00a0]+/g, ''), meta.year);
  const sections = splitSections(doc.text, verdict.template);
  const base = {
    organ: meta.organ, year: meta.year, title: meta.title, sections, format: doc.format,
    publishedDate: meta.publishedDate, regionCode: meta.regionCode, warnings: doc.warnings, text: doc.text,
    ...(meta.publishedDateSource ? { publishedDateSource: meta.publishedDateSource } : {}),
  };
  // Pages lost by the reader come first in the reason of a result without figures: the tables
  // (or the title) may be on the pages that were not read.
  const pages = pagesCheck(doc);
  const lostPages = pages && !pages.ok ? { checks: [pages] } : {};
  const lostPrefix = pages && !pages.ok ? `only ${pages.detail}: ` : '';
  if (meta.notAReport) return emptyResult(lostPrefix + meta.notAReport, { ...base, ...lostPages });
  if (verdict.template === null) {
    const reason = meta.title ? verdict.reason! : `not a report: no report title and ${verdict.reason}`;
    return emptyResult(lostPrefix + reason, { ...base, ...lostPages });
  }
  if (verdict.template === 'legacy') {
    const confidence = lostPrefix ? 0.5 : meta.title ? 1 : 0.5;
    return { ...emptyResult('', { ...base, ...lostPages }), template: 'legacy', reason: lostPrefix ? lostPrefix.slice(0, -2) : undefined, confidence };
  }
  const rows = regroupFlattenedRows(doc.rows, verdict.template);
  const mapped = mapFields(rows, verdict.template);
  const doubts = [...mapped.doubts, ...unreadDoubt(unreadOcrKeys(mapped.cells))];
  const doubtful = new Set([...doubts.flatMap((d) => d.keys), ...ocrKeys(mapped.cells)]);
  const omissions = sourceOmissions(mapped);
  const omitted = new Set(omissions.keys);
  const notFound = mapped.missing.filter((k) => !omitted.has(k));
  const merged = mapped.extraRows.find((e) => e.standsFor?.startsWith('other_'));
  const checks = [
    ...runChecks({ fields: mapped.fields, cells: mapped.cells, doubtful, template: verdict.template, mergedOther: merged?.cells }, doc.text),
    completenessCheck(notFound, doubts),
    ...[omissions.check, countsCheck(mapped), pages].filter((c): c is Check => c !== null),
  ];
  const keyCount = Object.keys(mapped.fields).length;
  const extras = extraTables(rows, mapped.canonicalTables);
  return {
    ...base,
    template: verdict.template,
    fields: mapped.fields,
    cells: mapped.cells,
    checks,
    confidence: confidenceOf(doc, checks, notFound.length / keyCount),
    parserVersion: PARSER_VERSION,
    ...(extras.length ? { extraTables: extras } : {}),
    ...(mapped.extraRows.length ? { extraRows: mapped.extraRows } : {}),
  };
}
