// Sites that defend themselves, and a site full of traps. The crawler must recognise challenges
// (瑞数 412 $_ts, 加速乐 521 __jsl_clearance, WZWS redirect), store none as a report, and flag the
// portal; and it must keep its manners on the trap site: robots.txt, Crawl-delay, a slow host,
// 404/500/429, a redirect loop and an endless calendar.
import { corpusFile } from '../documents.ts';
import { MIME, type Pages } from '../column.ts';
import { articlePage, fileReply, htmlReply, linkList, page, type Site } from '../pages.ts';
import type { FarmRequest, PortalDefinition, Reply } from '../types.ts';

function challengePortal(id: string, name: string, code: string, notes: string, reply: () => Reply): PortalDefinition {
  return {
    id, name, family: 'challenge', divisionCode: code, notes, challenge: true,
    build: () => ({ pages: new Map(), dynamic: () => reply() }),
  };
}

export const challenge412 = challengePortal('ruishu-412', '某县人民政府（瑞数）', '430000', 'every page: HTTP 412 with an inline $_ts script', () => ({
  status: 412,
  headers: { 'content-type': 'text/html' },
  body: '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><script type="text/javascript">$_ts=window[\'$_ts\'];if(!$_ts)$_ts=window[\'$_ts\']={};$_ts.nsd=12345;$_ts.cd="qEqrrGAlcGZcwqAlDqAkqa";</script><script type="text/javascript" charset="utf-8" src="/a1b2c3/d4e5f6.js" r=\'m\'></script></head><body></body></html>',
}));

export const challenge521 = challengePortal('jiasule-521', '某市人民政府（加速乐）', '440000', 'every page: HTTP 521 with a __jsl_clearance cookie script', () => ({
  status: 521,
  headers: { 'content-type': 'text/html' },
  body: '<script>document.cookie=(\'_\')+(\'_\')+(\'j\')+(\'sl\')+(\'_cl\')+(\'e\')+(\'ar\')+(\'a\')+(\'n\')+(\'c\')+(\'e\')+(\'=\')+(1700000000)+\'.123|0|\'+\'abcdef\';location.href=location.pathname+location.search</script>',
}));

export const wzws = challengePortal('wzws-redirect', '某区人民政府（WZWS）', '320000', 'a small obfuscated page redirecting to /WZWSREL…?wzwschallenge=', () => ({
  status: 200,
  headers: { 'content-type': 'text/html' },
  body: '<html><head><script type="text/javascript">var _0x2a=["\\x77\\x7a\\x77\\x73"];(function(){var wzwschallenge="RANDOMSTR3525";var encoderchallenge="";window.location.href="/WZWSRELw==?wzwschallenge="+encoderchallenge;})();</script></head><body></body></html>',
}));

const trapSite: Site = { name: '淮安市人民政府', siteId: '3208000001' };

/** Dynamic trap routes: the calendar, the redirect loop, a flaky 500 and a 429 that clear once. */
function traps(state: { flaky: number; limited: number }) {
  return (req: FarmRequest): Reply | undefined => {
    if (req.path === '/calendar/') {
      const date = new Date(`${req.query.get('date') ?? '2024-01-01'}T00:00:00Z`);
      const next = new Date(date.getTime() + 86400000).toISOString().slice(0, 10);
      return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(trapSite, `活动日历 ${date.toISOString().slice(0, 10)}`, `<a href="/calendar/?date=${next}">下一天</a> <a href="/calendar/?date=${next}&view=week">周视图</a>`) };
    }
    if (req.path === '/loop/a') return { status: 302, headers: { location: '/loop/b' } };
    if (req.path === '/loop/b') return { status: 302, headers: { location: '/loop/a' } };
    if (req.path === '/zwgk/flaky.html') {
      state.flaky++;
      return state.flaky === 1 ? { status: 500, body: 'Internal Server Error' } : { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(trapSite, '政务公开动态', '<p>暂无</p>') };
    }
    if (req.path === '/zwgk/busy.html') {
      state.limited++;
      return state.limited === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' } : { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(trapSite, '通知公告', '<p>暂无</p>') };
    }
    return undefined;
  };
}

export const trapPortal: PortalDefinition = {
  id: 'huaian-traps', name: trapSite.name, family: 'traps', divisionCode: '320800', slowDelayMs: 300,
  notes: 'slow host; robots.txt forbids /private/ with Crawl-delay 1; 404, flaky 500, 429 once, redirect loop, endless calendar',
  build(ctx) {
    const pages: Pages = new Map();
    const state = { flaky: 0, limited: 0 };
    pages.set('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n' });
    const pdfPath = '/zwgk/zfxxgknb/202501/P020250125556677.pdf';
    const articlePath = '/zwgk/zfxxgknb/202501/t20250125_4455.html';
    const title = '淮安市人民政府2024年政府信息公开工作年度报告';
    pages.set(articlePath, htmlReply(articlePage(trapSite, { title, date: '2025-01-25', source: '淮安市人民政府', bodyHtml: '<p>（详见附件）</p>', attachments: [{ href: './P020250125556677.pdf', text: `${title}.pdf` }] })));
    pages.set(pdfPath, fileReply(corpusFile('govnianbao/szfgs2024.pdf'), MIME.pdf));
    ctx.addReport({ organ: '淮安市人民政府', year: 2024, template: '2021', pageUrl: ctx.baseUrl + articlePath, attachmentUrls: [ctx.baseUrl + pdfPath], formats: ['pdf'] });
    // A report behind robots.txt: real, but the crawler must not fetch it.
    const hidden = '/private/zfxxgknb/t20250120_1.html';
    pages.set(hidden, htmlReply(articlePage(trapSite, { title: '淮安市人民政府内部2024年政府信息公开工作年度报告', date: '2025-01-20', source: '淮安市人民政府', bodyHtml: '<p>内部</p>' })));
    ctx.forbid(ctx.baseUrl + hidden);
    pages.set('/zwgk/zfxxgknb/', htmlReply(page(trapSite, '政府信息公开年报', linkList([
      { href: './202501/t20250125_4455.html', text: title, date: '2025-01-25' },
      { href: '/private/zfxxgknb/t20250120_1.html', text: '淮安市人民政府2024年政府信息公开工作年度报告（内部版）' },
      { href: '/zwgk/zfxxgknb/202401/t20240101_0000.html', text: '淮安市人民政府2023年政府信息公开工作年度报告' },
    ]), {}, '政府信息公开年报')));
    pages.set('/', htmlReply(page(trapSite, '首页', linkList([
      { href: '/zwgk/', text: '政府信息公开' }, { href: '/calendar/?date=2024-01-01', text: '活动日历' },
      { href: '/loop/a', text: '专题专栏' }, { href: '/private/', text: '内部办公' },
    ]), {}, '首页')));
    pages.set('/zwgk/', htmlReply(page(trapSite, '政府信息公开', linkList([
      { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }, { href: '/zwgk/flaky.html', text: '政务公开动态' },
      { href: '/zwgk/busy.html', text: '通知公告' }, { href: '/zwgk/gone.html', text: '政府信息公开目录' },
    ]), {}, '政府信息公开')));
    return { pages, dynamic: traps(state) };
  },
};
