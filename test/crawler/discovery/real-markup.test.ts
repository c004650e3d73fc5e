// Discovery on the kinds of real portal markup it failed on (issue 13), one regression fixture per
// kind (test/fixtures/crawl-regressions/) or the real corpus file itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { extractLinks } from '../../../crawler/discovery/page-links.ts';
import { asDirectory, nextPages } from '../../../crawler/discovery/pager.ts';
import { discoverLinks } from '../../../crawler/discovery/discover.ts';
import { scoreLink, FOLLOW_THRESHOLD } from '../../../crawler/discovery/link-score.ts';
import { classifyTitle } from '../../../crawler/discovery/report-title.ts';
import { includeCandidates, scriptWrites } from '../../../crawler/discovery/script-writes.ts';
import { hasUnfollowablePager } from '../../../crawler/discovery/needs-browser.ts';
import { jsonLinks } from '../../../crawler/discovery/json-links.ts';
import { isMobileTwin } from '../../../crawler/discovery/urls.ts';
import { dataproxyRequests, readHanwebLists } from '../../../crawler/families/hanweb.ts';
import { gkmlptAnswerData } from '../../../crawler/families/gkmlpt.ts';
import { pagingPropUrls } from '../../../crawler/families/columns-blocks.ts';
import { SHARED } from '../../farm/documents.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'crawl-regressions');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const CORPUS = join(SHARED, 'corpus', 'portals');

/** The page's links with what its inline scripts write, as the list route reads them. */
function linksWithScripts(html: string, url: string) {
  const $ = cheerio.load(html);
  const inline = $('script:not([src])').toArray().map((el) => $(el).text());
  const written = scriptWrites(inline);
  return { links: [...extractLinks($, url), ...extractLinks(cheerio.load(written.html), url)], written };
}

test('inline for-loop pager: the pages its document.write names are the list\'s other pages', () => {
  const url = 'http://h/zfxxgk/zfxxgkndbg/';
  const html = fixture('inline-for-loop-pager.html');
  assert.deepEqual(nextPages(html, extractLinks(cheerio.load(html), url), url), [], 'no static pager link');
  const { links, written } = linksWithScripts(html, url);
  assert.deepEqual(nextPages(html + written.html, links, url).sort(), ['http://h/zfxxgk/zfxxgkndbg/index_1.shtml', 'http://h/zfxxgk/zfxxgkndbg/index_2.shtml']);
});

test('index.shtml of a column is its directory URL: a later page\'s 首页 link does not fetch page 1 again', () => {
  assert.equal(asDirectory('http://h/a/b/index.shtml'), 'http://h/a/b/');
  assert.equal(asDirectory('http://h/a/b/index_1.shtml'), 'http://h/a/b/index_1.shtml');
  assert.equal(asDirectory('http://h/a/b/index.html?x=1'), 'http://h/a/b/index.html?x=1');
  const page2 = 'http://h/zfxxgk/zfxxgkndbg/index_1.shtml';
  const links = [{ url: 'http://h/zfxxgk/zfxxgkndbg/index.shtml', text: '首页' }, { url: 'http://h/zfxxgk/zfxxgkndbg/index.shtml', text: '1' }];
  const parent = 'http://h/zfxxgk/zfxxgkndbg/';
  const pagers = nextPages('', links, page2, [parent]);
  assert.deepEqual(pagers, []);
  assert.deepEqual(discoverLinks(links, { url: page2, portalUrl: 'http://h/', area: 'reports', hops: 0, depth: 3, parentUrl: parent }, pagers), []);
  // Reached from elsewhere, the same link is a page to fetch, under the name it is linked by.
  assert.deepEqual(nextPages('', links, page2, ['http://h/zfxxgk/']), ['http://h/zfxxgk/zfxxgkndbg/index.shtml']);
});

test('navigation only in a document.writeln include (the real jcms include of 济南): its 公开 link is found and followed', () => {
  const js = readFileSync(join(CORPUS, 'ycrjinan.gov.cn', 'static', 'js', '2207041356586519.js'), 'utf8');
  const written = scriptWrites([js]);
  const links = extractLinks(cheerio.load(written.html), 'http://h/art/2024/6/19/art_1861_4982441.html');
  const gongkai = links.find((l) => l.text === '公开');
  assert.ok(gongkai, `links: ${links.map((l) => l.text).join(' ')}`);
  assert.equal(gongkai.url, 'http://h/col/col24/index.html');
  assert.ok(scoreLink(gongkai, 'portal') >= FOLLOW_THRESHOLD);
  // The commented-out line writes nothing.
  assert.ok(!links.some((l) => l.url.endsWith('/col/col25/index.html')));
});

