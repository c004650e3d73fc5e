// Benchmark: parse time per document and per page for every fixture format and the corpus PDFs,
// and for PDFs the ratio to `pdftotext -layout` on the same file.
// Also: HTML report pages per second per core (CPU time), beside htmlparser2 building the same pages'
// DOM in the same run (the floor any tree-walking reader pays), as a ratio.
// Run: node --import tsx scripts/bench-parse.ts [format…]   (e.g. `pdf html`: only those formats, no OCR)
import { execFileSync } from 'node:child_process';
import { parseDocument as buildDom } from 'htmlparser2';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../parsers/index.ts';

const ROOT = join(import.meta.dirname, '..');
const CORPUS_PDFS = [
  '../shared/corpus/peers/KIROGOVCOMPARE/hzq2023_working.pdf',
  '../shared/corpus/peers/KIROGOVCOMPARE/hzq2024_working.pdf',
  '../shared/corpus/peers/govnianbao/szfgs2024.pdf',
].map((p) => join(ROOT, p));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function formatOf(path: string): string {
  if (path.endsWith('.scan.pdf')) return 'scan.pdf';
  if (path.endsWith('.gbk.html')) return 'html';
  return path.split('.').pop() ?? '?';
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 1);
}

function pdftotextMs(path: string): number {
  const start = performance.now();
  execFileSync('pdftotext', ['-layout', path, '-'], { maxBuffer: 64 << 20 });
  return performance.now() - start;
}

interface Sample { format: string; ms: number; pages: number; ratio?: number }

async function measure(path: string): Promise<Sample | null> {
  const bytes = readFileSync(path);
  const start = performance.now();
  try {
    await parseDocument(bytes);
  } catch {
    return null; // garbage fixtures are refused; they are not part of the timing
  }
  const ms = performance.now() - start;
  const pages = path.endsWith('.pdf') ? pdfPages(path) : 1;
  const format = formatOf(path);
  const ratio = format === 'pdf' || format === 'scan.pdf' ? ms / pdftotextMs(path) : undefined;
  console.log(`${path.replace(ROOT + '/', '').padEnd(70)} ${ms.toFixed(0).padStart(7)} ms ${pages} p${ratio ? `  ×${ratio.toFixed(1)} pdftotext` : ''}`);
  return { format, ms, pages, ratio };
}

const only = process.argv.slice(2);
const files = [...listFiles(join(ROOT, 'test', 'fixtures')).filter((f) => /\.(pdf|html?|docx|doc|wps|rtf|txt)$/.test(f)), ...CORPUS_PDFS]
  .filter((f) => only.length === 0 || only.includes(formatOf(f)));
const samples: Sample[] = [];
for (const file of files) {
  const sample = await measure(file);
  if (sample) samples.push(sample);
}
console.log('\nformat     docs   ms/doc   ms/page   ×pdftotext');
for (const format of [...new Set(samples.map((s) => s.format))].sort()) {
  const group = samples.filter((s) => s.format === format);
  const ms = group.reduce((a, s) => a + s.ms, 0);
  const pages = group.reduce((a, s) => a + s.pages, 0);
  const ratios = group.filter((s) => s.ratio !== undefined);
  const ratio = ratios.length ? (ratios.reduce((a, s) => a + s.ratio!, 0) / ratios.length).toFixed(1) : '';
  console.log(`${format.padEnd(10)} ${String(group.length).padStart(4)} ${(ms / group.length).toFixed(0).padStart(8)} ${(ms / pages).toFixed(1).padStart(9)}   ${ratio}`);
}

/** Documents per CPU-second of `work` over `pages`, repeated for at least `seconds` of wall time. */
async function docsPerCpuSecond(pages: Buffer[], work: (page: Buffer) => unknown, seconds = 3): Promise<number> {
  for (const page of pages) await work(page);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let done = 0;
  while (performance.now() - wall < seconds * 1000) {
    for (const page of pages) {
      await work(page);
      done++;
    }
  }
  const used = process.cpuUsage(cpu);
  return done / ((used.user + used.system) / 1e6);
}

const htmlPages = files.filter((f) => /\.html?$/.test(f)).map((f) => readFileSync(f));
const parsed = await docsPerCpuSecond(htmlPages, (page) => parseDocument(page));
const domOnly = await docsPerCpuSecond(htmlPages, (page) => buildDom(page.toString('utf8')));
console.log(`\nHTML report pages (${htmlPages.length} pages): ${parsed.toFixed(0)} docs/s/core parsed to fields; htmlparser2 DOM only: ${domOnly.toFixed(0)} docs/s/core; ratio ${(parsed / domOnly).toFixed(2)}`);
