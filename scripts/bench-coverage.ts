// Benchmark: the coverage matrix and the audit of a page of 100 organs in an archive of 100,000
// reports (organ × year), beside the previous way of building the matrix (every report and every
// unparsed parse read, grouped in JavaScript, then a page cut out) in the same run, as a ratio.
// The archive is made with SQL (organs, aliases, captures, parses, reports, checks; the reports of the
// measured pages get all their field rows, the others ten, to keep the file small).
// Run: node --import tsx scripts/bench-coverage.ts [--reports 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIELD_SPECS } from '../parsers/index.ts';
import { auditYear, coverageMatrix, openArchive, type Archive } from '../storage/index.ts';

const REPORTS = Number(process.argv[process.argv.indexOf('--reports') + 1]) || 100_000;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const PAGE = 100;

function build(archive: Archive): { organs: number } {
  const db = archive.db;
  // About 1 in 11 organ-years is missing and 1 in 13 unparsed: enough organs for REPORTS stored reports.
  const organs = Math.ceil(REPORTS / YEARS.length / (1 - 1 / 11 - 1 / 13));
  const portals = Math.ceil(organs / 20);
  const now = new Date().toISOString();
  const keys = FIELD_SPECS.map((f) => f.key);
  const fewKeys = keys.filter((k, i) => i % Math.ceil(keys.length / 10) === 0);
  // Captures name a sha256 without a stored body: the bodies are not what is measured.
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    const portal = db.prepare('INSERT INTO portals (id, url, name, division_code) VALUES (?, ?, ?, ?)');
    for (let p = 1; p <= portals; p++) portal.run(p, `http://portal-${p}.example/`, `县${p}`, String(100000 + p));
    const organ = db.prepare(`INSERT INTO organs (id, key, name, level, division_code, portal_id, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, 'seen', ?)`);
    const alias = db.prepare(`INSERT INTO organ_aliases (name, organ_id, reasons, doubt, seen_at) VALUES (?, ?, '[]', ?, ?)`);
    const capture = db.prepare(`INSERT INTO captures (id, url, fetched_at, last_seen_at, status, portal_id, sha256) VALUES (?, ?, ?, ?, 200, ?, ?)`);
    const parse = db.prepare(`INSERT INTO parses (id, capture_id, parser_version, parsed_at, organ, year, template, format, title, confidence, fields_filled, checks_failed, result)
      VALUES (?, ?, '1', ?, ?, ?, ?, 'html', ?, 1, ?, ?, ?)`);
    const report = db.prepare(`INSERT INTO reports (id, organ, year, parse_id, capture_id, portal_id, template, format, title, region_code, published_date, parser_version,
      confidence, fields_filled, checks_failed, chosen_why, candidates, updated_at, organ_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'html', ?, ?, ?, '1', 1, ?, ?, 'only', 1, ?, ?)`);
    const source = db.prepare(`INSERT INTO report_sources (report_id, capture_id, parse_id, role) VALUES (?, ?, ?, 'chosen')`);
    const field = db.prepare('INSERT INTO report_fields (report_id, key, value, raw) VALUES (?, ?, ?, ?)');
    const check = db.prepare('INSERT INTO report_checks (report_id, seq, rule, ok, blame, detail) VALUES (?, ?, ?, ?, ?, ?)');
    const measured = (o: number) => o <= PAGE || Math.abs(o - organs / 2) <= PAGE || o > organs - PAGE;
    let id = 0;
    let stored = 0;
    for (let o = 1; o <= organs; o++) {
      const division = `${100000 + Math.ceil(o / 20)}${String(100 + (o % 20)).padStart(3, '0')}`;
      const name = `县${Math.ceil(o / 20)}第${o}镇人民政府`;
      organ.run(o, `gov:${division}`, name, 'township', division, Math.ceil(o / 20), now);
      alias.run(name, o, o % 50 === 0 ? 'a doubt' : null, now);
      alias.run(`第${o}镇人民政府`, o, null, now);
      for (const year of YEARS) {
        if (stored >= REPORTS) break;
        ++id;
        // Some organ-years are missing and some did not parse: the matrix has every status.
        if ((o + year) % 11 === 0) continue;
        const unparsed = (o + year) % 13 === 0;
        capture.run(id, `http://portal-${Math.ceil(o / 20)}.example/${o}/${year}.html`, now, now, Math.ceil(o / 20), `sha-${id}`);
        const published = `${year + 1}-0${1 + (o % 4)}-15`;
        parse.run(id, id, now, name, year, unparsed ? null : '2021', `${name}${year}年报告`, unparsed ? 0 : 150, o % 7 === 0 ? 1 : 0,
          JSON.stringify({ publishedDate: published, publishedDateSource: 'page: 发布日期' }));
        if (unparsed) continue;
        stored++;
        report.run(id, name, year, id, id, Math.ceil(o / 20), '2021', `${name}${year}年报告`, division, published, 150, o % 7 === 0 ? 1 : 0, now, o);
        source.run(id, id, id);
        for (const [i, key] of (measured(o) ? keys : fewKeys).entries()) field.run(id, key, i % 5, String(i % 5));
        check.run(id, 0, 'apps.balance', o % 7 === 0 ? 0 : 1, o % 7 === 0 ? 'source' : null, '');
        check.run(id, 1, 'active.totals', 1, null, '');
      }
    }
  }).immediate();
  db.pragma('foreign_keys = ON');
  db.exec('ANALYZE');
  return { organs };
}

