// Reading one report whole, for the web page and for JSON output: facts, every figure with its raw
// string and provenance, checks, sections, the captures it came from, the organ's other years.
import type { Check, Provenance, Section } from '../parsers/index.ts';
import type { Archive } from './archive.ts';

/** One figure of a report. */
export interface ReportField {
  key: string;
  value: number | null;
  raw: string | null;
  provenance: Provenance | null;
}

/** A capture a report came from, with its role: chosen, alternative, or the page linking an attachment. */
export interface ReportSource {
  captureId: number;
  parseId: number | null;
  role: 'chosen' | 'alternative' | 'page';
  url: string;
  contentType: string | null;
  fetchedAt: string;
  size: number | null;
  format: string | null;
  linkText: string | null;
}

/** Everything the archive knows about one report. */
export interface ReportDetail {
  id: number;
  organ: string;
  year: number;
  template: string | null;
  format: string | null;
  title: string | null;
  regionCode: string | null;
  publishedDate: string | null;
  parserVersion: string;
  confidence: number | null;
  fieldsFilled: number;
  checksFailed: number;
  chosenWhy: string;
  parseId: number;
  captureId: number;
  portalId: number | null;
  updatedAt: string;
  fields: ReportField[];
  checks: Check[];
  sections: Section[];
  warnings: string[];
  reason: string | null;
  sources: ReportSource[];
  /** The same organ's reports of other years, oldest first. */
  otherYears: { id: number; year: number; template: string | null; checksFailed: number }[];
}

/** One report by id, or undefined. */
export function getReport(archive: Archive, reportId: number): ReportDetail | undefined {
  const db = archive.db;
  const r = db.prepare('SELECT * FROM reports WHERE id = ?').get(reportId) as Record<string, any> | undefined;
  if (!r) return undefined;
  const parse = JSON.parse(db.prepare('SELECT result FROM parses WHERE id = ?').pluck().get(r.parse_id) as string);
  const fields = (db.prepare('SELECT key, value, raw, provenance FROM report_fields WHERE report_id = ?').all(reportId) as any[])
    .map((f) => ({ key: f.key, value: f.value, raw: f.raw, provenance: f.provenance ? JSON.parse(f.provenance) : null }));
  const order = new Map(Object.keys(parse.fields ?? {}).map((key, i) => [key, i]));
  fields.sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));
  const checks = (db.prepare('SELECT rule, ok, blame, detail, status FROM report_checks WHERE report_id = ? ORDER BY seq').all(reportId) as any[])
    .map((c) => ({ rule: c.rule, ok: c.ok === 1, status: c.status, detail: c.detail, ...(c.blame ? { blame: c.blame } : {}) }));
  const sources = db.prepare(`SELECT s.capture_id AS captureId, s.parse_id AS parseId, s.role, c.url, c.content_type AS contentType,
      c.fetched_at AS fetchedAt, c.size, p.format, c.link_text AS linkText
    FROM report_sources s JOIN captures c ON c.id = s.capture_id LEFT JOIN parses p ON p.id = s.parse_id
    WHERE s.report_id = ? ORDER BY CASE s.role WHEN 'chosen' THEN 0 WHEN 'alternative' THEN 1 ELSE 2 END, s.capture_id`).all(reportId) as ReportSource[];
  const otherYears = db.prepare(`SELECT id, year, template, checks_failed AS checksFailed FROM reports
    WHERE organ = ? AND id <> ? ORDER BY year`).all(r.organ, reportId) as ReportDetail['otherYears'];
  return {
    id: r.id, organ: r.organ, year: r.year, template: r.template, format: r.format, title: r.title, regionCode: r.region_code,
    publishedDate: r.published_date, parserVersion: r.parser_version, confidence: r.confidence, fieldsFilled: r.fields_filled,
    checksFailed: r.checks_failed, chosenWhy: r.chosen_why, parseId: r.parse_id, captureId: r.capture_id, portalId: r.portal_id,
    updatedAt: r.updated_at, fields, checks, sections: parse.sections ?? [], warnings: parse.warnings ?? [],
    reason: parse.reason ?? null, sources, otherYears,
  };
}

/** The report of an organ for a year, if the archive has one. */
export function findReport(archive: Archive, organ: string, year: number): number | undefined {
  return archive.db.prepare('SELECT id FROM reports WHERE organ = ? AND year = ?').pluck().get(organ.replace(/[\s\u3000]+/g, ''), year) as number | undefined;
}

/** Figures of one field for every report of an organ, by year: what the charts draw. */
export function fieldSeries(archive: Archive, organ: string, keys: string[]): { year: number; values: Record<string, number | null> }[] {
  const rows = archive.db.prepare(`SELECT r.year, f.key, f.value FROM reports r JOIN report_fields f ON f.report_id = r.id
    WHERE r.organ = ? AND f.key IN (SELECT value FROM json_each(?)) ORDER BY r.year`).all(organ, JSON.stringify(keys)) as { year: number; key: string; value: number | null }[];
  const byYear = new Map<number, Record<string, number | null>>();
  for (const row of rows) {
    const values = byYear.get(row.year) ?? Object.fromEntries(keys.map((k) => [k, null]));
    values[row.key] = row.value;
    byYear.set(row.year, values);
  }
  return [...byYear].map(([year, values]) => ({ year, values }));
}
