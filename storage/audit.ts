// The evaluator's audit of one year, per organ: published? on time? complete and consistent?
// changed after publication? Read through the same organ registry and indexes as coverage, a page
// of organs at a time, so the same organ-year is counted the same way everywhere.
import type { Archive } from './archive.ts';
import { coverageMatrix, lastCompleteYear, type CoverageOptions, type CoverageStatus } from './coverage.ts';
import { ArchiveError } from './errors.ts';

/** Deadlines by level as MM-DD of the year after the report's (条例 2019 第四十九条; townships: a setting). */
export const DEFAULT_DEADLINES: Record<string, string> = {
  province: '03-31', prefecture: '03-31', county: '03-31', department: '01-31', township: '01-31', other: '01-31',
};

/** One organ's line of the audit. */
export interface AuditRow {
  organId: number;
  organ: string;
  level: string;
  divisionCode: string | null;
  portalId: number | null;
  year: number;
  /**
   * found | missing | lookalike (only look-alikes) | unparsed (documents, none read as a report) |
   * ocr-pending (a scan stored unread by crawl --ocr-later) | not-expected
   */
  published: 'found' | 'missing' | 'lookalike' | 'unparsed' | 'ocr-pending' | 'not-expected';
  reportId: number | null;
  deadline: string;
  publishedDate: string | null;
  /** Where the date was read: 'page: 发布日期', 'document: …', 'meta: PubDate'. */
  dateSource: string | null;
  /** on-time | late | seen-by (no printed date: only the first capture time, no claim of lateness) | '' */
  onTime: 'on-time' | 'late' | 'seen-by' | '';
  seenBy: string | null;
  /** Problems of content: tables missing, outdated template, checks failing because of the source. */
  problems: string[];
  /** Capture ids of the versions when the report's bytes changed between captures. */
  changed: number[];
}

function monthDay(text: string): string {
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(text)) throw new ArchiveError(`a deadline is MM-DD (e.g. 01-31), got '${text}'`);
  return text;
}

/** Stores a deadline for a level (for one portal, or for all with portalId 0). */
export function setDeadline(archive: Archive, level: string, dayOfNextYear: string, portalId = 0): void {
  if (!(level in DEFAULT_DEADLINES)) throw new ArchiveError(`no organ level '${level}' (known: ${Object.keys(DEFAULT_DEADLINES).join(', ')})`);
  archive.db.prepare(`INSERT INTO audit_deadlines (portal_id, level, month_day) VALUES (?, ?, ?)
    ON CONFLICT (portal_id, level) DO UPDATE SET month_day = excluded.month_day`).run(portalId, level, monthDay(dayOfNextYear));
}

/** The deadlines in force: stored ones for the portal, then for every portal, then the defaults; `overrides` win. */
function deadlinesFor(archive: Archive, overrides: Record<string, string>) {
  const stored = archive.db.prepare('SELECT portal_id, level, month_day FROM audit_deadlines').all() as { portal_id: number; level: string; month_day: string }[];
  for (const [level, day] of Object.entries(overrides)) {
    if (!(level in DEFAULT_DEADLINES)) throw new ArchiveError(`no organ level '${level}' (known: ${Object.keys(DEFAULT_DEADLINES).join(', ')})`);
    monthDay(day);
  }
  return (portalId: number | null, level: string): string => overrides[level]
    ?? stored.find((d) => d.portal_id === portalId && d.level === level)?.month_day
    ?? stored.find((d) => d.portal_id === 0 && d.level === level)?.month_day
    ?? DEFAULT_DEADLINES[level] ?? DEFAULT_DEADLINES.other;
}

const PUBLISHED: Record<CoverageStatus, AuditRow['published']> = {
  ok: 'found', 'checks-failing': 'found', legacy: 'found', 'no-figures': 'found', unparsed: 'unparsed', lookalike: 'lookalike', 'ocr-pending': 'ocr-pending', missing: 'missing', 'not-expected': 'not-expected',
};