/** The matrix as it was built before the organ registry: every report and every unparsed parse, grouped in JavaScript. */
function baselineCoverage(archive: Archive, offset: number) {
  const db = archive.db;
  const reports = db.prepare(`SELECT r.id, r.organ, r.year, r.template, r.fields_filled, r.checks_failed, r.portal_id,
      COALESCE(r.region_code, p.division_code) AS region FROM reports r LEFT JOIN portals p ON p.id = r.portal_id`).all() as
    { id: number; organ: string; year: number; region: string | null; portal_id: number | null; checks_failed: number }[];
  const unparsed = db.prepare(`SELECT DISTINCT p.organ, p.year, c.portal_id FROM parses p JOIN captures c ON c.id = p.capture_id
    WHERE p.organ IS NOT NULL AND p.year IS NOT NULL AND p.template IS NULL
      AND p.id = (SELECT MAX(id) FROM parses WHERE capture_id = p.capture_id)`).all() as { organ: string; year: number }[];
  const rows = new Map<string, { organ: string; region: string | null; cells: Record<number, string> }>();
  for (const u of unparsed) {
    const row = rows.get(u.organ) ?? { organ: u.organ, region: null, cells: {} };
    row.cells[u.year] = 'unparsed';
    rows.set(u.organ, row);
  }
  for (const r of reports) {
    const row = rows.get(r.organ) ?? { organ: r.organ, region: r.region, cells: {} };
    row.cells[r.year] = r.checks_failed ? 'checks-failing' : 'ok';
    rows.set(r.organ, row);
  }
  return [...rows.values()].sort((a, b) => (a.region ?? '').localeCompare(b.region ?? '') || a.organ.localeCompare(b.organ, 'zh')).slice(offset, offset + PAGE);
}

function median(run: () => unknown, times = 7): number {
  run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    run();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-coverage-'));
try {
  const archive = openArchive(join(dir, 'archive.sqlite'));
  const started = Date.now();
  const { organs } = build(archive);
  const reports = archive.db.prepare('SELECT count(*) FROM reports').pluck().get() as number;
  console.log(`archive: ${reports} reports (organ × year) of ${organs} organs, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log('page of 100 organs            coverage (ms)  audit of 2024 (ms)  baseline coverage (ms)  baseline / ours');
  for (const [label, offset] of [['first', 0], ['middle', Math.floor(organs / 2)], ['last', organs - PAGE]] as const) {
    const ours = median(() => coverageMatrix(archive, { limit: PAGE, offset }));
    const audit = median(() => auditYear(archive, { year: 2024, limit: PAGE, offset }));
    const base = median(() => baselineCoverage(archive, offset), 3);
    const rows = coverageMatrix(archive, { limit: PAGE, offset }).rows.length;
    console.log(`${label.padEnd(8)} (${rows} rows)            ${ours.toFixed(1).padStart(8)}  ${audit.toFixed(1).padStart(18)}  ${base.toFixed(1).padStart(22)}  ${(base / ours).toFixed(1).padStart(12)} ×`);
  }
  archive.close();
} finally {
  if (process.env.KEEP_BENCH_ARCHIVE) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