test('GBK document.write include (湘潭 top_jr.js) decodes and writes its 政务公开 link', () => {
  const js = iconv.decode(readFileSync(join(CORPUS, 'qzhxiangtan.gov.cn', 'static', 'js', 'top_jr.js')), 'gb18030');
  const links = extractLinks(cheerio.load(scriptWrites([js]).html), 'http://www.xiangtan.gov.cn/609/615/content_1.html');
  assert.ok(links.some((l) => l.text === '政务公开' && l.url === 'http://www.xiangtan.gov.cn/23233/index.htm'));
});

test('script includes worth reading: same-host navigation files, not libraries nor other hosts', () => {
  const page = 'http://h/art/1.html';
  assert.deepEqual(includeCandidates(['static/js/jquery.js', 'static/js/2207041356586519.js', 'static/js/top_jr.js', 'static/js/articlehits.js', 'http://other/x/header.js', 'static/js/header.js', 'static/js/swiper.min.js'], page),
    ['http://h/art/static/js/2207041356586519.js', 'http://h/art/static/js/top_jr.js', 'http://h/art/static/js/header.js']);
});

test('redirect stub: the address its script sends the browser to', () => {
  assert.deepEqual(linksWithScripts(fixture('redirect-stub-script.html'), 'http://h/site/zfxxgknb/redirect_firstChannel.shtml').written.locations, ['/site/zfxxgknb/szfnb/xxgk_lists.shtml']);
});

test('the script sandbox: no way out to the crawler, endless loops end, errors keep what was written', () => {
  const escape = scriptWrites([
    'try { this.constructor.constructor("return process")().exit(3) } catch (e) { document.write("a") }',
    'try { document.write.constructor("return process")().exit(3) } catch (e) { document.write("b") }',
    'try { eval("1") } catch (e) { document.write("c") }',
    'document.write(typeof process + typeof require)',
  ]);
  assert.equal(escape.html, 'abcundefinedundefined');
  const started = Date.now();
  assert.equal(scriptWrites(['while (true) {}', 'document.write("after")'], 50).html, 'after');
  assert.ok(Date.now() - started < 5000);
  // A name no script defined is taken as an inert library: the script runs on, once (nothing written twice).
  assert.equal(scriptWrites(['document.write("<a href=x>1</a>"); undefinedFunction(); document.write("2")', '$(".nav").hover(); document.write("ok")']).html, '<a href=x>1</a>2ok');
  assert.equal(scriptWrites(['document.write("a"); null.x; document.write("never")', 'document.write("b")']).html, 'ab');
});

test('organ-name grid: bare names with opaque paths are followed; a lone name is not', () => {
  const url = 'http://h/xxgk.htm';
  const links = extractLinks(cheerio.load(fixture('organ-name-grid.html')), url);
  const found = discoverLinks(links, { url, portalUrl: 'http://h/', area: 'portal', hops: 0, depth: 1 });
  assert.deepEqual(found.map((d) => d.linkText).sort(), ['南沙街', '市审计局', '市民政局', '市统计局', '市财政局'].sort());
  const lone = discoverLinks(links.filter((l) => l.text === '市审计局'), { url, portalUrl: 'http://h/', area: 'portal', hops: 0, depth: 1 });
  assert.deepEqual(lone, []);
});

test('Hanweb: two lists read one by one, proxy path and percent-encoded webname from the page, encoded once', () => {
  const lists = readHanwebLists(fixture('hanweb-two-lists-old-proxy.html'));
  assert.deepEqual(lists.map((l) => [l.params.columnid, l.params.unitid, l.records.length, l.totalRecords]), [['31442', '93921', 2, 5], ['31443', '93922', 2, 3]]);
  assert.equal(lists[0].proxyPath, '/module/jslib/jquery/jpage/dataproxy.jsp');
  assert.equal(lists[0].params.webname, '济南市人民政府');
  const requests = lists.flatMap((l) => dataproxyRequests(l, 'http://h/col/col31442/index.html'));
  assert.deepEqual(requests.map((r) => new URL(r.url).searchParams.get('columnid') + ':' + r.page), ['31442:2', '31442:3', '31443:2']);
  for (const r of requests) {
    assert.match(r.url, /^http:\/\/h\/module\/jslib\/jquery\/jpage\/dataproxy\.jsp\?/);
    assert.equal(new URL(r.url).searchParams.get('webname'), '济南市人民政府');
  }
});

