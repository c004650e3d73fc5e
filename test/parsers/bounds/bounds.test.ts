// Hostile sizes end fast, in bounded memory, with a result or a coded refusal (issue 14): deeply
// nested HTML tables (20,000 took 21.6 s with cheerio, 100,000 over 120 s) and 39 MiB texts
// (3.3 GB). The inputs are made here; the bounds are loose, set to catch the failure, not to time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceUsage } from 'node:process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentSafely } from '../../../parsers/index.ts';
import { SEEDS_DIR } from '../../helpers/expected.ts';

const MAX_SECONDS = 20;
const MAX_RSS_MB = 1500;

async function timed(bytes: Buffer) {
  const started = performance.now();
  const result = await parseDocumentSafely(bytes);
  return { result, seconds: (performance.now() - started) / 1000 };
}

function peakRssMb(): number {
  return resourceUsage().maxRSS / 1024;
}

for (const depth of [20_000, 100_000]) {
  test(`HTML with ${depth.toLocaleString('en')} nested tables ends in seconds`, async () => {
    const closed = `<html><body>${'<table><tr><td>'.repeat(depth)}规章 1${'</td></tr></table>'.repeat(depth)}</body></html>`;
    const unclosed = `<html><body>${'<table><tr><td>'.repeat(depth)}x`;
    for (const html of [closed, unclosed]) {
      const { result, seconds } = await timed(Buffer.from(html));
      assert.ok(seconds < MAX_SECONDS, `${seconds.toFixed(1)} s`);
      assert.equal(result.template, null);
      assert.match(result.reason ?? '', /not a report/);
    }
    assert.ok(peakRssMb() < MAX_RSS_MB, `peak RSS ${peakRssMb().toFixed(0)} MB`);
  });
}

test('an HTML page of millions of elements is refused as too_complex, not built', async () => {
  const { result, seconds } = await timed(Buffer.from(`<html><body>${'<div><b>x</b>'.repeat(700_000)}</body></html>`));
  assert.match(result.reason ?? '', /^too_complex: /);
  assert.ok(seconds < MAX_SECONDS);
});

test('39 MiB texts of every shape end in seconds with a coded refusal or a result', async () => {
  const seed = readFileSync(join(SEEDS_DIR, '004_6dd11e94be6ffc3a.txt'), 'utf8');
  const size = 39 * 1024 * 1024;
  const shapes = {
    'a report repeated': seed.repeat(Math.ceil(size / 3 / seed.length)),
    'figures on one line': '0 '.repeat(size / 2),
    'a figure per line': '0\n'.repeat(size / 2),
    'one long word': 'a'.repeat(size),
  };
  for (const [shape, text] of Object.entries(shapes)) {
    const { result, seconds } = await timed(Buffer.from(text));
    assert.ok(seconds < MAX_SECONDS, `${shape}: ${seconds.toFixed(1)} s`);
    assert.ok(/^too_complex: /.test(result.reason ?? '') || result.template === null, `${shape}: ${result.reason}`);
  }
  assert.ok(peakRssMb() < MAX_RSS_MB, `peak RSS ${peakRssMb().toFixed(0)} MB`);
});
