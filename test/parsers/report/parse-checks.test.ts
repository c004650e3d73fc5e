// Checks tell a source that contradicts itself from a parse that is unsure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../parsers/index.ts';
import { crossYearChecks } from '../../../parsers/report/checks-cross-year.ts';
import { SEEDS_DIR } from '../../helpers/expected.ts';

const seed003 = readFileSync(join(SEEDS_DIR, '003_d677def7845cc038.txt'), 'utf8');

/** Seed 003 with one printed cell changed: 予以公开/自然人 0 → 5 (tab-prefixed, cell-per-line layout). */
function withGrantedNatural(value: string): string {
  return seed003.replace(/(\t（一）予以公开\n\t)0\n/, `$1${value}\n`);
}

test('a report whose printed cells disagree fails apps.results_sum with blame "source"', async () => {
  const text = withGrantedNatural('5');
  assert.notEqual(text, seed003, 'the fixture edit must apply');
  const result = await parseDocument(Buffer.from(text));
  assert.equal(result.fields['apps.granted.natural'], 5);
  const check = result.checks.find((c) => c.rule === 'apps.results_sum')!;
  assert.equal(check.ok, false);
  assert.equal(check.blame, 'source');
  assert.match(check.detail, /natural/);
  assert.equal(result.checks.find((c) => c.rule === 'apps.row_sum')?.ok, false);
});

test('a cell that cannot be read leaves its field null and blames the parse, never 0', async () => {
  // Remove the figures of the granted row entirely: the row is found but its cells are gone.
  const text = seed003.replace(/(\t（一）予以公开)(\n\t0){7}\n/, '$1\n');
  const result = await parseDocument(Buffer.from(text));
  assert.equal(result.fields['apps.granted.natural'], null);
  const completeness = result.checks.find((c) => c.rule === 'parse.cells')!;
  assert.equal(completeness.ok, false);
  assert.equal(completeness.blame, 'parse');
  assert.ok(result.confidence < 1);
});

test('the narrative count of applications is checked against the table', async () => {
  const good = await parseDocument(Buffer.from(seed003));
  assert.equal(good.checks.find((c) => c.rule === 'text.applications')?.ok, true);
  const bad = await parseDocument(Buffer.from(seed003.replace('共收到政府信息公开申请3件', '共收到政府信息公开申请9件')));
  const check = bad.checks.find((c) => c.rule === 'text.applications')!;
  assert.equal(check.ok, false);
  assert.equal(check.blame, 'source');
});

test('cross-year checks compare carry-over and documents in force', () => {
  const previous = { 'apps.carried_forward.total': 2, 'active.normative_docs.in_force': 10 };
  const current = {
    'apps.carried_over.total': 2, 'active.normative_docs.issued': 4, 'active.normative_docs.repealed': 1,
    'active.normative_docs.in_force': 13,
  };
  assert.ok(crossYearChecks(previous, current).every((c) => c.ok));
  const broken = crossYearChecks(previous, { ...current, 'apps.carried_over.total': 5, 'active.normative_docs.in_force': 12 });
  assert.equal(broken.filter((c) => !c.ok).length, 2);
});