test('gkmlpt: a short last page keeps the first page\'s size (no request for a page that does not exist); mpost_ twins are not fetched', () => {
  const articles = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/gkmlpt/content/1/1/post_${i}.html`, title: `某区2023年政府信息公开工作年度报告${i}` }));
  const page = (p: number, perPage?: number) => ({ url: `http://h/gkmlpt/api/all/2780?page=${p}&sid=1`, finalUrl: `http://h/gkmlpt/api/all/2780?page=${p}&sid=1`, body: '', context: { gkmlpt: { category: '2780', sid: '1', page: p, perPage } } });
  const first = gkmlptAnswerData(page(1), { articles: articles(3), total: 5 });
  assert.equal(first.requests.length, 1);
  const carried = (first.requests[0].context as { gkmlpt: { perPage: number } }).gkmlpt.perPage;
  assert.equal(carried, 3);
  assert.deepEqual(gkmlptAnswerData(page(2, carried), { articles: articles(2), total: 5 }).requests, []);
  assert.equal(isMobileTwin('http://h/gzjg/gzj/wqsz/zfxxgknb/content/mpost_9800000.html'), true);
  assert.equal(isMobileTwin('http://h/gzjg/gzj/wqsz/zfxxgknb/content/post_9800000.html'), false);
});

test('pager JSON in a hidden input: the block pages paging.js would load', () => {
  const urls = pagingPropUrls(fixture('paging-prop-hidden-json.html'), 'http://h/columns/5b0e9f2a-7c41-4d8e-a6b3-2f9e8d7c6b5a/index.html');
  assert.deepEqual(urls, [2, 3].map((p) => `http://h/columns/5b0e9f2a-7c41-4d8e-a6b3-2f9e8d7c6b5a/templates/0a5978b1-67a7-4dbd-89b3-94e473caa0d7/blocks/261b4d60-55d3-4ba3-8f12-7f7de7348c2c?page=${p}`));
});

test('pagers only a browser can follow: 下一页 → javascript:;, a list script configured in the page; not a static pager or 共1页', () => {
  assert.equal(hasUnfollowablePager(cheerio.load(fixture('javascript-next-link.html')), 0), true);
  assert.equal(hasUnfollowablePager(cheerio.load(fixture('post-api-list-model.html')), 0), true);
  assert.equal(hasUnfollowablePager(cheerio.load(fixture('javascript-next-link.html')), 1), false, 'other pages found over HTTP');
  assert.equal(hasUnfollowablePager(cheerio.load('<ul><li><a href="/1.html">x</a></li></ul><a href="list_2.html">下一页</a>'), 0), false);
  assert.equal(hasUnfollowablePager(cheerio.load('<p>共1页</p><a href="javascript:;">下一页</a>'), 0), false);
});

test('JSON a page fetched for itself: its (address, title) pairs, however nested', () => {
  const answer = { code: 0, data: { total: 7, results: [{ title: '宜春市人民政府2020年政府信息公开工作年度报告', url: '/nb/4.shtml', date: '2021-01-20' }, { name: 'x', id: 3 }] } };
  assert.deepEqual(jsonLinks(answer), [{ href: '/nb/4.shtml', text: '宜春市人民政府2020年政府信息公开工作年度报告' }]);
  assert.deepEqual(jsonLinks('nothing'), []);
});

test('look-alikes: meeting news about the report is no report; 政府网站工作年度报表 is not followed as a list', () => {
  assert.equal(classifyTitle('防城港市召开2023年度政府信息公开工作年度报告编制工作部署会').kind, 'lookalike');
  assert.equal(classifyTitle('防城港市人民政府2023年政府信息公开工作年度报告').kind, 'report');
  assert.equal(classifyTitle('上海市科学技术委员会2024年政府信息公开工作年度报告').kind, 'report');
  assert.ok(scoreLink({ url: 'http://h/zfxxgk/zfxxgkndbg/wzgzndbb/', text: '政府网站工作年度报表' }, 'reports') < FOLLOW_THRESHOLD);
});

test('a 年报 link text whose path is the 指南 column (广西): the text says where the reports are, the link is followed', () => {
  const link = { url: 'http://h/zwgk/zfxxgkzl_84988/zfxxgkzn/index.shtml', text: '政府信息公开年报' };
  assert.ok(scoreLink(link, 'portal') >= 8);
});
