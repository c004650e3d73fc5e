// 防城港市人民政府 (www.fcgs.gov.cn), TRS WCM (Guangxi 集约化). Real: the article page and its chrome,
// whose nav links 政府信息公开年报 → /zfxxgk/zfxxgkndbg/. Written: the 年报 list (two pages) whose
// pager is an inline script that is not createPageHTML (`var countPage … for(…) document.write(
// "<a href=\"index"+"_"+i+".shtml\">")`), the reports, a meeting-news look-alike
// (召开…年度报告编制工作部署会) and a 政府网站工作年度报表 list that must not be followed.
import { redirect, writtenHtml } from '../written.ts';
import type { RealPortalDefinition } from '../types.ts';
import { SEEDS, addLookalike, addReport, chromePage, corpusTextReport, listItems, seedReport, type Chrome } from './common.ts';

const chrome: Chrome = { folder: 'lfyfcgs.gov.cn', file: 'index.html', selector: '.article-con' };
const ARTICLE = '/zxzx/zdxm/t18993630.shtml';
const LIST = '/zfxxgk/zfxxgkndbg/';

/** The inline pager of these list templates: no static link, no createPageHTML. */
function inlinePager(countPage: number, currentPage: number): string {
  return `<div class="page"><script type="text/javascript">
var countPage = ${countPage};//共多少页
var currentPage = ${currentPage};//当前页
var prevPage = currentPage - 1;
var nextPage = currentPage + 1;
if (countPage > 1) {
  document.write("<a href=\\"index.shtml\\">首页</a>");
  if (currentPage > 0) document.write("<a href=\\"index" + (prevPage == 0 ? "" : "_" + prevPage) + ".shtml\\">上一页</a>");
  for (var i = 0; i < countPage; i++) {
    if (i == currentPage) { document.write("<span class=\\"current\\">" + (i + 1) + "</span>"); }
    else if (i == 0) { document.write("<a href=\\"index.shtml\\">1</a>"); }
    else { document.write("<a href=\\"index" + "_" + i + ".shtml\\">" + (i + 1) + "</a>"); }
  }
  if (nextPage < countPage) document.write("<a href=\\"index_" + nextPage + ".shtml\\">下一页</a>");
  document.write("<a href=\\"index" + (countPage > 1 ? "_" + (countPage - 1) : "") + ".shtml\\">尾页</a>");
}
</script></div>`;
}

export const fcgsTrs: RealPortalDefinition = {
  id: 'fcgs-trs', family: 'trs', name: '防城港市人民政府', corpus: 'lfyfcgs.gov.cn', realHosts: ['www.fcgs.gov.cn', 'fcgs.gov.cn'],
  notes: 'TRS WCM; 年报 column from the nav; list pager is an inline for-loop document.write (not createPageHTML); look-alikes: meeting news, 政府网站工作年度报表',
  build(b) {
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    const r2023 = seedReport(SEEDS.daying, { organ: '防城港市人民政府', year: 2023 });
    const r2022 = seedReport(SEEDS.muye, { organ: '防城港市人民政府', year: 2022 });
    const r2021 = seedReport(SEEDS.jiuyuan, { organ: '防城港市港口区人民政府', year: 2021 });
    const r2018 = corpusTextReport('pingtan-gov-zwgk-archive/2018_page.txt', '平潭综合实验区', 2018, 'legacy');
    const more = [
      seedReport(SEEDS.tuanba, { organ: '防城港市防城区人民政府', year: 2023 }),
      seedReport(SEEDS.songzhuang, { organ: '东兴市人民政府', year: 2023 }),
      seedReport(SEEDS.daying, { organ: '上思县人民政府', year: 2022 }),
      seedReport(SEEDS.muye, { organ: '防城港市港口区人民政府', year: 2022 }),
    ];
    const morePaths = more.map((r, i) => `./20240${i + 1}/t2024012${i}_1110${i}.shtml`);
    const page1 = [
      ...more.slice(0, 2).map((r, i) => ({ href: morePaths[i], title: r.title, date: '2024-01-22' })),
      { href: './202401/t20240118_11001.shtml', title: r2023.title, date: '2024-01-18' },
      { href: './202312/t20231220_10990.shtml', title: '防城港市召开2023年度政府信息公开工作年度报告编制工作部署会', date: '2023-12-20' },
      { href: './202301/t20230120_10801.shtml', title: r2022.title, date: '2023-01-20' },
      { href: './wzgzndbb/', title: '政府网站工作年度报表', date: '2023-01-15' },
    ];
    const page2 = [
      ...more.slice(2).map((r, i) => ({ href: morePaths[i + 2], title: r.title, date: '2023-01-22' })),
      { href: './202201/t20220124_10611.shtml', title: r2021.title, date: '2022-01-24' },
      { href: './201901/t20190130_10201.shtml', title: r2018.title, date: '2019-01-30' },
    ];
    const list = (items: typeof page1, current: number) => writtenHtml(chromePage(chrome, '政府信息公开年报', `${listItems(items)}${inlinePager(2, current)}`,
      'TRS list in the article template; pager written by an inline for-loop document.write as seen on real TRS lists'));
    b.pages.set(LIST, list(page1, 0));
    b.pages.set(`${LIST}index.shtml`, list(page1, 0));
    b.pages.set(`${LIST}index_1.shtml`, list(page2, 1));
    more.forEach((r, i) => addReport(b, chrome, LIST + morePaths[i].slice(2), r));
    addReport(b, chrome, `${LIST}202401/t20240118_11001.shtml`, r2023);
    addReport(b, chrome, `${LIST}202301/t20230120_10801.shtml`, r2022);
    addReport(b, chrome, `${LIST}202201/t20220124_10611.shtml`, r2021);
    addReport(b, chrome, `${LIST}201901/t20190130_10201.shtml`, r2018);
    addLookalike(b, chrome, `${LIST}202312/t20231220_10990.shtml`, '防城港市召开2023年度政府信息公开工作年度报告编制工作部署会',
      '12月20日，市政务服务监督管理办公室召开全市2023年度政府信息公开工作年度报告编制工作部署会。');
    b.pages.set(`${LIST}wzgzndbb/`, writtenHtml(chromePage(chrome, '政府网站工作年度报表', listItems([{ href: './202301/t20230115_10700.shtml', title: '防城港市人民政府门户网站2022年政府网站工作年度报表' }]), 'TRS list of 政府网站工作年度报表 (not the disclosure report)')));
    b.lookalike(`${LIST}wzgzndbb/`);
  },
};
