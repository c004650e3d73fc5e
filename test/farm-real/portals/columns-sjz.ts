// 石家庄市人民政府 (www.sjz.gov.cn), a CMS of /columns/<uuid>/ columns and blocks. Real: the article page
// and its pager script static/js/paging.js (showPagingNav reads JSON from a hidden #pagingProp_<block>
// input and loads /columns/<colid>/templates/<tid>/blocks/<block>?page=N). Written: the 政务公开
// column, the 年报 column page (first page of the block, the hidden pager JSON, 下一页 as a
// javascript: call), the block pages, the reports.
import { redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition, RealRequest, Resource } from '../types.ts';
import { SEEDS, addReport, chromePage, corpusTextReport, listItems, seedReport, type Chrome, type RenderedReport } from './common.ts';

const chrome: Chrome = { folder: 'tqjsjz.gov.cn', file: 'index.html', selector: '.wzzw-pc' };
const ARTICLE = '/columns/cc3ee12f-5904-4b87-ab85-43cfdd363df6/202403/01/3fd2c8e1-4b1a-4c0e-9d3f-7a1b2c3d4e5f.html';
const ZWGK = '/columns/a096dbcd-95dc-40df-9de0-1d1ab13d0969/index.html';
const COL = '5b0e9f2a-7c41-4d8e-a6b3-2f9e8d7c6b5a';
const TID = '0a5978b1-67a7-4dbd-89b3-94e473caa0d7';
const BLOCK = '261b4d60-55d3-4ba3-8f12-7f7de7348c2c';
const PER = 2;
const rows: { href: string; title: string; date: string }[] = [];

function blockHtml(page: number): string {
  const pages = Math.ceil(rows.length / PER);
  const prop = JSON.stringify({ totalPages: pages, AppUrl: '', webid: '1', colid: COL, tid: TID, keyword: '', btime: '', etime: '', fix: '', scid: '' });
  return `<div id="pagingCont_${BLOCK}">${listItems(rows.slice((page - 1) * PER, page * PER))}
<input type="hidden" id="pagingProp_${BLOCK}" value='${prop}'/>
<div class="paging">共${pages}页 <a href="javascript:showPagingNav('${BLOCK}', ${page - 1})">上一页</a> <span>${page}</span> <a href="javascript:showPagingNav('${BLOCK}', ${page + 1})">下一页</a></div></div>`;
}

function blocks(req: RealRequest): Resource | undefined {
  if (req.path !== `/columns/${COL}/templates/${TID}/blocks/${BLOCK}`) return undefined;
  const page = Number(req.query.get('page') ?? 1);
  if (page < 1 || page > Math.ceil(rows.length / PER)) return { kind: 'written', body: '', status: 404 };
  return { kind: 'written', body: `<!-- written for test/farm-real: block fragment as loaded by showPagingNav -->\n${blockHtml(page)}`, contentType: 'text/html; charset=utf-8' };
}

export const sjzColumns: RealPortalDefinition = {
  id: 'sjz-columns', family: 'columns-blocks', name: '石家庄市人民政府', corpus: 'tqjsjz.gov.cn', realHosts: ['www.sjz.gov.cn', 'sjz.gov.cn'],
  notes: '/columns/<uuid>/ CMS; pager built by paging.js from JSON in a hidden #pagingProp_<block> input; 下一页 is a javascript: call',
  build(b: RealBuild) {
    rows.length = 0;
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    b.pages.set(ZWGK, writtenHtml(chromePage(chrome, '政务公开', `<ul><li><a href="https://www.sjz.gov.cn/columns/7d1e2f3a-0b4c-4d5e-8f6a-1b2c3d4e5f6a/index.html">政府信息公开指南</a></li><li><a href="https://www.sjz.gov.cn/columns/${COL}/index.html">政府信息公开年报</a></li></ul>`, '政务公开 column page')));
    const reports: RenderedReport[] = [
      seedReport(SEEDS.daying, { organ: '石家庄市人民政府', year: 2023 }),
      seedReport(SEEDS.muye, { organ: '石家庄市人民政府', year: 2022 }),
      seedReport(SEEDS.tuanba, { organ: '石家庄市人民政府', year: 2021 }),
      seedReport(SEEDS.jiuyuan, { organ: '石家庄市人民政府', year: 2020 }),
      corpusTextReport('pingtan-gov-zwgk-archive/2018_page.txt', '平潭综合实验区', 2018, 'legacy'),
    ];
    reports.forEach((r, i) => {
      const path = `/columns/${COL}/20240${i + 1}/1${i}/${(0xa1b2c3d4 + i).toString(16)}-1c2d-4e5f-8a9b-0c1d2e3f4a5b.html`;
      addReport(b, chrome, path, r);
      rows.push({ href: path, title: r.title, date: `202${4 - i}-01-15` });
    });
    b.pages.set(`/columns/${COL}/index.html`, writtenHtml(chromePage(chrome, '政府信息公开年报', `${blockHtml(1)}<script src="static/js/paging.js"></script>`, 'column page: first page of the block, the pager JSON in a hidden input, paging.js loads the rest')));
  },
  dynamic: (req) => blocks(req),
};
