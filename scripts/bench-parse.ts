// Benchmark: parse time per document and per page for every fixture format and the corpus PDFs,
// and for text-layer PDFs the ratio to `pdftotext -layout` on the same files.
// The PDF ratio is taken the way a crawl or a reparse runs, many files in one process: the first
// PDF (pdfjs's start-up: loading and compiling it, cold JIT) is reported apart, then every file is
// parsed once more to warm up, then ROUNDS rounds alternate our parse and pdftotext file by file.
// The ratio is the sum of our times over the sum of pdftotext's; pdftotext is a process per file,
// so its start-up (`pdftotext -v`, measured in the same run) is shown, and the ratio without it.
// Also: HTML report pages per second per core (CPU time), beside htmlparser2 building the same pages'
// DOM in the same run (the floor any tree-walking reader pays), as a ratio.
// Run: node --import tsx scripts/bench-parse.ts [format…] [--rounds N] [--parsers FILE]
//   (e.g. `pdf html`: only those formats, no OCR; --parsers dist/parsers/index.js, or an older
//   build's copy, times that build instead of the sources)
import { execFileSync } from 'node:child_process';
import { parseDocument as buildDom } from 'htmlparser2';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { optionValue, parseArgs } from './cli/args.ts';

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

function pdftotext(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** A PDF whose text layer holds next to nothing is a scan (or photographs): OCR reads it. */
function formatOf(path: string): string {
  if (path.endsWith('.gbk.html')) return 'html';
  if (path.endsWith('.pdf')) return path.endsWith('.scan.pdf') || pdftotext(path).replace(/\s/g, '').length < 200 ? 'scan.pdf' : 'pdf';
  return path.split('.').pop() ?? '?';
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 1);
}

function msOf(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

async function parseMs(bytes: Buffer): Promise<number | null> {
  const start = performance.now();
  try {
    await parseDocument(bytes);
  } catch {
    return null; // garbage fixtures are refused; they are not part of the timing
  }
  return performance.now() - start;
}

interface Sample { file: string; format: string; ms: number; pages: number; pdftotextMs?: number }

const args = parseArgs(process.argv.slice(2), [], ['rounds', 'parsers']);
const rounds = Number(optionValue(args, 'rounds', '3'));
const parsers = optionValue(args, 'parsers', join(ROOT, 'parsers', 'index.ts'))!;
const { parseDocument } = (await import(pathToFileURL(parsers).href)) as typeof import('../parsers/index.ts');
const only = args.positionals;
const files = [...listFiles(join(ROOT, 'test', 'fixtures')).filter((f) => /\.(pdf|html?|docx|doc|wps|rtf|txt)$/.test(f)), ...CORPUS_PDFS]
  .map((file) => ({ file, format: formatOf(file) }))
  .filter((f) => only.length === 0 || only.includes(f.format));
const label = (file: string) => file.replace(ROOT + '/', '').padEnd(70);

// Every format but text-layer PDFs: one parse each.
const samples: Sample[] = [];
for (const { file, format } of files.filter((f) => f.format !== 'pdf')) {
  const ms = await parseMs(readFileSync(file));
  if (ms === null) continue;
  const pages = file.endsWith('.pdf') ? pdfPages(file) : 1;
  console.log(`${label(file)} ${ms.toFixed(0).padStart(7)} ms ${pages} p`);
  samples.push({ file, format, ms, pages });
}

// Text-layer PDFs: the first one cold, a warm-up round, then rounds alternating with pdftotext.
const pdfs = files.filter((f) => f.format === 'pdf').map(({ file }) => ({ file, bytes: readFileSync(file), pages: pdfPages(file), ms: 0, pdftotextMs: 0 }));
if (pdfs.length) {
  const cold = (await parseMs(pdfs[0].bytes)) ?? NaN;
  for (const pdf of pdfs) {
    await parseMs(pdf.bytes);
    pdftotext(pdf.file);
  }
  const pdftotextStart = Math.min(...Array.from({ length: 5 }, () => msOf(() => execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }))));
  for (let round = 0; round < rounds; round++) {
    for (const pdf of pdfs) {
      pdf.ms += ((await parseMs(pdf.bytes)) ?? NaN) / rounds;
      pdf.pdftotextMs += msOf(() => pdftotext(pdf.file)) / rounds;
    }
  }
  for (const pdf of pdfs) {
    console.log(`${label(pdf.file)} ${pdf.ms.toFixed(0).padStart(7)} ms ${pdf.pages} p  ×${(pdf.ms / pdf.pdftotextMs).toFixed(1)} pdftotext (${pdf.pdftotextMs.toFixed(0)} ms)`);
    samples.push({ file: pdf.file, format: 'pdf', ms: pdf.ms, pages: pdf.pages, pdftotextMs: pdf.pdftotextMs });
  }
  const ours = pdfs.reduce((a, p) => a + p.ms, 0);
  const theirs = pdfs.reduce((a, p) => a + p.pdftotextMs, 0);
  const perFile = pdfs.map((p) => p.ms / p.pdftotextMs).sort((a, b) => a - b);
  console.log(`\ntext-layer PDFs (${pdfs.length} files, ${rounds} rounds, warm): ${(ours / pdfs.length).toFixed(0)} ms/doc, pdftotext -layout ${(theirs / pdfs.length).toFixed(0)} ms/doc`
    + ` → ×${(ours / theirs).toFixed(2)} (per file ×${perFile[0].toFixed(1)}–${perFile[perFile.length - 1].toFixed(1)});`
    + ` pdftotext's process start-up ${pdftotextStart.toFixed(0)} ms, without it ×${(ours / (theirs - pdftotextStart * pdfs.length)).toFixed(2)}`);
  console.log(`first PDF of the process (pdfjs loaded and compiled, cold JIT): ${cold.toFixed(0)} ms (${label(pdfs[0].file).trim()}, warm ${pdfs[0].ms.toFixed(0)} ms)`);
}

console.log('\nformat     docs   ms/doc   ms/page');
for (const format of [...new Set(samples.map((s) => s.format))].sort()) {
  const group = samples.filter((s) => s.format === format);
  const ms = group.reduce((a, s) => a + s.ms, 0);
  const pages = group.reduce((a, s) => a + s.pages, 0);
  console.log(`${format.padEnd(10)} ${String(group.length).padStart(4)} ${(ms / group.length).toFixed(0).padStart(8)} ${(ms / pages).toFixed(1).padStart(9)}`);
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

const htmlPages = files.filter((f) => f.format === 'html').map((f) => readFileSync(f.file));
if (htmlPages.length) {
  const parsed = await docsPerCpuSecond(htmlPages, (page) => parseDocument(page));
  const domOnly = await docsPerCpuSecond(htmlPages, (page) => buildDom(page.toString('utf8')));
  console.log(`\nHTML report pages (${htmlPages.length} pages): ${parsed.toFixed(0)} docs/s/core parsed to fields; htmlparser2 DOM only: ${domOnly.toFixed(0)} docs/s/core; ratio ${(parsed / domOnly).toFixed(2)}`);
}
