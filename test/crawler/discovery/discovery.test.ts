// The crawler's pure pieces: titles, link scores, challenges, robots.txt, pagination of every
// family, Hanweb datastores, gkmlpt answers, scope, discovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTitle, organOf, yearOf } from '../crawler/discovery/report-title.ts';
import { scoreLink, FOLLOW_THRESHOLD, areaOf } from '../crawler/discovery/link-score.ts';
import { recogniseChallenge } from '../crawler/responses/challenge.ts';
import { parseRobots } from '../crawler/politeness/robots.ts';
import { nextPages, pagerLinks } from '../crawler/discovery/pager.ts';
import { trsPageUrls } from '../crawler/families/trs.ts';
import { atobUrls } from '../crawler/families/query-string.ts';
import { dataproxyRequests, readHanwebList } from '../crawler/families/hanweb.ts';
import { gkmlptApiUrl, gkmlptCategory, gkmlptSiteId, readGkmlptAnswer } from '../crawler/families/gkmlpt.ts';
import { fileNameOf, isAttachmentUrl, isInScope, isMobileTwin, normaliseUrl } from '../crawler/discovery/urls.ts';
import { discoverLinks } from '../crawler/discovery/discover.ts';
import { HostPacer, retryAfterSecs } from '../crawler/politeness/host-pacer.ts';
import { classifyResponse } from '../crawler/responses/response-kind.ts';
import { resolveSettings, SettingsError } from '../crawler/engine/settings.ts';

test('report titles in their variants are reports, with organ and year', () => {
  const cases: [string, string | null, number][] = [
    ['新乡市牧野区人民政府2021年政府信息公开工作年度报告', '新乡市牧野区人民政府', 2021],
    ['2022年度螅镇政府信息公开工作年度报告', '螅镇', 2022],
    ['沭阳县财政局 2023年度政府信息公开工作年度报告', '沭阳县财政局', 2023],
    ['关于2022年度政府信息公开情况的报告', null, 2022],
    ['某县人民政府2020年政府信息公开工作报告', '某县人民政府', 2020],
  ];
  for (const [title, organ, year] of cases) {
    const verdict = classifyTitle(title);
    assert.equal(verdict.kind, 'report', title);
    assert.equal(verdict.year, year, title);
    assert.equal(verdict.organ, organ, title);
  }
});

test('look-alikes are recognised: format notices, half-year statistics, guides, lists', () => {
  for (const title of [
    '关于印发《政府信息公开工作年度报告格式》的通知',
    '关于做好2023年政府信息公开工作年度报告编制发布工作的通知',
    '2023年上半年政府信息公开工作情况报告',
    '某县政府信息公开指南（年度报告）',
    '2022年度政府信息公开工作年度报告目录',
  ]) assert.equal(classifyTitle(title).kind, 'lookalike', title);
  assert.equal(classifyTitle('2023年工作总结').kind, 'other');
  assert.equal(yearOf('二〇二三 2023年度'), 2023);
  assert.equal(organOf('2022年度螅镇政府信息公开工作年度报告'), '螅镇');
});

test('links towards report columns score above the threshold, unrelated ones below', () => {
  const base = 'http://127.0.0.2/';
  assert.ok(scoreLink({ url: `${base}zfxxgk/zfxxgknb/`, text: '政府信息公开年报' }, 'portal') >= FOLLOW_THRESHOLD);
  assert.ok(scoreLink({ url: `${base}col/col123/index.html`, text: '政府信息公开年度报告' }, 'portal') >= FOLLOW_THRESHOLD);
  assert.ok(scoreLink({ url: `${base}xxgk/`, text: '信息公开' }, 'portal') >= FOLLOW_THRESHOLD);
  assert.ok(scoreLink({ url: `${base}zfxxgknb/bm/czj/`, text: '县财政局' }, 'reports') >= FOLLOW_THRESHOLD);
  assert.ok(scoreLink({ url: `${base}news/`, text: '新闻动态' }, 'portal') < FOLLOW_THRESHOLD);
  assert.ok(scoreLink({ url: `${base}calendar/?date=2024-01-01`, text: '1' }, 'reports') < FOLLOW_THRESHOLD);
  assert.ok(scoreLink({ url: `${base}xxgk/zn/`, text: '政府信息公开指南' }, 'disclosure') < FOLLOW_THRESHOLD);
  assert.equal(areaOf('政府信息公开年报', `${base}x/`, 'portal'), 'reports');
  assert.equal(areaOf('首页', `${base}zwgk/index.html`, 'portal'), 'disclosure');
});

