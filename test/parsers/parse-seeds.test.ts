// The five seed reports, as extracted text in their three layouts, parse to their hand-checked answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { EXPECTED_DIR, SEEDS_DIR, assertMatchesExpected, loadExpected, seedNames } from '../helpers/expected.ts';

for (const name of seedNames()) {
  test(`seed ${name} (text) matches its expected answer`, async () => {
    const expected = loadExpected(join(EXPECTED_DIR, `${name}.json`));
    const result = await parseDocument(readFileSync(join(SEEDS_DIR, `${name}.txt`)));
    assertMatchesExpected(result, expected);
    assert.equal(Object.keys(result.fields).length, expected.template === '2019' ? 198 : 200);
    assert.ok(result.sections.some((s) => s.heading.startsWith('五、') || s.heading.startsWith('六、')));
  });
}

test('blank cells of seed 001 stay null, not 0, and keep their raw string', async () => {
  const result = await parseDocument(readFileSync(join(SEEDS_DIR, '001_46e25f98fd9935f9.txt')));
  assert.equal(result.fields['review.total'], null);
  assert.equal(result.cells['review.total'].raw, '');
  assert.equal(result.fields['suit_direct.total'], 0);
});

test('every figure carries its raw string and the line it came from', async () => {
  const result = await parseDocument(readFileSync(join(SEEDS_DIR, '003_d677def7845cc038.txt')));
  const cell = result.cells['active.fees.amount'];
  assert.equal(cell.raw, '94.0121');
  assert.equal(result.fields['active.fees.amount'], 94.0121);
  assert.ok(typeof cell.source?.line === 'number' && cell.source.line > 0);
});

test('the stray extra cells of seed 002 are reported as a parse doubt, not silently dropped', async () => {
  const result = await parseDocument(readFileSync(join(SEEDS_DIR, '002_03ef826aa882f677.txt')));
  const completeness = result.checks.find((c) => c.rule === 'parse.cells');
  assert.equal(completeness?.ok, false);
  assert.equal(completeness?.blame, 'parse');
  assert.match(completeness!.detail, /extra/);
  assert.ok(result.checks.filter((c) => c.rule.startsWith('apps.')).every((c) => c.ok));
});
