// 廊坊市人民政府 (www.lf.gov.cn), PowerEasy 动易 SiteFactory (ASP.NET: /Category_<N>/Index.aspx,
// /Item/<N>.aspx). Real: the article page; its nav links 政务公开 → /Category_2/Index.aspx. Written:
// the 政务公开 category (its sub-categories), the 年报 category (two pages: Index.aspx, Index_2.aspx, with
// 下一页), the reports as /Item/<N>.aspx, one with a PDF attachment under /UploadFiles/.
import { peerFile, redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition } from '../types.ts';
import { SEEDS, addReport, chromePage, listItems, seedReport, type Chrome, type RenderedReport } from './common.ts';

const chrome: Chrome = { folder: 'zlzlf.gov.cn', file: 'index.html', selector: '#fontzoom' };
const ARTICLE = '/Item/91530.aspx';
const CITY = '廊坊市人民政府';

export const langfangPowerEasy: RealPortalDefinition = {
  id: 'langfang-powereasy', family: 'powereasy', name: CITY, corpus: 'zlzlf.gov.cn', realHosts: ['www.lf.gov.cn', 'lf.gov.cn'],
  notes: 'PowerEasy SiteFactory .aspx categories; Index_N.aspx pages with 下一页; a PDF attachment',
  build(b: RealBuild) {
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    b.pages.set('/Category_2/Index.aspx', writtenHtml(chromePage(chrome, '政务公开', `<ul><li><a href="/Category_55/Index.aspx">政府信息公开指南</a></li><li><a href="/Category_57/Index.aspx">政府信息公开年报</a></li><li><a href="/Category_58/Index.aspx">政府文件</a></li></ul>`, 'PowerEasy 政务公开 category listing its sub-categories')));
    const reports: RenderedReport[] = [
      seedReport(SEEDS.daying, { organ: CITY, year: 2023 }),
      seedReport(SEEDS.muye, { organ: CITY, year: 2022 }),
      seedReport(SEEDS.tuanba, { organ: '廊坊市广阳区人民政府', year: 2023 }),
      seedReport(SEEDS.jiuyuan, { organ: CITY, year: 2021 }),
    ];
    const items = reports.map((r, i) => {
      const path = `/Item/${88000 + i}.aspx`;
      addReport(b, chrome, path, r);
      return { href: path, title: r.title };
    });
    // A report whose page only carries its PDF (洪泽区 2023, a real WPS-made PDF).
    const pdf = '/UploadFiles/2024/1/202401221530417781.pdf';
    b.pages.set(pdf, peerFile('KIROGOVCOMPARE/hzq2023_working.pdf'));
    b.pages.set('/Item/88010.aspx', writtenHtml(chromePage(chrome, '淮安市洪泽区人民政府2023年政府信息公开工作年度报告', `<p>附件：<a href="${pdf}">淮安市洪泽区人民政府2023年政府信息公开工作年度报告.pdf</a></p>`, 'PowerEasy item with a PDF attachment')));
    b.report('淮安市洪泽区人民政府', 2023, pdf);
    items.push({ href: '/Item/88010.aspx', title: '淮安市洪泽区人民政府2023年政府信息公开工作年度报告' });
    const pager = (current: number) => `<div class="pager">共2页 ${current === 1 ? '<a href="/Category_57/Index_2.aspx">下一页</a> <a href="/Category_57/Index_2.aspx">尾页</a>' : '<a href="/Category_57/Index.aspx">首页</a> <a href="/Category_57/Index.aspx">上一页</a>'}</div>`;
    b.pages.set('/Category_57/Index.aspx', writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(items.slice(0, 3)) + pager(1), 'PowerEasy category list, 下一页 to Index_2.aspx')));
    b.pages.set('/Category_57/Index_2.aspx', writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(items.slice(3)) + pager(2), 'PowerEasy category list, page 2')));
  },
};
