// Garbage in gets a clear error or a `template: null` result with its reason: never a crash,
// never invented numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { parseDocument, parseDocumentSafely, UnreadableDocumentError } from '../../parsers/index.ts';

async function rejectsWith(bytes: Uint8Array, code: string): Promise<void> {
  await assert.rejects(parseDocument(bytes), (error: unknown) => {
    assert.ok(error instanceof UnreadableDocumentError, String(error));
    assert.equal(error.code, code);
    assert.ok(error.message.length > 10);
    return true;
  });
}

test('an empty file is refused with a reason', async () => {
  await rejectsWith(new Uint8Array(), 'empty');
});

test('a ZIP that is not a DOCX is refused', async () => {
  await rejectsWith(zipSync({ 'readme.txt': new TextEncoder().encode('hello') }), 'not_docx');
});

test('a 50 MB file is refused before any work', async () => {
  const huge = new Uint8Array(50 * 1024 * 1024);
  huge.set(new TextEncoder().encode('%PDF-1.7\n'));
  await rejectsWith(huge, 'too_large');
});

test('random binary bytes are refused', async () => {
  const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
  await rejectsWith(bytes, 'unknown_format');
});

test('a text that is not a report gives template null and a reason, no fields', async () => {
  const result = await parseDocument(Buffer.from('今天天气很好。\n我们去公园散步，看到了 3 只鸟。\n'));
  assert.equal(result.template, null);
  assert.match(result.reason!, /not a report/);
  assert.deepEqual(result.fields, {});
});

test('parseDocumentSafely turns an unreadable document into a result with its reason', async () => {
  const result = await parseDocumentSafely(new Uint8Array());
  assert.equal(result.template, null);
  assert.match(result.reason!, /^empty:/);
});

test('the CLI prints a clear error for an unreadable file and exits 3, and goes on to the next file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-garbage-'));
  writeFileSync(join(dir, 'empty.pdf'), '');
  writeFileSync(join(dir, 'ok.txt'), '某镇人民政府2021年政府信息公开工作年度报告\n');
  const run = spawnSync('node_modules/.bin/nianbao', ['parse', join(dir, 'empty.pdf'), join(dir, 'ok.txt'), '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 3);
  assert.match(run.stderr, /empty/);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].error, 'empty');
  assert.equal(lines[1].organ, '某镇人民政府');
});
