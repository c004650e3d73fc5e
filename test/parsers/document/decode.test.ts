// Pages decode from their bytes whatever they declare: BOM, header, <meta>, UTF-8, GB18030.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeHtmlBytes, decodePlainBytes } from '../../../parsers/document/decode.ts';

const page = (charsetMeta: string) => `<html><head>${charsetMeta}<title>政府信息公开工作年度报告</title></head><body>行政许可</body></html>`;

test('GBK with the charset only in <meta> decodes', () => {
  const bytes = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
  const decoded = decodeHtmlBytes(bytes);
  assert.equal(decoded.decidedBy, 'meta');
  assert.match(decoded.text, /年度报告.*行政许可/s);
});

test('a header claiming UTF-8 over GBK bytes is not believed', () => {
  const bytes = iconv.encode(page('<meta charset="gbk">'), 'gbk');
  const decoded = decodeHtmlBytes(bytes, 'utf-8');
  assert.match(decoded.text, /行政许可/);
});

test('the HTTP header wins over a wrong <meta> when the bytes agree with it', () => {
  const bytes = Buffer.from(page('<meta charset="gb2312">'), 'utf8');
  const decoded = decodeHtmlBytes(bytes, 'UTF-8');
  assert.equal(decoded.decidedBy, 'header');
  assert.match(decoded.text, /行政许可/);
});

test('no declaration: valid UTF-8 is UTF-8, anything else GB18030', () => {
  assert.equal(decodeHtmlBytes(Buffer.from(page(''), 'utf8')).decidedBy, 'utf8-valid');
  const gbk = decodeHtmlBytes(iconv.encode(page(''), 'gbk'));
  assert.equal(gbk.decidedBy, 'fallback');
  assert.match(gbk.text, /行政许可/);
});

test('a BOM decides before anything else', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('规章', 'utf8')]);
  assert.equal(decodePlainBytes(bytes).text, '规章');
  assert.equal(decodeHtmlBytes(bytes, 'gbk').decidedBy, 'bom');
});
