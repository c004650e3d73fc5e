// The portal families' own rules: TRS createPageHTML pagers, Hanweb datastores and dataproxy pages,
// gkmlpt shells and API answers; and the registry through which discovery and the routes reach them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trsPageUrls } from '../../../crawler/families/trs.ts';
import { dataproxyRequests, readHanwebList } from '../../../crawler/families/hanweb.ts';
import { gkmlptApiUrl, gkmlptCategory, gkmlptSiteId, readGkmlptAnswer } from '../../../crawler/families/gkmlpt.ts';
import { FAMILIES, familyJsonListData, familyListData, pagedReportOf, pagedReportStart, type PortalFamily } from '../../../crawler/families/index.ts';
import { nextPages } from '../../../crawler/discovery/pager.ts';
import { scoreLink } from '../../../crawler/discovery/link-score.ts';
import { fileNameOf, isMobileTwin, normaliseUrl } from '../../../crawler/discovery/urls.ts';

test('TRS createPageHTML pages are 0-based index_N, in both call forms', () => {
  assert.deepEqual(trsPageUrls('<script>createPageHTML(3, 0, "index", "html");</script>', 'http://h/nb/'), ['http://h/nb/index_1.html', 'http://h/nb/index_2.html']);
  assert.deepEqual(trsPageUrls("var countPage = 2;\ncreatePageHTML(countPage, 1, 'list', 'shtml');", 'http://h/nb/list_1.shtml'), ['http://h/nb/list.shtml']);
  assert.deepEqual(trsPageUrls("createPageHTML('page_div', 3, 0, 'index', 'html', 40);", 'http://h/nb/index.html'), ['http://h/nb/index_1.html', 'http://h/nb/index_2.html']);
});

test('Hanweb: datastore records, scraped ids and dataproxy pages', () => {
  const html = `<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&path=/&columnid=1234&unitid=5678&webname=x&permissiontype=0"></a>]]></nextgroup><recordset>
    <record><![CDATA[<li><a href='/art/2024/1/16/art_1234_1.html' title='某县2023年政府信息公开工作年度报告'>某县2023年…</a></li>]]></record>
    <record><![CDATA[<li><a href='/art/2023/1/16/art_1234_2.html'>某县2022年政府信息公开工作年度报告</a></li>]]></record>
  </recordset></datastore></script><script>var totalrecord = 5; var perpage = 2;</script>`;
  const list = readHanwebList(html);
  assert.equal(list.records.length, 2);
  assert.equal(list.records[0].title, '某县2023年政府信息公开工作年度报告');
  assert.equal(list.params.columnid, '1234');
  assert.equal(list.params.unitid, '5678');
  const requests = dataproxyRequests({ ...list, totalRecords: 5 }, 'http://h/col/col1234/index.html');
  assert.deepEqual(requests.map((r) => r.page), [2, 3]);
  assert.match(requests[0].url, /dataproxy\.jsp\?.*columnid=1234.*page=2/);
});

test('gkmlpt: category in the fragment, sid in the page, articles and totals from JSON', () => {
  assert.equal(gkmlptCategory('http://h/gkmlpt/index#2517'), '2517');
  assert.equal(gkmlptSiteId('<script>window._CONFIG = { SID: "755" }</script>'), '755');
  assert.equal(gkmlptApiUrl('http://h/gkmlpt/index', '2517', '755', 2), 'http://h/gkmlpt/api/all/2517?page=2&sid=755');
  assert.deepEqual(readGkmlptAnswer({ articles: [{ url: 'http://h/gkmlpt/content/0/1/post_1.html', title: 't' }, { title: 'no url' }], total: 31 }),
    { articles: [{ url: 'http://h/gkmlpt/content/0/1/post_1.html', title: 't' }], total: 31 });
  assert.deepEqual(readGkmlptAnswer('garbage'), { articles: [], total: null });
});

test('the registry holds every family of portals.md once, and discovery and the routes reach their rules through it', () => {
  assert.deepEqual([...FAMILIES.map((f) => f.name)].sort(), ['columns-blocks', 'flipbook', 'gkmlpt', 'hanweb', 'opaque-ids', 'query-string', 'trs']);
  // TRS: index_N siblings and createPageHTML pages come with the generic pager's; _wap twins are twins.
  assert.deepEqual(nextPages('', [{ url: 'http://h/nb/index_3.html', text: '更多' }], 'http://h/nb/index_1.html'), ['http://h/nb/index_3.html']);
  assert.equal(isMobileTwin('http://h/nb/202401/t20240101_1_wap.html'), true);
  assert.equal(isMobileTwin('http://h/nb/202401/t20240101_1.html'), false);
  // Hanweb: a column URL is worth a point; the real file name of a download is its showname.
  const score = (url: string) => scoreLink({ url, text: '栏目' }, 'portal');
  assert.equal(score('http://h/col/col1234/index.html') - score('http://h/lm/lm1234/index.html'), 1);
  assert.equal(fileNameOf('http://h/module/download/downfile.jsp?filename=ab.pdf&showname=%E5%B9%B4%E6%8A%A5.pdf'), '年报.pdf');
  // gkmlpt: the fragment names the category, so the frontier key keeps it.
  assert.equal(normaliseUrl('http://h/gkmlpt/index#2517'), 'http://h/gkmlpt/index#2517');
  assert.equal(normaliseUrl('http://h/other/index#2517'), 'http://h/other/index');
});

