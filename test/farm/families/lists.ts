// Lists that tell the next page only one way: opaque-id .shtml pages with a 下一页 link, and a
// query-string list (iList.jsp?…&cur_page=N).
import { createHash } from 'node:crypto';
import { SEEDS, corpusTextReport, seedReport, type RenderedReport } from '../documents.ts';
import { addLookalike, addReportArticle, chunk, type Pages } from '../column.ts';
import { htmlReply, linkList, page, type Site } from '../pages.ts';
import type { PortalDefinition } from '../types.ts';

function hex(seed: string): string {
  return createHash('md5').update(seed).digest('hex');
}

const opaqueSite: Site = { name: '兰考县人民政府', siteId: '4102250001' };

export const opaque: PortalDefinition = {
  id: 'lankao-opaque', name: opaqueSite.name, family: 'opaque-shtml', divisionCode: '410225',
  notes: 'opaque ids /site/c<col>/YYYYMM/<32hex>.shtml; only a 下一页 link tells the next page',
  build(ctx) {
    const pages: Pages = new Map();
    const reports: { report: RenderedReport; date: string }[] = [
      { report: seedReport(SEEDS.jiuyuan, { organ: '兰考县人民政府', year: 2019 }), date: '2020-03-20' },
      { report: seedReport(SEEDS.daying, { organ: '兰考县人民政府', year: 2021 }), date: '2022-03-21' },
      { report: seedReport(SEEDS.daying, { organ: '兰考县堌阳镇人民政府', year: 2022 }), date: '2023-01-18' },
    ];
    const items = reports.map((r) => {
      const path = `/site/c104623/${r.date.slice(0, 7).replace('-', '')}/${hex(r.report.title)}.shtml`;
      addReportArticle(pages, ctx, opaqueSite, path, r.report, { date: r.date, container: 'div class="article-content"' });
      return { href: path, text: r.report.title, date: r.date };
    });
    const mention = addLookalike(pages, ctx, opaqueSite, `/site/c104623/202301/${hex('mention')}.shtml`, '兰考县召开政务公开工作推进会', '会议要求各单位按时发布政府信息公开工作年度报告。');
    items.splice(1, 0, { href: mention, text: '兰考县召开政务公开工作推进会', date: '2023-01-05' });
    const groups = chunk(items, 2);
    groups.forEach((group, i) => {
      const path = i === 0 ? '/site/c104623/list.shtml' : `/site/c104623/list_${hex(`p${i}`).slice(0, 8)}.shtml`;
      const nextPath = i + 1 < groups.length ? `/site/c104623/list_${hex(`p${i + 1}`).slice(0, 8)}.shtml` : null;
      const pager = `<div class="pager"><span>第${i + 1}页</span>${nextPath ? `<a href="${nextPath}">下一页</a>` : ''}</div>`;
      pages.set(path, htmlReply(page(opaqueSite, '政府信息公开年报', linkList(group) + pager, {}, '政府信息公开年报')));
    });
    pages.set('/', htmlReply(page(opaqueSite, '首页', linkList([{ href: '/site/c104600/zwgk.shtml', text: '政府信息公开' }]), {}, '首页')));
    pages.set('/site/c104600/zwgk.shtml', htmlReply(page(opaqueSite, '政府信息公开', linkList([{ href: '/site/c104623/list.shtml', text: '政府信息公开年度报告' }]), {}, '政府信息公开')));
    return { pages };
  },
};

const querySite: Site = { name: '沭阳县人民政府', siteId: '3213220001' };

export const queryList: PortalDefinition = {
  id: 'shuyang-query', name: querySite.name, family: 'query-string', divisionCode: '321322',
  notes: 'query-string list iList.jsp?node_id=…&cat_id=…&cur_page=N',
  build(ctx) {
    const pages: Pages = new Map();
    const reports: { report: RenderedReport; date: string; id: number }[] = [
      { report: corpusTextReport('KIROGOVCOMPARE/沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt', '沐阳县人民政府', 2025, '2021'), date: '2026-01-23', id: 7001 },
      { report: seedReport(SEEDS.songzhuang, { organ: '沭阳县胡集镇人民政府', year: 2023 }), date: '2024-01-20', id: 7002 },
      { report: seedReport(SEEDS.songzhuang, { organ: '沭阳县钱集镇人民政府', year: 2023 }), date: '2024-01-22', id: 7003 },
    ];
    const items = reports.map((r) => {
      const path = `/zgsy/xxgk/detail.jsp?id=${r.id}`;
      addReportArticle(pages, ctx, querySite, path, r.report, { date: r.date });
      return { href: path, text: r.report.title, date: r.date };
    });
    const groups = chunk(items, 2);
    groups.forEach((group, i) => {
      const pager = `<div class="pager">共${groups.length}页 ${groups.map((_, j) => `<a href="/zgsy/iList.jsp?node_id=GKsyx&cat_id=12087&cur_page=${j + 1}">${j + 1}</a>`).join(' ')}</div>`;
      const path = `/zgsy/iList.jsp?node_id=GKsyx&cat_id=12087&cur_page=${i + 1}`;
      pages.set(path, htmlReply(page(querySite, '政府信息公开年报', linkList(group) + pager, {}, '政府信息公开年报')));
    });
    pages.set('/', htmlReply(page(querySite, '首页', linkList([{ href: '/zgsy/zwgk.html', text: '政务公开' }]), {}, '首页')));
    pages.set('/zgsy/zwgk.html', htmlReply(page(querySite, '政务公开', linkList([{ href: '/zgsy/iList.jsp?node_id=GKsyx&cat_id=12087&cur_page=1', text: '政府信息公开年报' }]), {}, '政务公开')));
    return { pages };
  },
};
