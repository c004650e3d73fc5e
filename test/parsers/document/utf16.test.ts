// UTF-16 HTML, with or without BOM, little- or big-endian, was refused as unknown_format (half its
// bytes are zeros, so it looked binary), contrary to the README: it is read as HTML, like its UTF-8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, parseDocument } from '../../../parsers/index.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const html = readFileSync(join(FIXTURES_DIR, 'seeds', '000_9fdddd81a4dc62c5.html'), 'utf8');
const le = Buffer.from(html, 'utf16le');
const be = Buffer.from(le).swap16();
const copies: [string, Buffer][] = [
  ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
  ['UTF-16LE without BOM', le],
  ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
  ['UTF-16BE without BOM', be],
];

test('UTF-16 HTML with or without BOM is read as HTML, figure for figure like its UTF-8', async () => {
  const utf8 = await parseDocument(Buffer.from(html));
  assert.ok(Object.values(utf8.fields).filter((v) => v !== null).length > 150);
  for (const [name, bytes] of copies) {
    assert.equal(detectFormat(bytes), 'html', name);
    const result = await parseDocument(bytes);
    assert.equal(result.format, 'html', name);
    assert.deepEqual(result.fields, utf8.fields, name);
    assert.equal(result.title, utf8.title, name);
  }
});

test('binary data with zero bytes is still binary, not UTF-16', () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  assert.equal(detectFormat(bytes), 'binary');
});
