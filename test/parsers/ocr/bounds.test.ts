// OCR bounded (issue 14): a 23 KB PDF of 200 blank pages took a crawl to ~5 GB and 200- and 5000-page
// blank PDFs did not finish `parse` in 120 s. Pages are glanced at as thumbnails first (blank ones
// skipped), the resolution is capped by pixels, OCR is cancellable and its children die with their
// parent, and temporary folders do not stay behind. Inputs are generated here; bounds are loose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, UnreadableDocumentError } from '../../../parsers/index.ts';
import { cleanStaleOcrTemp } from '../../../parsers/ocr/temp.ts';
import { blankPdf, minimalPdf } from '../../helpers/minimal-pdf.ts';
import { FIXTURES_DIR, REPO_ROOT } from '../../helpers/paths.ts';

const ENTRY = join(REPO_ROOT, 'dist', 'scripts', 'cli', 'entry.js');
const SCAN = join(FIXTURES_DIR, 'seeds', '003_d677def7845cc038.scan.pdf');

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof UnreadableDocumentError, String(error));
    return error.code;
  }
  return 'no error';
}

/** The OCR children (tesseract, pdftoppm, a setpriv wrapper) of a process still running, as "pid comm". */
function children(pid = process.pid): string[] {
  const out = spawnSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').map((l) => l.trim().split(/\s+/))
    .filter(([, stat, comm]) => stat && !stat.startsWith('Z') && /^(tesseract|pdftoppm|setpriv)$/.test(comm))
    .map(([p, , comm]) => `${p} ${comm}`);
}

/**
 * Runs `work` with wrappers ahead of the real binaries on PATH: `wrappers` maps a binary's name to
 * the shell lines run before it (`$REAL` is the real binary; they may exit instead). Gets the
 * wrappers' folder (a log may be written there).
 */
async function withWrappedBinaries(wrappers: Record<string, string>, work: (bin: string) => Promise<void>): Promise<void> {
  const bin = mkdtempSync(join(tmpdir(), 'wrapped-ocr-'));
  for (const [name, lines] of Object.entries(wrappers)) {
    const real = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(bin, name), `#!/bin/sh\nREAL=${real}\n${lines}\nexec "$REAL" "$@"\n`, { mode: 0o755 });
  }
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  try {
    await work(bin);
  } finally {
    process.env.PATH = path;
    rmSync(bin, { recursive: true, force: true });
  }
}

for (const pages of [200, 5000]) {
  test(`nianbao parse of a ${pages}-page blank PDF ends in seconds with the coded refusal 'blank'`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-blank-'));
    try {
      const file = join(dir, `blank-${pages}.pdf`);
      writeFileSync(file, blankPdf(pages));
      const started = performance.now();
      const run = spawnSync(process.execPath, [ENTRY, 'parse', '--json', file], { encoding: 'utf8', timeout: 60_000 });
      const seconds = (performance.now() - started) / 1000;
      assert.equal(run.status, 3, run.stderr);
      assert.equal(JSON.parse(run.stdout).error, 'blank');
      assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a page too large to render (200 × 200 inches, no text layer) is refused as too_complex before rendering', async () => {
  const huge = minimalPdf([{ width: 14400, height: 14400, content: '0 g 1000 1000 8000 8000 re f' }]);
  const started = performance.now();
  assert.equal(await codeOf(parseDocument(huge)), 'too_complex');
  assert.ok(performance.now() - started < 30_000);
});

test('OCR is cancelled by its AbortSignal: coded error, no tesseract or pdftoppm left, temp folder gone', async () => {
  const controller = new AbortController();
  const parse = parseDocument(readFileSync(SCAN), { signal: controller.signal });
  // Abort once a child is at work (pdftoppm or tesseract), or after 10 s at most.
  for (let waited = 0; waited < 10_000 && children().length === 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.ok(children().length > 0, 'an OCR child was started');
  const aborted = performance.now();
  controller.abort();
  assert.equal(await codeOf(parse), 'cancelled');
  assert.ok(performance.now() - aborted < 5000, 'ends soon after the abort');
  for (let waited = 0; waited < 3000 && children().length > 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(children(), []);
  assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith(`nianbao-ocr-${process.pid}-`)), []);
  assert.equal(await codeOf(parseDocument(readFileSync(SCAN), { signal: AbortSignal.abort() })), 'cancelled');
});

test('a tesseract run failing while other pages are read is ocr_failed once every run has ended: no child left, temp folder gone', async () => {
  // Pages are read as they are prepared, several runs at once (page-reading.ts, run-queue.ts). This tesseract
  // fails on the second page's running text and reads everything else.
  await withWrappedBinaries({ tesseract: 'case "$1" in *text-0001*) echo "page unreadable" >&2; exit 3;; esac' }, async () => {
    const parse = parseDocument(readFileSync(SCAN));
    assert.equal(await codeOf(parse), 'ocr_failed');
    assert.deepEqual(children(), [], 'the failure is thrown once the other runs have ended');
    assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith(`nianbao-ocr-${process.pid}-`)), []);
  });
});

