// 上海市人民政府 (www.shanghai.gov.cn): the layout comes entirely from document.writeln includes. Real:
// the article page (14 hrefs, none towards 政务公开) and its includes static/js/header.js and footer.js
// (UTF-8 with a BOM); header.js writes 政务公开 → /nw2319/index.html. Written: the 政务公开 page, the
// 年报 column (two pages, numbered pager links), the reports.
import { redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition } from '../types.ts';
import { SEEDS, addReport, chromePage, corpusTextReport, listItems, seedReport, type Chrome, type RenderedReport } from './common.ts';

const chrome: Chrome = { folder: 'xhyshanghai.gov.cn', file: 'index.html', selector: '#ivs_content' };
const ARTICLE = '/nw4411/20241118/05a7b3c9e1d24f6a8b0c2d4e6f8a0b1c.html';
const NB = '/nw12344/';

export const shanghaiDocwrite: RealPortalDefinition = {
  id: 'shanghai-docwrite', family: 'document-write-layout', name: '上海市人民政府', corpus: 'xhyshanghai.gov.cn', realHosts: ['www.shanghai.gov.cn', 'shanghai.gov.cn'],
  notes: 'navigation exists only in document.writeln includes (header.js, footer.js with a BOM); static page leads nowhere',
  build(b: RealBuild) {
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    b.pages.set('/nw2319/index.html', writtenHtml(chromePage(chrome, '政务公开', `<ul><li><a href="/nw2319/nw12341/index.html">政府信息公开指南</a></li><li><a href="${NB}index.html">政府信息公开年报</a></li><li><a href="/nw2319/nw2404/index.html">政府信息公开目录</a></li></ul>`, '政务公开 page')));
    const reports: RenderedReport[] = [
      seedReport(SEEDS.daying, { organ: '上海市人民政府', year: 2023 }),
      corpusTextReport('KIROGOVCOMPARE/kewei-2024-source.md', '上海市科学技术委员会', 2024, '2021'),
      seedReport(SEEDS.muye, { organ: '上海市人民政府', year: 2022 }),
      seedReport(SEEDS.tuanba, { organ: '上海市浦东新区人民政府', year: 2023 }),
      seedReport(SEEDS.jiuyuan, { organ: '上海市人民政府', year: 2021 }),
      seedReport(SEEDS.songzhuang, { organ: '上海市黄浦区人民政府', year: 2022 }),
    ];
    const items = reports.map((r, i) => {
      const path = `${NB}2024012${i}/${(0xc0ffee00 + i).toString(16)}a1b2c3d4e5f60718293a4b5c.html`;
      addReport(b, chrome, path, r);
      return { href: path, title: r.title };
    });
    const pager = (current: number) => `<div class="pagination">${[1, 2].map((p) => (p === current ? `<span>${p}</span>` : `<a href="${NB}index${p === 1 ? '' : `_${p}`}.html">${p}</a>`)).join(' ')}</div>`;
    b.pages.set(`${NB}index.html`, writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(items.slice(0, 4)) + pager(1), '年报 column, numbered pager links')));
    b.pages.set(`${NB}index_2.html`, writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(items.slice(4)) + pager(2), '年报 column, numbered pager links')));
  },
};
