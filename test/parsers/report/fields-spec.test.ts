// The repo's copy of fields.tsv is the shared contract, unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_SPECS, fieldKeysFor } from '../../../parsers/index.ts';
import { SHARED } from '../../helpers/expected.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

test('parsers/report/fields.tsv equals ../shared/spec/fields.tsv', () => {
  const ours = readFileSync(join(REPO_ROOT, 'parsers', 'report', 'fields.tsv'), 'utf8');
  assert.equal(ours, readFileSync(join(SHARED, 'spec', 'fields.tsv'), 'utf8'));
});

test('the 2021 template has 200 cells and the 2019 template 198', () => {
  assert.equal(fieldKeysFor('2021').length, 200);
  assert.equal(fieldKeysFor('2019').length, 198);
  assert.equal(fieldKeysFor('legacy').length, 0);
  assert.equal(new Set(FIELD_SPECS.map((f) => f.key)).size, FIELD_SPECS.length);
});
