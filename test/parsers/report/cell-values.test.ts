// The contract's value rules for a single cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCell } from '../../../parsers/report/cell-value.ts';

test('counts are integers and amounts decimals exactly as printed', () => {
  assert.equal(readCell('15498').value, 15498);
  assert.equal(readCell('94.0121', '10k_yuan').value, 94.0121);
  assert.equal(readCell('3,985,758').value, 3985758);
  assert.equal(readCell('１２').value, 12);
});

test('blanks, dashes, 无 and 不涉及 are null, never 0', () => {
  for (const raw of ['', '  ', '/', '-', '—', '——', '无', '不涉及', '－']) {
    assert.equal(readCell(raw).value, null, `"${raw}"`);
  }
});

test('signed changes keep their sign', () => {
  assert.equal(readCell('+19').value, 19);
  assert.equal(readCell('-18').value, -18);
});

test('a cell holding a unit is converted to the column unit', () => {
  assert.equal(readCell('394432.52元', '10k_yuan').value, 39.443252);
  assert.equal(readCell('12.5万元', '10k_yuan').value, 12.5);
  assert.equal(readCell('3件').value, 3);
});

test('text is not a figure', () => {
  assert.equal(readCell('行政许可').kind, 'text');
  assert.equal(readCell('1.属于国家秘密').kind, 'text');
});