test('challenges are recognised and ordinary pages are not', () => {
  assert.equal(recogniseChallenge({ status: 412, url: 'http://a/', bodyText: '<script>$_ts=window["$_ts"];</script>' }), 'rs-412');
  assert.equal(recogniseChallenge({ status: 521, url: 'http://a/', bodyText: '<script>document.cookie="__jsl_clearance=1"</script>' }), 'jsl-521');
  assert.equal(recogniseChallenge({ status: 200, url: 'http://a/WZWSRELw==?wzwschallenge=abc', bodyText: '' }), 'wzws');
  assert.equal(recogniseChallenge({ status: 200, url: 'http://a/', bodyText: '<script>location="/WZWSREL123"</script>' }), 'wzws');
  assert.equal(recogniseChallenge({ status: 200, url: 'http://a/', bodyText: '<p>某县2023年政府信息公开工作年度报告</p>' }), null);
  assert.equal(recogniseChallenge({ status: 404, url: 'http://a/', bodyText: 'not found' }), null);
  assert.deepEqual(classifyResponse(503, 'http://a/', ''), { kind: 'retry', reason: 'http-503' });
  assert.deepEqual(classifyResponse(304, 'http://a/', ''), { kind: 'not-modified' });
  assert.deepEqual(classifyResponse(404, 'http://a/', ''), { kind: 'failed', reason: 'http-404' });
  assert.equal(classifyResponse(521, 'http://a/', 'x').kind, 'challenge');
});

test('robots.txt: groups, longest match, wildcards, Crawl-delay', () => {
  const robots = parseRobots('User-agent: badbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open/\nDisallow: /*.jsp$\nCrawl-delay: 3\n', 'nianbao');
  assert.equal(robots.isAllowed('http://h/private/x.html'), false);
  assert.equal(robots.isAllowed('http://h/private/open/a.html'), true);
  assert.equal(robots.isAllowed('http://h/search.jsp'), false);
  assert.equal(robots.isAllowed('http://h/search.jsp?q=1'), true);
  assert.equal(robots.isAllowed('http://h/zwgk/'), true);
  assert.equal(robots.crawlDelaySecs, 3);
  const own = parseRobots('User-agent: nianbao\nDisallow: /a/\nUser-agent: *\nDisallow: /\n', 'nianbao');
  assert.equal(own.isAllowed('http://h/b/'), true);
  assert.equal(own.isAllowed('http://h/a/1'), false);
});

test('TRS createPageHTML pages are 0-based index_N, in both call forms', () => {
  assert.deepEqual(trsPageUrls('<script>createPageHTML(3, 0, "index", "html");</script>', 'http://h/nb/'), ['http://h/nb/index_1.html', 'http://h/nb/index_2.html']);
  assert.deepEqual(trsPageUrls("var countPage = 2;\ncreatePageHTML(countPage, 1, 'list', 'shtml');", 'http://h/nb/list_1.shtml'), ['http://h/nb/list.shtml']);
  assert.deepEqual(trsPageUrls("createPageHTML('page_div', 3, 0, 'index', 'html', 40);", 'http://h/nb/index.html'), ['http://h/nb/index_1.html', 'http://h/nb/index_2.html']);
});

