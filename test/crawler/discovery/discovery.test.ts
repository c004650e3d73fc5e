// Discovery's pure pieces: report titles and look-alikes, link scores, the generic pager, URL rules
// and scope, and the classification of a page's links into frontier entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTitle, organOf, yearOf } from '../../../crawler/discovery/report-title.ts';
import { scoreLink, FOLLOW_THRESHOLD, areaOf } from '../../../crawler/discovery/link-score.ts';
import { nextPages, pagerLinks } from '../../../crawler/discovery/pager.ts';
import { atobUrls } from '../../../crawler/families/query-string.ts';
import { fileNameOf, isAttachmentUrl, isInScope, isMobileTwin, normaliseUrl } from '../../../crawler/discovery/urls.ts';
import { scopeOf } from '../../../crawler/discovery/scope.ts';
import { discoverLinks } from '../../../crawler/discovery/discover.ts';

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
  // An attachment on another host is in scope only on the portal's registrable domain or when the registry allows its host.
  assert.equal(isInScope('http://127.0.0.3/a.pdf', 'http://127.0.0.2/', 'attachment'), false);
  assert.equal(isInScope('http://127.0.0.3/a.pdf', scopeOf('http://127.0.0.2/', ['127.0.0.3']), 'attachment'), true);
  assert.equal(isInScope('http://file.example.gov.cn/a.pdf', 'http://www.dept.example.gov.cn/', 'attachment'), true);
  assert.equal(isInScope('http://file.example.gov.cn/a.html', 'http://www.dept.example.gov.cn/', 'page'), false);
  assert.equal(isInScope('http://cdn.files.com/a.pdf', scopeOf('http://www.example.gov.cn/', ['*.files.com']), 'attachment'), true);
  assert.equal(isInScope('http://evil.com/x.pdf?name=x.pdf', 'http://www.example.gov.cn/', 'attachment'), false);
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
