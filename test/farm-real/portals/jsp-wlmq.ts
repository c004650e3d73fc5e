// 乌鲁木齐市人民政府 (www.wlmq.gov.cn), a JSP CMS with query-string lists (/info/iList.jsp?cat_id=N,
// cur_page=N). Real: the article page; its nav links 公开 → /xxgk.htm and 市局部门 →
// /info/iIndex.jsp?cat_id=15247. Written: the 信息公开 page (政府信息公开年报 → iList.jsp?cat_id=16850,
// and a 部门信息公开 grid naming each department only by its name, a bare 市审计局 whose path is an
// opaque cat_id), the city's 年报 list (two pages, static 下一页 with cur_page), each department's page
// and 年报 list, a report published as a flipbook (/book/…/files/basic-html/pageN.html), the reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, textToHtml } from '../../farm/documents.ts';
import { redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition } from '../types.ts';
import { SEEDS, addReport, chromePage, listItems, seedReport, type Chrome } from './common.ts';

const chrome: Chrome = { folder: 'gqcwlmq.gov.cn', file: 'index.html', selector: '#info_content' };
const ARTICLE = '/fjbm/llj/tzgg/562718.htm';
const CITY = '乌鲁木齐市人民政府';

function jspPager(catId: string, page: number, pages: number): string {
  const link = (p: number, text: string) => `<a href="/info/iList.jsp?cat_id=${catId}&cur_page=${p}">${text}</a>`;
  return `<div class="am-pagination">共${pages}页 当前第${page}页 ${page > 1 ? link(1, '首页') + link(page - 1, '上一页') : ''} ${page < pages ? link(page + 1, '下一页') + link(pages, '尾页') : ''}</div>`;
}

export const wlmqJsp: RealPortalDefinition = {
  id: 'wlmq-jsp', family: 'query-string', name: CITY, corpus: 'gqcwlmq.gov.cn', realHosts: ['www.wlmq.gov.cn', 'wlmq.gov.cn'],
  notes: 'JSP query-string lists (iList.jsp?cat_id=&cur_page=); 部门 grid of bare organ names with opaque cat_id paths; a flipbook report',
  build(b: RealBuild) {
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    const depts = [
      { name: '市审计局', cat: '15301', seed: SEEDS.daying },
      { name: '市财政局', cat: '15302', seed: SEEDS.muye },
      { name: '市统计局', cat: '15303', seed: SEEDS.tuanba },
      { name: '市民政局', cat: '15304', seed: SEEDS.jiuyuan },
      { name: '市商务局', cat: '15305', seed: SEEDS.songzhuang },
    ];
    const grid = `<div class="bmxxgk"><h3>部门信息公开</h3><ul class="grid">${depts.map((d) => `<li><a href="/info/iIndex.jsp?cat_id=${d.cat}">${d.name}</a></li>`).join('')}</ul></div>`;
    b.pages.set('/xxgk.htm', writtenHtml(chromePage(chrome, '政府信息公开', `<ul><li><a href="http://www.wlmq.gov.cn/gk/xxgkzn/432880.htm?q=xxgkzn">政府信息公开指南</a></li><li><a href="/info/iList.jsp?cat_id=16850">政府信息公开年报</a></li><li><a href="/info/nIndex.jsp?node_id=GKszf">法定主动公开内容</a></li></ul>${grid}`,
      'JSP 信息公开 page with a 部门 grid of bare organ names')));
    const cityReports = [
      seedReport(SEEDS.daying, { organ: CITY, year: 2023 }),
      seedReport(SEEDS.muye, { organ: CITY, year: 2022 }),
      seedReport(SEEDS.tuanba, { organ: CITY, year: 2021 }),
    ];
    const rows = cityReports.map((r, i) => {
      const path = `/info/iContent.jsp?cat_id=16850&info_id=${60100 + i}`;
      addReport(b, chrome, path, r);
      return { href: path, title: r.title };
    });
    // Page 2 holds an older report published as a flipbook.
    const organ = '乌鲁木齐市人民政府';
    const text = readFileSync(join(SHARED, 'seeds', `${SEEDS.songzhuang}.txt`), 'utf8').split('送庄镇人民政府').join(organ).replace(/2022(\s*)年/g, '2020$1年');
    const lines = text.split('\n');
    const per = Math.ceil(lines.length / 3);
    const book = '/book/2021dzs/wlmq/';
    for (let i = 0; i < 3; i++) {
      const nav = `${i > 0 ? `<a href="page${i}.html">上一页</a>` : ''} ${i < 2 ? `<a href="page${i + 2}.html">下一页</a>` : ''}`;
      b.pages.set(`${book}files/basic-html/page${i + 1}.html`, writtenHtml(`<!-- written for test/farm-real: flipbook page (FlipHTML5-style basic-html) -->
<!DOCTYPE html><html><head><meta charset="utf-8"><title>${organ}2020年政府信息公开工作年度报告</title></head><body><div class="page">${textToHtml(lines.slice(i * per, (i + 1) * per).join('\n'))}</div><div class="nav">${nav}</div></body></html>`));
    }
    b.report(organ, 2020, `${book}files/basic-html/page1.html`);
    const page2 = [{ href: `${book}files/basic-html/page1.html`, title: `${organ}2020年政府信息公开工作年度报告（电子书）` }];
    b.pages.set('/info/iList.jsp?cat_id=16850', writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(rows) + jspPager('16850', 1, 2), 'JSP iList page with a static cur_page pager')));
    b.pages.set('/info/iList.jsp?cat_id=16850&cur_page=2', writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(page2) + jspPager('16850', 2, 2), 'JSP iList page with a static cur_page pager')));
    for (const [k, d] of depts.entries()) {
      const listCat = `${d.cat}9`;
      b.pages.set(`/info/iIndex.jsp?cat_id=${d.cat}`, writtenHtml(chromePage(chrome, d.name, `<ul><li><a href="/info/iList.jsp?cat_id=${d.cat}1">机构职能</a></li><li><a href="/info/iList.jsp?cat_id=${listCat}">政府信息公开年报</a></li></ul>`, 'JSP department column page')));
      const organDept = `乌鲁木齐${d.name}`;
      const items = [2023, 2022].map((year, j) => {
        const report = seedReport([SEEDS.daying, SEEDS.muye, SEEDS.tuanba, SEEDS.jiuyuan, SEEDS.songzhuang][(k + j) % 5], { organ: organDept, year });
        const path = `/info/iContent.jsp?cat_id=${listCat}&info_id=${61000 + k * 10 + j}`;
        addReport(b, chrome, path, report);
        return { href: path, title: report.title };
      });
      b.pages.set(`/info/iList.jsp?cat_id=${listCat}`, writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(items), 'JSP department 年报 list')));
    }
  },
};