test('pager links: 下一页, numbered pages, cur_page siblings, atob-hidden pagers', () => {
  const page = 'http://h/iList.jsp?node_id=5&cat_id=9&cur_page=1';
  const links = [
    { url: 'http://h/iList.jsp?node_id=5&cat_id=9&cur_page=2', text: '2' },
    { url: 'http://h/c1/202401/abcdef.shtml', text: '下一页' },
    { url: 'http://h/other.jsp?cur_page=2', text: '某县2023年报' },
  ];
  assert.deepEqual(pagerLinks(links, page).sort(), ['http://h/c1/202401/abcdef.shtml', 'http://h/iList.jsp?node_id=5&cat_id=9&cur_page=2']);
  const encoded = Buffer.from('?page=3').toString('base64');
  assert.deepEqual(atobUrls(`<script>go(window.atob('${encoded}'))</script>`, 'http://h/list'), ['http://h/list?page=3']);
  assert.ok(nextPages('<script>createPageHTML(2,0,"index","html")</script>', [], 'http://h/nb/').includes('http://h/nb/index_1.html'));
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

test('URLs: normal form, attachments, file names, mobile twins, scope', () => {
  assert.equal(normaliseUrl('./a.html#top', 'http://h/x/'), 'http://h/x/a.html');
  assert.equal(normaliseUrl('/gkmlpt/index#2517', 'http://h/'), 'http://h/gkmlpt/index#2517');
  assert.equal(normaliseUrl('javascript:void(0)', 'http://h/'), null);
  assert.equal(isAttachmentUrl('http://h/nb/P020240101123.pdf'), true);
  assert.equal(isAttachmentUrl('http://h/module/download/downfile.jsp?classid=0&filename=ab12.pdf&showname=报告.pdf'), true);
  assert.equal(isAttachmentUrl('http://h/nb/t20240101_1.html'), false);
  assert.equal(fileNameOf('http://h/module/download/downfile.jsp?classid=0&filename=ab12.pdf&showname=%E6%8A%A5%E5%91%8A.pdf'), '报告.pdf');
  assert.equal(isMobileTwin('http://h/nb/202401/t20240101_1_wap.html'), true);
  assert.equal(isInScope('http://127.0.0.3/a', 'http://127.0.0.2/', 'page'), false);
  assert.equal(isInScope('http://127.0.0.3/a.pdf', 'http://127.0.0.2/', 'attachment'), true);
  assert.equal(isInScope('http://xz.example.gov.cn/', 'http://www.example.gov.cn/', 'page'), true);
  assert.equal(isInScope('http://other.gov.cn/', 'http://www.example.gov.cn/', 'page'), false);
});

test('discovery: reports fetched, look-alikes and wap twins recorded as skipped, attachments of report pages', () => {
  const page = { url: 'http://h/nb/', portalUrl: 'http://h/', area: 'reports' as const, hops: 0, depth: 2 };
  const found = discoverLinks([
    { url: 'http://h/nb/202401/t20240110_1.html', text: '某县2023年政府信息公开工作年度报告' },
    { url: 'http://h/nb/202401/t20240110_1_wap.html', text: '某县2023年政府信息公开工作年度报告' },
    { url: 'http://h/nb/202401/t20240105_2.html', text: '关于做好2023年政府信息公开工作年度报告编制发布工作的通知' },
    { url: 'http://h/nb/bm/', text: '部门' },
    { url: 'http://other/nb/', text: '政府信息公开年报' },
    { url: 'http://h/nb/index_1.html', text: '下一页' },
  ], page);
  const byUrl = new Map(found.map((d) => [d.url, d]));
  assert.equal(byUrl.get('http://h/nb/202401/t20240110_1.html')?.label, 'report');
  assert.match(byUrl.get('http://h/nb/202401/t20240110_1_wap.html')?.skipReason ?? '', /mobile/);
  assert.match(byUrl.get('http://h/nb/202401/t20240105_2.html')?.skipReason ?? '', /look-alike/);
  assert.equal(byUrl.get('http://h/nb/bm/')?.label, 'list');
  assert.equal(byUrl.has('http://other/nb/'), false);
  const attachments = discoverLinks([{ url: 'http://h/nb/202401/P0202401.pdf', text: '附件：统计表.pdf' }], { ...page, isReportPage: true });
  assert.equal(attachments[0].label, 'attachment');
  assert.equal(attachments[0].context.fileName, '附件：统计表.pdf');
});

test('politeness: pacer spaces starts per host and backs off; Retry-After read; settings checked', async () => {
  const pacer = new HostPacer(60, 1000);
  const started: number[] = [];
  const t0 = Date.now();
  await Promise.all([0, 1, 2].map(async () => { await pacer.waitTurn('a'); started.push(Date.now() - t0); }));
  started.sort((a, b) => a - b);
  assert.ok(started[1] - started[0] >= 50 && started[2] - started[1] >= 50, `starts ${started}`);
  pacer.backOff('a');
  assert.ok(pacer.delayFor('a') >= 250);
  assert.equal(retryAfterSecs('7'), 7);
  assert.throws(() => resolveSettings({ maxPagesPerPortal: 0 }), SettingsError);
  assert.throws(() => resolveSettings({ politenessDelaySecs: -1 }), SettingsError);
  assert.equal(resolveSettings().politenessDelaySecs, 2);
});
