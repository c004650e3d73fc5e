// Real reports that reached us as text (PDF→Markdown conversions by other projects) against our
// hand labels, and the rules for table rows that lost their labels in such conversions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../parsers/index.ts';
import { mapFields } from '../../../parsers/report/map-fields.ts';
import { rowsFromText } from '../../../parsers/document/text-rows.ts';
import { SHARED, assertMatchesExpected, loadExpected, normOrgan, wrongFields } from '../../helpers/expected.ts';
import { CORPUS_EXPECTED_DIR } from '../../helpers/paths.ts';

const PEERS = join(SHARED, 'corpus', 'peers', 'KIROGOVCOMPARE');
const LABELS = CORPUS_EXPECTED_DIR;

async function parseCorpus(file: string) {
  const base = file.replace(/\.[^.]+$/, '');
  const expected = loadExpected(join(LABELS, `${base}.json`));
  const result = await parseDocument(readFileSync(join(PEERS, file)), { fileName: file });
  return { expected, result };
}

test('corpus text 沭阳县 2025 (OCR→Markdown) parses exactly to its hand label', async () => {
  const { expected, result } = await parseCorpus('沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt');
  assertMatchesExpected(result, expected);
});

test('corpus text 上海市科委 2024 (labels displaced from rows): every figure read is right, the cell not printed null and blamed on the parse', async () => {
  const { expected, result } = await parseCorpus('kewei-2024-source.md');
  assert.equal(normOrgan(result.organ), normOrgan(expected.organ));
  assert.equal(result.year, 2024);
  assert.equal(result.template, '2021');
  const wrong = wrongFields(result, expected);
  for (const key of wrong) assert.equal(result.fields[key], null, `${key} must be null, not a wrong figure`);
  // The 结转下年度 总计 cell is empty in the conversion (its "1" strayed into a label block): the
  // label has it null, as printed in this copy, and so does the parse.
  assert.deepEqual(wrong, []);
  assert.equal(result.fields['apps.carried_forward.total'], null);
  // Rows without labels, placed by template order, and the review row after a narrative about 行政复议.
  assert.equal(result.fields['apps.unable_not_held.natural'], 4);
  assert.equal(result.fields['apps.unable_needs_creation.natural'], 6);
  assert.equal(result.fields['apps.unable_unclear.natural'], 0);
  assert.equal(result.fields['apps.other_no_correction.total'], 10);
  assert.equal(result.fields['review.upheld'], 1);
  assert.equal(result.fields['review.total'], 1);
  assert.equal(result.fields['suit_after_review.total'], 0);
  const cells = result.checks.find((c) => c.rule === 'parse.cells');
  assert.equal(cells?.ok, false);
  assert.equal(cells?.blame, 'parse');
  assert.match(cells?.detail ?? '', /lone figure \(1\)/);
  assert.ok(result.checks.filter((c) => c.rule !== 'parse.cells').every((c) => c.ok), 'no arithmetic check fails');
});

const HEADER = ['申请人情况', '| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |'];
const row = (label: string, n: number) => `| ${label} | ${n} | 0 | 0 | 0 | 0 | 0 | ${n} |`;
const bare = (n: number) => `| ${n} | 0 | 0 | 0 | 0 | 0 | ${n} |`;

function mapText(lines: string[]) {
  return mapFields(rowsFromText(lines.join('\n')), '2021');
}

test('label-less rows fill the free template rows between their labelled neighbours, in order', () => {
  const out = mapText([...HEADER, row('（一）予以公开', 5), bare(2), row('1.属于国家秘密', 0), bare(3), bare(4), row('3.危及“三安全一稳定”', 0)]);
  assert.equal(out.fields['apps.granted.natural'], 5);
  assert.equal(out.fields['apps.partly_granted.natural'], 2);
  assert.equal(out.fields['apps.denied_state_secret.total'], 0);
  // Two rows between 国家秘密 and 三安全一稳定 but only one template row there: nothing is guessed.
  assert.equal(out.fields['apps.denied_law_prohibited.natural'], null);
  assert.ok(out.doubts.some((d) => /2 row\(s\).*left out/.test(d.message) && d.keys.includes('apps.denied_law_prohibited.natural')));
  assert.ok(out.doubts.some((d) => /placed by template order \(partly_granted\)/.test(d.message)));
});

test('label-less rows are not placed when their neighbours are out of template order or a row does not fit', () => {
  const outOfOrder = mapText([...HEADER, row('4.保护第三方合法权益', 0), bare(7), row('1.属于国家秘密', 0)]);
  assert.ok(!Object.values(outOfOrder.fields).includes(7));
  const short = mapText([...HEADER, row('（一）予以公开', 5), '| 2 | 2 |', row('1.属于国家秘密', 0)]);
  assert.equal(short.fields['apps.partly_granted.natural'], null);
  assert.ok(short.doubts.some((d) => /does not fit/.test(d.message)));
});

test('several waiting labels no longer take the next rows blindly: template order decides', () => {
  const out = mapText([
    ...HEADER, row('3.要求提供公开出版物', 0), '（五）不予处理4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息',
    bare(0), bare(0), bare(9), bare(1), row('3.其他', 2),
  ]);
  assert.equal(out.fields['apps.rejected_excessive.natural'], 0);
  assert.equal(out.fields['apps.rejected_confirmation.natural'], 0);
  assert.equal(out.fields['apps.other_no_correction.natural'], 9);
  assert.equal(out.fields['apps.other_unpaid_fee.natural'], 1);
  assert.equal(out.fields['apps.other_other.natural'], 2);
});

test('a sentence about 行政复议 in the narrative does not make the next table rows review figures', () => {
  const out = mapText(['2024年有1件行政复议，', '该行政复议件未被纠错。涉及的行政诉讼数为', ...HEADER, row('（一）予以公开', 5), bare(0), bare(0), bare(0), row('1.属于国家秘密', 0)]);
  assert.equal(out.fields['review.upheld'], null);
  assert.ok(!out.doubts.some((d) => /reviews/.test(d.message)));
});
