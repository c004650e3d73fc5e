// `nianbao audit`: what portal evaluators check by hand every year, per portal and per organ —
// published? on time (条例 2019 第四十九条)? complete and consistent? changed after publication?
import { ArchiveError, auditFlags, auditYear, DEFAULT_DEADLINES, lastCompleteYear, listPortals, setDeadline, type AuditRow } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode, UsageError } from './command.ts';
import { flag, number, repeated, text } from './options.ts';
import { printRows } from './output-options.ts';

const COLUMNS = ['organ_id', 'organ', 'level', 'division_code', 'portal_id', 'year', 'published', 'report_id', 'deadline',
  'published_date', 'date_source', 'on_time', 'seen_by', 'problems', 'changed_versions'];

function cells(r: AuditRow): unknown[] {
  return [r.organId, r.organ, r.level, r.divisionCode, r.portalId, r.year, r.published, r.reportId, r.deadline, r.publishedDate,
    r.dateSource, r.onTime, r.seenBy, r.problems.join('; '), r.changed.join(',')];
}

function parseDeadlines(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^(\w+)=(\d\d-\d\d)$/.exec(v);
    if (!m) throw new UsageError(`--deadline wants LEVEL=MM-DD (e.g. township=03-31), got '${v}'`);
    out[m[1]] = m[2];
  }
  return out;
}

/** A readable table: one line per organ, then one line per portal. */
function printReadable(rows: AuditRow[], year: number, portalNames: Map<number, string>): void {
  const on = (r: AuditRow) => (r.onTime === 'seen-by' ? `seen by ${r.seenBy?.slice(0, 10) ?? '?'}` : r.onTime === '' ? '' : `${r.onTime} (${r.publishedDate}, ${r.dateSource})`);
  const table = rows.map((r) => [r.organ, r.divisionCode ?? '-', r.published, r.published === 'found' ? on(r) : '', `due ${r.deadline}`,
    [...r.problems, ...(r.changed.length ? [`changed after publication: captures ${r.changed.join(', ')}`] : [])].join('; ')]);
  printRows({ table: true } as never, ['organ', 'division', `published ${year}`, 'on time', 'deadline', 'problems'], table);
  const byPortal = new Map<number | null, AuditRow[]>();
  for (const r of rows) byPortal.set(r.portalId, [...(byPortal.get(r.portalId) ?? []), r]);
  console.log('');
  for (const [portalId, list] of byPortal) {
    const count = (f: (r: AuditRow) => boolean) => list.filter(f).length;
    const expected = count((r) => r.published !== 'not-expected');
    console.log(`${portalId === null ? 'no portal' : portalNames.get(portalId) ?? `portal ${portalId}`}: ${count((r) => r.published === 'found')} of ${expected} expected reports (organ × ${year}) found, `
      + `${count((r) => r.published === 'missing')} missing, ${count((r) => r.published === 'lookalike')} only look-alikes, `
      + `${count((r) => r.published === 'ocr-pending')} awaiting OCR, ${count((r) => r.onTime === 'late')} late, `
      + `${count((r) => r.onTime === 'seen-by')} without a printed date, ${count((r) => r.problems.length > 0)} with content problems, ${count((r) => r.changed.length > 0)} changed`);
  }
}

/** The `audit` command. */
export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'the yearly audit per portal and organ: published? on time? complete? changed after publication?',
  description: `
nianbao audit [--year N] [--portal ID] [--region CODE] [--deadline LEVEL=MM-DD ...] [--csv | --json]

For one year (default: the last complete one, ${lastCompleteYear()}), one line per organ of the registry
(and per organ its county portal is expected to have, from the division dataset):
- published: found | missing | lookalike (only documents that look like the report) | unparsed |
  ocr-pending (a scan stored unread by crawl --ocr-later; nianbao reparse --failed ocr_deferred) |
  not-expected (a department before the first year it was seen);
- on time: the publication date read from the page or document (发布日期, the date printed in the
  report, PubDate meta) against the deadline; without one, "seen by" the first capture — no claim
  of lateness is made from a crawl date. Deadlines (条例 2019 第四十九条): departments of county-level
  and higher governments 01-31, those governments 03-31 of the next year; townships and 街道 are
  not named there: ${DEFAULT_DEADLINES.township} by default, as most counties require. --deadline changes one for
  this run; with --save it is stored (for --portal, or for every portal);
- problems: tables without figures, the 2019 form used for 2020 or later, checks failing because
  of the source; changed: the capture ids of each version when the report's bytes changed.
Counts are reports (organ × year); a document is one page or attachment.`,
  options: {
    year: number('N', 'the year the reports cover (default: the last complete year)', { integer: true, min: 2008, max: 2100 }),
    portal: number('ID', 'only organs of this portal', { integer: true, min: 1 }),
    region: text('CODE', 'only organs whose division code starts with CODE (2, 4, 6 or 9 digits)'),
    deadline: repeated('LEVEL=MM-DD', `a deadline of the next year by level (${Object.keys(DEFAULT_DEADLINES).join(', ')}); repeatable`),
    save: flag('store the --deadline values (for --portal, or for every portal)'),
    flagged: flag('only organs with something to act on'),
    csv: flag('CSV with a header line'),
    json: flag('a JSON array of objects'),
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 when nothing is flagged, 1 when an organ is missing, late, incomplete or changed, 2 for a\nbad option, 3 when there is no archive at the path.',
  examples: ['nianbao audit --year 2024', 'nianbao audit --portal 3 --deadline township=03-31 --save', 'nianbao audit --region 411621 --flagged --csv > audit.csv', 'nianbao audit --json'],
  async run({ options }) {
    if (options.csv && options.json) throw new UsageError('choose --csv or --json, not both');
    if (options.region !== undefined && !/^\d{2,12}$/.test(options.region)) throw new UsageError(`--region wants 2 to 12 digits, got '${options.region}'`);
    const deadlines = parseDeadlines(options.deadline);
    if (options.save && Object.keys(deadlines).length === 0) throw new UsageError('--save stores the --deadline values: give at least one');
    const archive = openExistingArchive(archivePath(options.db), { readonly: !options.save });
    try {
      if (options.save) for (const [level, day] of Object.entries(deadlines)) setDeadline(archive, level, day, options.portal ?? 0);
      const { year, rows: all } = auditYear(archive, { year: options.year, portalId: options.portal, regionPrefix: options.region, deadlines });
      const rows = options.flagged ? all.filter(auditFlags) : all;
      if (options.json) console.log(JSON.stringify(rows, null, 2));
      else if (options.csv) printRows({ csv: true } as never, COLUMNS, rows.map(cells));
      else printReadable(rows, year, new Map(listPortals(archive).map((p) => [p.id, p.name ?? p.url])));
      return all.some(auditFlags) ? ExitCode.problems : ExitCode.ok;
    } catch (error) {
      if (error instanceof ArchiveError) throw new UsageError(error.message);
      throw error;
    } finally {
      archive.close();
    }
  },
});
