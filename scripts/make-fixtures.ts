// Generates test/fixtures/seeds: every seed report rendered as an HTML page (UTF-8, and GBK for
// two seeds), then converted by LibreOffice into PDF, DOCX and DOC, a WPS copy of the DOC, and an
// image-only scanned PDF; plus non-report files the parsers must refuse (garbage/). Needs
// libreoffice-writer-nogui and libreoffice-calc-nogui, poppler-utils, img2pdf, fonts-noto-cjk.
// Also the regression fixtures (test/fixtures/regressions, see scripts/fixtures/regressions.ts).
// Also the photographed-paper fixtures (test/fixtures/photographed, see scripts/fixtures/write-photographed.ts).
// Run: node --import tsx scripts/make-fixtures.ts [--html-only] [--extras-only] [--rtf-only] [--regressions-only]
//      [--photographed-only [--only STEM]]
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { renderReportHtml, type ExpectedReport } from './fixtures/render-html.ts';
import { convertHtml, convertToDoc, makeSpreadsheet, scanPdf } from './fixtures/convert.ts';
import { writeRegressions } from './fixtures/write-regressions.ts';
import { writePhotographed } from './fixtures/write-photographed.ts';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
const OUT = join(ROOT, 'test', 'fixtures', 'seeds');

/** Seeds also published as GBK pages (charset named only in <meta http-equiv>). */
const GBK_SEEDS = new Set(['001_46e25f98fd9935f9', '003_d677def7845cc038']);
/** Seeds also saved as RTF, which portals often serve under a .doc name. */
const RTF_SEEDS = new Set(['002_03ef826aa882f677', '003_d677def7845cc038']);
/** The 2019-format seed carries the stray empty cells its Word export had. */
const STRAY_CELL_SEEDS = new Set(['002_03ef826aa882f677']);

function seedNames(): string[] {
  return readdirSync(join(SHARED, 'spec', 'expected')).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();
}

function renderSeed(name: string, htmlOnly: boolean): void {
  const expected = JSON.parse(readFileSync(join(SHARED, 'spec', 'expected', `${name}.json`), 'utf8')) as ExpectedReport;
  const seedText = readFileSync(join(SHARED, 'seeds', `${name}.txt`), 'utf8');
  const strayCells = STRAY_CELL_SEEDS.has(name);
  const htmlPath = join(OUT, `${name}.html`);
  writeFileSync(htmlPath, renderReportHtml(expected, seedText, { strayCells }));
  if (GBK_SEEDS.has(name)) {
    const gbk = renderReportHtml(expected, seedText, { strayCells, charset: 'gb2312' });
    writeFileSync(join(OUT, `${name}.gbk.html`), iconv.encode(gbk, 'gbk'));
  }
  if (htmlOnly) return;
  for (const target of ['pdf', 'docx', 'doc'] as const) convertHtml(htmlPath, target, OUT);
  if (RTF_SEEDS.has(name)) convertHtml(htmlPath, 'rtf', OUT);
  // WPS Office saves .wps as the same Word 97 binary (OLE) format as .doc.
  copyFileSync(join(OUT, `${name}.doc`), join(OUT, `${name}.wps`));
  scanPdf(join(OUT, `${name}.pdf`), join(OUT, `${name}.scan.pdf`));
  console.log(`rendered ${name}`);
}

/** The real blank template (DOCX, all value cells empty) saved as Word 97, as WPS users publish it. */
function renderBlankTemplateDoc(): void {
  mkdirSync(join(OUT, 'template'), { recursive: true });
  convertToDoc(join(SHARED, 'corpus', 'peers', 'govnianbao', '政务公开年报模版.docx'), join(OUT, 'template', 'blank-template.doc'));
  console.log('rendered template/blank-template.doc');
}

function renderGarbage(): void {
  mkdirSync(join(OUT, 'garbage'), { recursive: true });
  makeSpreadsheet('单位,收到申请数\n办公室,3\n司法所,0\n', join(OUT, 'garbage', 'spreadsheet.xls'));
  console.log('rendered garbage/spreadsheet.xls');
}

mkdirSync(OUT, { recursive: true });
if (process.argv.includes('--photographed-only')) {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  writePhotographed(SHARED, OUT, join(ROOT, 'test', 'fixtures', 'photographed'), only);
  process.exit(0);
}
if (process.argv.includes('--regressions-only')) {
  await writeRegressions(SHARED, join(ROOT, 'test', 'fixtures', 'regressions'));
  process.exit(0);
}
const htmlOnly = process.argv.includes('--html-only');
if (process.argv.includes('--rtf-only')) for (const name of RTF_SEEDS) convertHtml(join(OUT, `${name}.html`), 'rtf', OUT);
else if (!process.argv.includes('--extras-only')) for (const name of seedNames()) renderSeed(name, htmlOnly);
if (!htmlOnly && !process.argv.includes('--rtf-only')) {
  renderBlankTemplateDoc();
  renderGarbage();
  await writeRegressions(SHARED, join(ROOT, 'test', 'fixtures', 'regressions'));
  writePhotographed(SHARED, OUT, join(ROOT, 'test', 'fixtures', 'photographed'));
}
