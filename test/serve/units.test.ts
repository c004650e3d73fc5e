// The archive browser's pure parts: escaping, provenance in words, which cells a failing check
// highlights, the archived-HTML sanitizer (hostile markup, CSS, GBK pages) and capture kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { html, raw } from '../../scripts/serve/html.ts';
import { provenanceText } from '../../scripts/serve/pages/provenance-text.ts';
import { highlightedKeys } from '../../scripts/serve/pages/check-highlights.ts';
import { neutralizeCss, sanitizeArchivedHtml } from '../../scripts/serve/sanitize-archived-html.ts';
import { captureKind, viewCapture } from '../../scripts/serve/archived-view.ts';
import { openArchive, storeCapture } from '../../storage/index.ts';
import { storeSeed, tempArchivePath } from '../helpers/storage-fixtures.ts';
import { cachedFacets } from '../../scripts/serve/archive-cache.ts';

test('html escapes every interpolated value, nested lists too, but not SafeHtml', () => {
  const organ = '<img src=x onerror="alert(1)">&\'`';
  assert.equal(html`<td title="${organ}">${[organ, 3, null]}</td>`.value,
    '<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&#96;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&#96;3</td>');
  assert.equal(html`<p>${raw('<b>ok</b>')}${html`<i>${'<'}</i>`}</p>`.value, '<p><b>ok</b><i>&lt;</i></p>');
});

test('provenance reads as a place a person can find', () => {
  assert.equal(provenanceText({ page: 3, x: 312.4, y: 540.6 }), 'PDF page 3 at (312, 541)');
  assert.equal(provenanceText({ table: 1, row: 4, col: 2 }), 'table 2, row 5, col 3');
  assert.equal(provenanceText({ line: 90, col: 0 }), 'line 90, col 1');
  assert.equal(provenanceText({ page: 2, ocr: true, ocrConfidence: 81.6 }), 'PDF page 2, OCR (confidence 82)');
  assert.equal(provenanceText(null), 'no provenance recorded');
});

test('a failing check highlights the column, row or group its detail names', () => {
  const flagged = highlightedKeys([
    { rule: 'apps.balance', ok: false, blame: 'source', detail: 'natural: 新收+上年结转 vs 总计+结转下年度: 5 ≠ 3 (as printed)' },
    { rule: 'apps.row_sum', ok: false, blame: 'source', detail: 'new: 总计 vs 自然人+法人或其他组织: 3 ≠ 5 (as printed)' },
    { rule: 'reviews.sum', ok: true, detail: '3 of 3 equations hold' },
    { rule: 'parse.cells', ok: false, blame: 'parse', detail: 'row other: 10 cells for 7 columns; reviews: 16 cells for 15 columns' },
  ], '2019');
  assert.deepEqual(flagged.get('apps.new.natural'), ['apps.balance', 'apps.row_sum']);
  assert.deepEqual(flagged.get('apps.carried_forward.natural'), ['apps.balance']);
  assert.deepEqual(flagged.get('apps.new.legal'), ['apps.row_sum']);
  assert.deepEqual(flagged.get('apps.other.total'), ['parse.cells']);
  assert.deepEqual(flagged.get('suit_after_review.pending'), ['parse.cells']);
  assert.equal(flagged.get('apps.granted.legal'), undefined);
  assert.equal(highlightedKeys([{ rule: 'new.rule', ok: false, detail: 'something: else' }], '2021').size, 0);
});

