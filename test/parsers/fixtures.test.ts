// The committed seed fixtures are what they claim to be (see test/fixtures/seeds/README.md): each
// format detected from its bytes, text PDFs with a text layer, scanned PDFs with none, GBK pages
// naming their charset only in <meta>, DOCX tables with real merges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { detectFormat } from '../../parsers/index.ts';
import { seedNames } from '../helpers/expected.ts';
import { FIXTURES_DIR } from '../helpers/paths.ts';

const FIXTURES = join(FIXTURES_DIR, 'seeds');
const read = (name: string) => readFileSync(join(FIXTURES, name));

function pdfPageCount(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

function pdftotext(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

for (const name of seedNames()) {
  test(`${name}: every rendered file is detected as its format from the bytes`, () => {
    const formats: [string, string][] = [['html', 'html'], ['pdf', 'pdf'], ['scan.pdf', 'pdf'], ['docx', 'docx'], ['doc', 'ole'], ['wps', 'ole']];
    for (const [extension, format] of formats) assert.equal(detectFormat(read(`${name}.${extension}`)), format, extension);
    assert.ok(read(`${name}.wps`).equals(read(`${name}.doc`)), 'the .wps is the Word 97 binary of the .doc');
  });

  test(`${name}: the text PDF has a text layer; the scanned PDF has the same pages as images and no text`, () => {
    const text = read(`${name}.pdf`);
    const scan = read(`${name}.scan.pdf`);
    assert.ok(pdfPageCount(text) >= 2);
    assert.equal(pdfPageCount(scan), pdfPageCount(text));
    assert.match(text.toString('latin1'), /\/Font/);
    assert.doesNotMatch(scan.toString('latin1'), /\/Font/);
    assert.equal(scan.toString('latin1').match(/\/Subtype\s*\/Image/g)?.length, pdfPageCount(scan));
    const layout = pdftotext(join(FIXTURES, `${name}.pdf`));
    assert.match(layout, /四、结转下年度继续办理\s+\d/);
    for (const label of ['属于国家秘密', '行政许可', '申请人情况']) assert.ok(layout.includes(label), label);
    assert.equal(pdftotext(join(FIXTURES, `${name}.scan.pdf`)).trim(), '');
  });

  test(`${name}: the DOCX tables carry real column spans and vertical merges`, () => {
    const xml = strFromU8(unzipSync(read(`${name}.docx`))['word/document.xml']);
    assert.ok((xml.match(/<w:tbl>/g)?.length ?? 0) >= 3);
    assert.match(xml, /<w:gridSpan w:val="\d+"\/>/);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(xml, /<w:vMerge( w:val="continue")?\/>/);
  });
}

test('the GBK pages are GBK bytes whose charset is named only in <meta http-equiv>', () => {
  for (const name of ['001_46e25f98fd9935f9', '003_d677def7845cc038']) {
    const bytes = read(`${name}.gbk.html`);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const head = bytes.subarray(0, 1024).toString('latin1');
    assert.match(head, /<meta http-equiv="Content-Type" content="text\/html; charset=gb2312">/);
    assert.equal(head.match(/charset/gi)?.length, 1);
    assert.ok(bytes.includes(Buffer.from([0xc4, 0xea, 0xb6, 0xc8])), 'GBK for 年度');
  }
});

test('the UTF-8 pages carry the TRS meta tags with the seed region in SiteIDCode', () => {
  const html = read('002_03ef826aa882f677.html').toString('utf8');
  for (const tag of ['ArticleTitle', 'PubDate', 'SiteName', 'SiteIDCode', 'ContentSource']) assert.match(html, new RegExp(`<meta name="${tag}" content="[^"]+">`));
  assert.match(html, /<meta name="SiteIDCode" content="411621\d{4}">/);
  assert.match(html, /<meta name="ArticleTitle" content="韭园镇人民政府2020年政府信息公开工作年度报告">/);
});