test('list data: a Hanweb column asks for its dataproxy pages (an answer does not); a gkmlpt shell and its API answers page on while articles remain', () => {
  const column = `<datastore><recordset><record><![CDATA[<li><a href='/art/2024/1/1/art_9_1.html'>某县2023年政府信息公开工作年度报告</a></li>]]></record></recordset></datastore>
    <script>var columnid = 9; var totalpage = 3;</script>`;
  const page = (url: string, body: string, context = {}) => ({ url, finalUrl: url, body, context });
  const [fromColumn] = familyListData(page('http://h/col/col9/index.html', column));
  assert.deepEqual(fromColumn.links, [{ href: '/art/2024/1/1/art_9_1.html', text: '某县2023年政府信息公开工作年度报告', title: undefined }]);
  assert.deepEqual(fromColumn.requests.map((r) => r.linkText), ['dataproxy page 2', 'dataproxy page 3']);
  const [fromAnswer] = familyListData(page('http://h/module/web/jpage/dataproxy.jsp?page=2&columnid=9', column));
  assert.deepEqual(fromAnswer.requests, []);

  const [shell] = familyListData(page('http://h/gkmlpt/index#2517', `<div id="app"></div><script>var SID = '755';</script>`));
  assert.deepEqual(shell.requests, [{ url: 'http://h/gkmlpt/api/all/2517?page=1&sid=755', linkText: 'gkmlpt api page 1', inReportColumn: true, context: { gkmlpt: { category: '2517', sid: '755', page: 1 } } }]);
  const apiPage = page(shell.requests[0].url, '', shell.requests[0].context);
  const articles = [{ url: '/gkmlpt/content/0/1/post_1.html', title: '某区2023年政府信息公开工作年度报告' }];
  const [more] = familyJsonListData(apiPage, { articles, total: 2 });
  assert.equal(more.links.length, 1);
  assert.deepEqual(more.requests.map((r) => r.url), ['http://h/gkmlpt/api/all/2517?page=2&sid=755']);
  const [last] = familyJsonListData(apiPage, { articles, total: 1 });
  assert.deepEqual(last.requests, []);
  assert.deepEqual(familyListData(page('http://h/nb/index.html', '<ul><li><a href="a.html">a</a></li></ul>')), []);
});

test('paged reports: a flipbook viewer leads to page 1, pages are placed in their book and joined in order', () => {
  const viewer = '<iframe src="files/basic-html/page1.html"></iframe>';
  assert.equal(pagedReportStart('http://h/book/2022/x/index.html', viewer, 'http://h/book/2022/x/index.html'), 'http://h/book/2022/x/files/basic-html/page1.html');
  assert.equal(pagedReportStart('http://h/nb/t1.html', '<p>正文</p>', 'http://h/nb/t1.html'), null);
  const book = pagedReportOf('http://h/book/2022/x/files/basic-html/page2.html');
  assert.ok(book);
  assert.deepEqual(book.place, { base: 'http://h/book/2022/x/files/basic-html/', page: 2 });
  assert.equal(book.rules.pageUrl(book.place.base, 3), 'http://h/book/2022/x/files/basic-html/page3.html');
  assert.equal(book.rules.pageCount('<a href="page5.html">尾页</a>', 2), 5);
  const joined = book.rules.assemble([{ page: 2, html: '<body>二</body>' }, { page: 1, html: '<body>一</body>' }], '年报');
  assert.ok(joined.indexOf('一') < joined.indexOf('二'));
  assert.equal(pagedReportOf('http://h/nb/t1.html'), null);
});

test('adding a family is registering it: discovery consults a new family without other changes', () => {
  const toy: PortalFamily = {
    name: 'toy',
    columnPath: /\/toycol\//,
    keepsFragment: (url) => url.pathname.startsWith('/toyapp/'),
    isTwinPage: (url) => url.pathname.endsWith('_toy.html'),
    listPages: (html, pageUrl) => (html.includes('toy-pager') ? [new URL('p2.html', pageUrl).toString()] : []),
  };
  const before = scoreLink({ url: 'http://h/toycol/a.html', text: '栏目' }, 'portal');
  (FAMILIES as PortalFamily[]).push(toy);
  try {
    assert.equal(scoreLink({ url: 'http://h/toycol/a.html', text: '栏目' }, 'portal'), before + 1);
    assert.equal(normaliseUrl('http://h/toyapp/#list'), 'http://h/toyapp/#list');
    assert.equal(isMobileTwin('http://h/nb/a_toy.html'), true);
    assert.deepEqual(nextPages('<i>toy-pager</i>', [], 'http://h/nb/p1.html'), ['http://h/nb/p2.html']);
  } finally {
    (FAMILIES as PortalFamily[]).pop();
  }
  assert.equal(normaliseUrl('http://h/toyapp/#list'), 'http://h/toyapp/');
});