test('the sanitizer drops scripts, handlers, frames, plugins, bases, refreshes and every outside URL', () => {
  const page = `<html><head><base href="http://evil.example/"><meta http-equiv="refresh" content="0;url=http://evil.example/">
<link rel="preload" href="http://evil.example/x"></head><body background="http://evil.example/bg.png">
<p onclick="steal()" style="background-image:url('http://evil.example/a.png');color:red">x</p>
<img srcset="http://evil.example/1.png 1x" src="data:image/png;base64,AAAA">
<img src="data:image/svg+xml;base64,PHN2Zz4=">
<svg><use xlink:href="http://evil.example/s.svg#a"></use><a href="http://evil.example/">svg link</a></svg>
<object data="http://evil.example/x.swf"></object><embed src="http://evil.example/x.swf"><video poster="http://evil.example/p.png"></video>
<a href="#top">top</a><a href="/known.html#part">known</a><a href="vbscript:run">vb</a>
<form action="http://evil.example/post"><button formaction="http://evil.example/b">go</button></form>
<noscript><img src="http://evil.example/ns.png"></noscript></body></html>`;
  const resolved: string[] = [];
  const out = sanitizeArchivedHtml(page, 'http://127.0.0.2/dir/page.html', (url) => {
    resolved.push(url);
    return url === 'http://127.0.0.2/known.html' ? '/capture/7/view' : null;
  });
  assert.doesNotMatch(out, /\s(src|href|srcset|background|poster|action|formaction|data|xlink:href)="(https?:|\/\/|vbscript)/i);
  assert.doesNotMatch(out, /<(script|base|link|object|embed|video|noscript)\b|http-equiv|onclick/i);
  assert.doesNotMatch(out.replace(/data-original-[a-z-]+="[^"]*"|title="[^"]*"/g, ''), /evil\.example/);
  assert.match(out, /<a href="#top">/);
  assert.match(out, /<a href="\/capture\/7\/view">known<\/a>/);
  assert.match(out, /src="data:image\/png;base64,AAAA"/);
  assert.doesNotMatch(out, /\ssrc="data:image\/svg/);
  assert.match(out, /style="background-image:none;color:red"/);
  assert.ok(resolved.includes('http://127.0.0.2/known.html'), 'fragments are dropped before looking a link up');
  assert.match(out, /<meta charset="utf-8">/);
});

test('CSS loses its outside url() and @import but keeps data: URLs and the rest', () => {
  assert.equal(neutralizeCss('@import "http://x/a.css"; a { background: url(http://x/b.png) } b { background: url("data:image/png;base64,AA") }'),
    ' a { background: none } b { background: url("data:image/png;base64,AA") }');
});

test('an archived GBK page is shown as UTF-8 with its Chinese intact; kinds follow the bytes, not the header', () => {
  const archive = openArchive(tempArchivePath());
  try {
    const bytes = iconv.encode('<html><head><meta charset="gbk"><title>年度报告</title></head><body><p>政府信息公开工作年度报告</p></body></html>', 'gbk');
    const id = storeCapture(archive, { url: 'http://127.0.0.2/gbk.html', status: 200, headers: { 'content-type': 'text/html' }, bytes }).id;
    const reply = viewCapture(archive, id);
    assert.equal(reply.contentType, 'text/html; charset=utf-8');
    assert.match(String(reply.body), /<p>政府信息公开工作年度报告<\/p>/);
    assert.match(reply.csp, /sandbox/);
    assert.equal(captureKind({ contentType: 'text/html' }, Buffer.from('%PDF-1.7 ...')), 'pdf');
    assert.equal(captureKind({ contentType: 'application/octet-stream' }, Buffer.from('<!DOCTYPE html><html>')), 'html');
    assert.equal(captureKind({ contentType: 'application/msword' }, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])), 'other');
    assert.equal(captureKind({ contentType: 'image/svg+xml' }, Buffer.from('<svg onload="x()">')), 'other', 'SVG is never shown inline');
  } finally {
    archive.close();
  }
});

test('cached facets are recomputed once another connection commits (a crawl running beside serve)', async () => {
  const path = tempArchivePath();
  const writer = openArchive(path);
  const reader = openArchive(path, { readonly: true });
  try {
    assert.equal(cachedFacets(reader).reports, 0);
    assert.equal(cachedFacets(reader), cachedFacets(reader), 'unchanged archive: the same cached object');
    await storeSeed(writer, '003_d677def7845cc038.txt');
    assert.equal(cachedFacets(reader).reports, 1);
    assert.deepEqual(cachedFacets(reader).years, [2021]);
  } finally {
    reader.close();
    writer.close();
  }
});

test('count axes get whole-number ticks only, about five, covering the maximum', async () => {
  const { integerTicks } = await import('../../scripts/serve/plot-chart.ts');
  assert.deepEqual(integerTicks(1), [0, 1]);
  assert.deepEqual(integerTicks(3), [0, 1, 2, 3]);
  assert.deepEqual(integerTicks(0), [0, 1]);
  for (const max of [2, 7, 13, 99, 1234, 56789]) {
    const ticks = integerTicks(max);
    assert.ok(ticks.every(Number.isInteger), `${max}: ${ticks}`);
    assert.ok(ticks.at(-1)! >= max && ticks.length <= 12 && ticks.length >= 2, `${max}: ${ticks}`);
  }
});
