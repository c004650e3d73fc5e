// PDFs parsed at the same time: pdfjs-dist shares the page count of the last opened document across
// the process, so without a queue a PDF opened while another is read loses its later pages (the seed
// beside a one-page PDF gave 0 of 200 figures). Each parse in a Promise.all must equal its parse
// alone, and a parse that lost pages must fail its `parse.pages` check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractDocument, parseDocument } from '../../../parsers/index.ts';
import { buildReport } from '../../../parsers/report/index.ts';
import { FIXTURES_DIR, SHARED } from '../../helpers/paths.ts';

const SEEDS = join(FIXTURES_DIR, 'seeds');
const seedPdfs = readdirSync(SEEDS).filter((f) => /^\d{3}_[0-9a-f]+\.pdf$/.test(f)).map((f) => join(SEEDS, f));
const corpusPdfs = ['KIROGOVCOMPARE/hzq2023_working.pdf', 'KIROGOVCOMPARE/hzq2024_working.pdf', 'govnianbao/szfgs2024.pdf']
  .map((p) => join(SHARED, 'corpus', 'peers', p));

/** A one-page PDF cut from a seed by qpdf: the short document that used to reset the others' page count. */
function onePagePdf(dir: string): string {
  const out = join(dir, 'one-page.pdf');
  execFileSync('qpdf', ['--empty', '--pages', seedPdfs[0], '1', '--', out]);
  return out;
}

/** What a parse says, minus nothing: fields, cells, checks, text, warnings. */
function summary(result: Awaited<ReturnType<typeof parseDocument>>): string {
  return JSON.stringify({ fields: result.fields, cells: result.cells, checks: result.checks, text: result.text, warnings: result.warnings });
}

test('PDFs parsed at once (seeds, corpus PDFs and a one-page PDF) each equal their parse alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-pdf-concurrent-'));
  try {
    const files = [...seedPdfs, ...corpusPdfs, onePagePdf(dir)];
    const alone: string[] = [];
    for (const file of files) alone.push(summary(await parseDocument(readFileSync(file))));
    // Every PDF at once, twice over, and the one-page PDF opened again and again while the others
    // are being read (as in a crawl: a short attachment arrives while a report is parsed).
    const long = [...files.keys(), ...files.keys()];
    const running = long.map((i) => parseDocument(readFileSync(files[i])));
    const short: Promise<Awaited<ReturnType<typeof parseDocument>>>[] = [];
    for (let n = 0; n < 12; n++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      short.push(parseDocument(readFileSync(files[files.length - 1])));
    }
    const together = await Promise.all(running);
    long.forEach((i, n) => assert.equal(summary(together[n]), alone[i], `${files[i]} parsed beside others differs from its parse alone`));
    for (const result of await Promise.all(short)) assert.equal(summary(result), alone[files.length - 1]);
    const seed = JSON.parse(alone[0]);
    assert.ok(Object.values(seed.fields).filter((v) => v !== null).length > 150, 'the seed has its figures');
    assert.ok(seed.checks.some((c: { rule: string; ok: boolean }) => c.rule === 'parse.pages' && c.ok));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a PDF parse that read fewer pages than the file has fails parse.pages, blaming the parse', async () => {
  const whole = await extractDocument(readFileSync(seedPdfs[0]));
  assert.ok(whole.pages && whole.pages > 1 && whole.pagesRead === whole.pages);
  assert.ok(buildReport(whole).checks.find((c) => c.rule === 'parse.pages')?.ok);
  // The same document as a reader that lost every page after the first (no table left: no
  // template) or after the third (part of the tables left) would hand it over.
  for (const kept of [1, 3]) {
    const rows = whole.rows.filter((r) => r.cells.every((c) => (c.prov.page ?? 0) <= kept));
    const lost = { ...whole, rows, text: rows.map((r) => r.cells.map((c) => c.text).join(' ')).join('\n'), pagesRead: kept };
    const result = buildReport(lost);
    const check = result.checks.find((c) => c.rule === 'parse.pages');
    assert.ok(check && !check.ok, `parse.pages fails with ${kept} page(s) read`);
    assert.equal(check.blame, 'parse');
    assert.match(check.detail, new RegExp(`^${kept} of ${whole.pages} pages read`));
    assert.ok(result.confidence < 0.9, `confidence ${result.confidence}`);
    if (result.template === null) assert.match(result.reason ?? '', new RegExp(`only ${kept} of ${whole.pages} pages read`));
  }
});
