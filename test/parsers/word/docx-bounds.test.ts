// DOCX bounds (issue 14): a 300,000-row table took 36 s and 1.4 GB, runs or content controls nested
// 100,000 deep crashed with RangeError (exit 4). Both end in seconds as too_complex; the XML is made
// here. Bounds are loose: they would catch the failure, they do not time the reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceUsage } from 'node:process';
import { strToU8, zipSync } from 'fflate';
import { parseDocument, UnreadableDocumentError } from '../../../parsers/index.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function docx(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  });
}

const run = (text: string) => `<w:r><w:t>${text}</w:t></w:r>`;
const HOSTILE: [string, string][] = [
  ['a 300,000-row table', `<w:tbl>${`<w:tr><w:tc><w:p>${run('规章')}</w:p></w:tc><w:tc><w:p>${run('1')}</w:p></w:tc></w:tr>`.repeat(300_000)}</w:tbl>`],
  ['runs nested 100,000 deep', `<w:p>${'<w:r>'.repeat(100_000)}<w:t>x</w:t>${'</w:r>'.repeat(100_000)}</w:p>`],
  ['hyperlinks nested 100,000 deep', `<w:p>${'<w:hyperlink>'.repeat(100_000)}${run('x')}${'</w:hyperlink>'.repeat(100_000)}</w:p>`],
  ['content controls nested 100,000 deep', `${'<w:sdt><w:sdtContent>'.repeat(100_000)}<w:p>${run('x')}</w:p>${'</w:sdtContent></w:sdt>'.repeat(100_000)}`],
  ['tables nested 100,000 deep', `${'<w:tbl><w:tr><w:tc>'.repeat(100_000)}<w:p>${run('x')}</w:p>${'</w:tc></w:tr></w:tbl>'.repeat(100_000)}`],
];

for (const [name, body] of HOSTILE) {
  test(`a DOCX with ${name} is refused as too_complex in seconds, without RangeError`, async () => {
    const bytes = docx(body);
    const started = performance.now();
    await assert.rejects(parseDocument(bytes), (error) => error instanceof UnreadableDocumentError && error.code === 'too_complex');
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 20, `${seconds.toFixed(1)} s`);
    assert.ok(resourceUsage().maxRSS / 1024 < 1200, `peak RSS ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  });
}

test('the bound scan skips quoted attribute values: a thousand `>` in attributes are no nesting', async () => {
  const { checkXmlBounds } = await import('../../../parsers/word/xml-bounds.ts');
  assert.doesNotThrow(() => checkXmlBounds(`<w:body>${'<w:p w:rsidR="a>b"><w:r><w:t>x</w:t></w:r></w:p>'.repeat(1000)}</w:body>`));
});

test('an ordinary DOCX nested a few levels (a table in a table, runs in a hyperlink) is still read', async () => {
  const inner = `<w:tbl><w:tr><w:tc><w:p><w:hyperlink>${run('内层')}</w:hyperlink></w:p></w:tc></w:tr></w:tbl>`;
  const doc = await (await import('../../../parsers/index.ts')).extractDocument(docx(`<w:p>${run('标题')}</w:p><w:tbl><w:tr><w:tc>${inner}<w:p/></w:tc></w:tr></w:tbl>`));
  assert.match(doc.text, /标题/);
});