test('a scan is read while it is being prepared: the first page goes to tesseract before the last page is rendered', async () => {
  // The order of the children's starts, logged by wrappers around the real binaries: before page
  // reading was pipelined (page-reading.ts), every page was rendered and prepared before the first
  // tesseract run. Order, not time: the assertion does not depend on the machine's speed.
  const logStart = (name: string) => `echo "${name} $*" >> "$(dirname "$0")/starts.log"`;
  await withWrappedBinaries({ tesseract: logStart('tesseract'), pdftoppm: logStart('pdftoppm') }, async (bin) => {
    const result = await parseDocument(readFileSync(SCAN));
    assert.ok(result.fields && Object.keys(result.fields).length > 0, 'the scan was read');
    const starts = readFileSync(join(bin, 'starts.log'), 'utf8').trim().split('\n');
    const renders = starts.map((line, i) => (/^pdftoppm -r 300 /.test(line) ? i : -1)).filter((i) => i >= 0);
    const firstText = starts.findIndex((line) => /^tesseract \S*text-0000/.test(line));
    assert.ok(renders.length >= 3, `pages rendered one by one: ${starts.join(' | ')}`);
    assert.ok(firstText >= 0 && firstText < renders[renders.length - 1], `the first page's text is read before the last page is rendered: ${starts.join(' | ')}`);
  });
});

test('a parse killed with kill -9 takes its OCR children with it', async () => {
  const script = `import { readFileSync } from 'node:fs';
    import { parseDocument } from ${JSON.stringify(join(REPO_ROOT, 'parsers', 'index.ts'))};
    await parseDocument(readFileSync(${JSON.stringify(SCAN)}));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: 'ignore' });
  try {
    let grandchildren: string[] = [];
    // tesseract reads a page batch for seconds: kill the parse while one is at work.
    for (let waited = 0; waited < 60_000 && !grandchildren.some((c) => c.endsWith('tesseract')); waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      grandchildren = children(child.pid!);
    }
    assert.ok(grandchildren.some((c) => c.endsWith('tesseract')), 'the parse started tesseract');
    const pids = grandchildren.map((l) => Number(l.split(/\s+/)[0]));
    child.kill('SIGKILL');
    // Running, not a zombie waiting for init to reap it.
    const alive = () => pids.filter((pid) => {
      const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
      return stat !== '' && !stat.startsWith('Z');
    });
    for (let waited = 0; waited < 3000 && alive().length > 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(alive(), [], 'no OCR child outlives its parse');
  } finally {
    child.kill('SIGKILL');
  }
});

test('OCR temp folders of processes that are gone are removed; a running process keeps its own', async () => {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-tmproot-'));
  try {
    const gone = spawnSync('true').pid!;
    const sleeper = spawn('sleep', ['30']);
    const stale = join(root, `nianbao-ocr-${gone}-abcDEF`);
    const live = join(root, `nianbao-ocr-${sleeper.pid}-ghiJKL`);
    const other = join(root, 'nianbao-ocr-notours');
    for (const dir of [stale, live, other]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'page-1.pgm'), Buffer.alloc(1024));
    }
    const removed = await cleanStaleOcrTemp(root);
    sleeper.kill();
    assert.deepEqual(removed, [stale]);
    assert.ok(!existsSync(stale) && existsSync(live) && existsSync(other));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a 30000 × 30000 PNG is refused as too_complex from its header, before anything decodes it', async () => {
  const { deflateSync } = await import('node:zlib');
  const crc = (data: Buffer) => {
    let c = ~0;
    for (const byte of data) { c ^= byte; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
    return (~c) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30000, 0); header.writeUInt32BE(30000, 4); header[8] = 8; // 8-bit grey
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(0))), chunk('IEND', Buffer.alloc(0))]);
  const started = performance.now();
  assert.equal(await codeOf(parseDocument(png)), 'too_complex');
  assert.ok(performance.now() - started < 5000);
});
