// Every seed rendered into every text-layer format (HTML, GBK HTML, DOCX, DOC, WPS) parses to its
// hand-checked answer: organ, year, template and every field. Also the real blank DOCX template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const ROOT = REPO_ROOT;
const SHARED = join(ROOT, '..', 'shared');
const SEEDS_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
const EXPECTED_DIR = join(SHARED, 'spec', 'expected');
const BLANK_TEMPLATE = join(SHARED, 'corpus', 'peers', 'govnianbao', '政务公开年报模版.docx');

interface Expected {
  organ: string;
  year: number;
  template: string;
  fields: Record<string, number | null>;
}

const FORMATS: [suffix: string, format: string][] = [['.html', 'html'], ['.gbk.html', 'html'], ['.docx', 'docx'], ['.doc', 'doc'], ['.wps', 'doc']];
const seeds = readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();

test('there are five seeds and each has its rendered fixtures', () => {
  assert.equal(seeds.length, 5);
  for (const seed of seeds) {
    for (const suffix of ['.html', '.pdf', '.scan.pdf', '.docx', '.doc', '.wps']) {
      assert.ok(existsSync(join(SEEDS_DIR, seed + suffix)), `${seed}${suffix} missing`);
    }
  }
  assert.equal(seeds.filter((s) => existsSync(join(SEEDS_DIR, `${s}.gbk.html`))).length, 2);
  const total = readdirSync(SEEDS_DIR).reduce((n, f) => n + statSync(join(SEEDS_DIR, f)).size, 0);
  assert.ok(total < 10 * 1024 * 1024, `fixtures take ${total} bytes`);
});

test('a .wps fixture is a Word 97 (OLE) binary, like the .doc', () => {
  const wps = readFileSync(join(SEEDS_DIR, `${seeds[0]}.wps`));
  assert.deepEqual([...wps.subarray(0, 8)], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
});

for (const seed of seeds) {
  const expected = JSON.parse(readFileSync(join(EXPECTED_DIR, `${seed}.json`), 'utf8')) as Expected;
  for (const [suffix, format] of FORMATS) {
    const path = join(SEEDS_DIR, seed + suffix);
    if (suffix === '.gbk.html' && !existsSync(path)) continue;
    test(`${seed}${suffix} parses to the expected report`, async () => {
      const result = await parseDocument(readFileSync(path));
      assert.equal(result.format, format);
      assert.equal(result.organ, expected.organ);
      assert.equal(result.year, expected.year);
      assert.equal(result.template, expected.template);
      assert.deepEqual(result.fields, expected.fields);
      assert.ok(result.checks.every((c) => c.ok), JSON.stringify(result.checks.filter((c) => !c.ok)));
      // Every figure the fixture prints has its raw string and a table/row/column provenance.
      const read = Object.entries(expected.fields).filter(([, v]) => v !== null);
      for (const [key] of read) {
        const cell = result.cells[key];
        assert.ok(cell?.source && typeof cell.source.table === 'number' && typeof cell.source.row === 'number', `${key} has no grid provenance`);
      }
    });
  }
}

test('the GBK page decodes to the same text as the UTF-8 page', async () => {
  for (const seed of seeds.filter((s) => existsSync(join(SEEDS_DIR, `${s}.gbk.html`)))) {
    const gbk = readFileSync(join(SEEDS_DIR, `${seed}.gbk.html`));
    assert.ok(!gbk.includes(Buffer.from('年度报告', 'utf8')), 'GBK bytes must not hold UTF-8 text');
    const [a, b] = await Promise.all([parseDocument(gbk), parseDocument(readFileSync(join(SEEDS_DIR, `${seed}.html`)))]);
    assert.equal(a.title, b.title);
    assert.equal(a.text, b.text);
  }
});

test('the real blank template DOCX parses as template 2021 with every field null', async () => {
  const result = await parseDocument(readFileSync(BLANK_TEMPLATE));
  assert.equal(result.format, 'docx');
  assert.equal(result.template, '2021');
  assert.equal(Object.keys(result.fields).length, 200);
  assert.deepEqual(Object.values(result.fields).filter((v) => v !== null), []);
});

test('the committed HTML fixtures are what the renderer makes today (rowspan 22, or 20 in 2019 format)', async () => {
  const { renderReportHtml } = await import('../../scripts/fixtures/render-html.ts');
  for (const seed of seeds) {
    const expected = JSON.parse(readFileSync(join(EXPECTED_DIR, `${seed}.json`), 'utf8'));
    const seedText = readFileSync(join(SHARED, 'seeds', `${seed}.txt`), 'utf8');
    const html = renderReportHtml(expected, seedText, { strayCells: expected.template === '2019' });
    assert.equal(html, readFileSync(join(SEEDS_DIR, `${seed}.html`), 'utf8'), `${seed}.html is stale: run scripts/make-fixtures.ts`);
    const results = expected.template === '2019' ? 20 : 22;
    assert.match(html, new RegExp(`rowspan="${results}"[^>]*>(<[^>]+>)*三、本年度办理结果`));
    assert.match(html, /rowspan="8"[^>]*>(<[^>]+>)*（三）不予公开/);
    assert.ok(html.includes('<div class="TRS_Editor">') && html.includes('<o:p></o:p>'));
  }
});