/** The audit of one year (default: the last complete one) for a page of organs. */
export function auditYear(archive: Archive, options: Omit<CoverageOptions, 'fromYear' | 'toYear'> & { year?: number; deadlines?: Record<string, string> } = {}): { year: number; rows: AuditRow[]; total: number } {
  const year = options.year ?? lastCompleteYear();
  const deadline = deadlinesFor(archive, options.deadlines ?? {});
  const { rows: coverage, total } = coverageMatrix(archive, { ...options, fromYear: year, toYear: year });
  const reportIds = JSON.stringify(coverage.map((r) => r.reports[year]).filter((id) => id !== undefined));
  const db = archive.db;
  const details = new Map((db.prepare(`SELECT r.id, r.template, r.published_date, json_extract(p.result, '$.publishedDateSource') AS source,
      (SELECT min(c.fetched_at) FROM report_sources s JOIN captures c ON c.id = s.capture_id WHERE s.report_id = r.id) AS seen_by,
      (SELECT count(*) FROM report_checks k WHERE k.report_id = r.id AND k.ok = 0 AND k.blame = 'source') AS source_failures,
      (SELECT group_concat(id) FROM (SELECT min(c2.id) AS id FROM captures c JOIN captures c2 ON c2.url = c.url
        WHERE c.id = r.capture_id AND c2.sha256 IS NOT NULL GROUP BY c2.sha256 ORDER BY min(c2.id))) AS versions
    FROM reports r JOIN parses p ON p.id = r.parse_id WHERE r.id IN (SELECT value FROM json_each(?))`).all(reportIds) as
    { id: number; template: string | null; published_date: string | null; source: string | null; seen_by: string | null; source_failures: number; versions: string | null }[])
    .map((d) => [d.id, d]));
  const tables = new Map((db.prepare(`SELECT report_id AS id, sum(key LIKE 'active.%' AND value IS NOT NULL) AS active, sum(key LIKE 'apps.%' AND value IS NOT NULL) AS apps,
      sum((key LIKE 'review.%' OR key LIKE 'suit%') AND value IS NOT NULL) AS review
    FROM report_fields WHERE report_id IN (SELECT value FROM json_each(?)) GROUP BY report_id`).all(reportIds) as { id: number; active: number; apps: number; review: number }[])
    .map((t) => [t.id, t]));
  const rows = coverage.map((c): AuditRow => {
    const reportId = c.reports[year] ?? null;
    const d = reportId === null ? undefined : details.get(reportId);
    const due = `${year + 1}-${deadline(c.portalId, c.level)}`;
    const problems: string[] = [];
    let onTime: AuditRow['onTime'] = '';
    if (d) {
      if (d.template === '2019' && year >= 2020) problems.push(`the 2019 form used for ${year} (outdated: the 2021 form applies from the 2020 reports)`);
      if (d.template === 'legacy' && year >= 2019) problems.push('a report without the tables of the 2019 条例');
      const t = tables.get(d.id);
      const absent = d.template === '2019' || d.template === '2021'
        ? [['active', '主动公开'], ['apps', '收到和处理政府信息公开申请'], ['review', '行政复议、行政诉讼']].filter(([k]) => !t || !(t as unknown as Record<string, number>)[k]).map(([, label]) => label)
        : [];
      if (absent.length) problems.push(`tables without figures: ${absent.join('、')}`);
      if (d.source_failures > 0) problems.push(`${d.source_failures} check(s) failing because of the source`);
      // A date read from the document or page decides; a capture time only says the report existed by then.
      if (d.published_date && d.source) onTime = d.published_date <= due ? 'on-time' : 'late';
      else onTime = 'seen-by';
    }
    const versions = d?.versions ? d.versions.split(',').map(Number) : [];
    return {
      organId: c.organId, organ: c.organ, level: c.level, divisionCode: c.regionCode, portalId: c.portalId, year,
      published: PUBLISHED[c.cells[year]], reportId, deadline: due, publishedDate: d?.source ? d.published_date : null, dateSource: d?.source ?? null,
      onTime, seenBy: onTime === 'seen-by' ? d?.seen_by ?? null : null, problems, changed: versions.length > 1 ? versions : [],
    };
  });
  return { year, rows, total };
}

/** True when a row has something an evaluator must act on. */
export function auditFlags(row: AuditRow): boolean {
  return row.published === 'missing' || row.published === 'lookalike' || row.published === 'unparsed' || row.published === 'ocr-pending' || row.onTime === 'late' || row.problems.length > 0 || row.changed.length > 0;
}
