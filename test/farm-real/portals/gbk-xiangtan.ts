// 湘潭市人民政府 (www.xiangtan.gov.cn). Real: the article page, saved as UTF-16LE with a BOM while its
// meta says gb2312, whose header and footer come from GBK document.write includes (static/js/top_jr.js:
// 政务公开 → /23233/index.htm); its breadcrumb links 政务公开 by a deep `../../../23233/index.htm`,
// which is the way a crawl finds (the page does not lead nowhere, so the includes are not read). Written, in GBK with the charset only in <meta>: the 政务公开 page, the
// 年报 column (numeric opaque ids; only a 下一页 link leads to the next page), the reports.
import { redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition } from '../types.ts';
import { SEEDS, addReport, chromePage, listItems, seedReport, type Chrome, type RenderedReport } from './common.ts';

const chrome: Chrome = { folder: 'qzhxiangtan.gov.cn', file: 'index.html', selector: '#zoom', charset: 'utf-16le', served: 'gbk' };
const ARTICLE = '/609/615/content_1318001.html';
const NB = '/23233/23241/';
const CITY = '湘潭市人民政府';

export const xiangtanGbk: RealPortalDefinition = {
  id: 'xiangtan-gbk', family: 'opaque-ids', name: CITY, corpus: 'qzhxiangtan.gov.cn', realHosts: ['www.xiangtan.gov.cn', 'xiangtan.gov.cn'],
  includeCharset: 'gbk',
  notes: 'UTF-16LE page with a gb2312 meta; header in GBK document.write includes, 政务公开 also in a deep ../../../ breadcrumb link; GBK pages with the charset only in <meta>; numeric opaque list ids with a 下一页 link only',
  build(b: RealBuild) {
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-16le', contentType: 'text/html' });
    const gbk = (title: string, html: string, pattern: string) => writtenHtml(chromePage(chrome, title, html, pattern), 'gbk', 'text/html');
    b.pages.set('/23233/index.htm', gbk('政务公开', `<ul><li><a href="/23233/23234/index.htm">政府信息公开指南</a></li><li><a href="${NB}index.htm">政府信息公开年报</a></li><li><a href="/23233/23235/index.htm">政府信息公开制度</a></li></ul>`, '政务公开 page (GBK, charset only in meta)'));
    const reports: RenderedReport[] = [
      seedReport(SEEDS.daying, { organ: CITY, year: 2023 }),
      seedReport(SEEDS.muye, { organ: '湘潭市岳塘区人民政府', year: 2023 }),
      seedReport(SEEDS.tuanba, { organ: CITY, year: 2022 }),
      seedReport(SEEDS.jiuyuan, { organ: '湘潭市雨湖区人民政府', year: 2022 }),
      seedReport(SEEDS.songzhuang, { organ: CITY, year: 2021 }),
    ];
    const items = reports.map((r, i) => {
      const path = `${NB}content_${1318100 + i}.html`;
      addReport(b, chrome, path, r);
      return { href: path, title: r.title };
    });
    const pages = [items.slice(0, 3), items.slice(3)];
    const names = [`${NB}index.htm`, `${NB}a7f3e.htm`];
    pages.forEach((list, i) => {
      const next = i + 1 < names.length ? `<a href="${names[i + 1]}">下一页</a>` : '';
      b.pages.set(names[i], gbk('政府信息公开年报', `${listItems(list)}<div class="page">${i > 0 ? `<a href="${names[i - 1]}">上一页</a>` : ''} ${next}</div>`, 'list with opaque page names; only 下一页 leads on'));
    });
  },
};
