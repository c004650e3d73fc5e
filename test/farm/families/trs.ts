// TRS static portals: GB2312 pages with the charset only in <meta>, 0-based index_N pagers written
// by createPageHTML, ./YYYYMM/tYYYYMMDD_<id>.html details with _wap twins, P0… attachments, the
// same report listed twice, and look-alike notices in the same column.
import { SEEDS, seedFixture, seedReport, type RenderedReport } from '../documents.ts';
import { addLookalike, addReportArticle, chunk, MIME, NIGHT_TWO, relativeTo, type Attachment, type Pages } from '../column.ts';
import { htmlReply, linkList, page, type ListItem, type Site } from '../pages.ts';
import type { BuildContext, PortalDefinition } from '../types.ts';

const site: Site = { name: '新乡市牧野区人民政府', siteId: '4107110001', gbk: true };
const COLUMN = '/zwgk/zfxxgknb/';

interface Entry {
  report?: RenderedReport;
  lookalike?: { title: string; text: string };
  date: string;
  id: number;
  attachment?: boolean;
}

function entries(night: number): Entry[] {
  const organ = '新乡市牧野区人民政府';
  const list: Entry[] = [
    { report: seedReport(SEEDS.muye, { year: 2023 }), date: '2024-01-19', id: 3001 },
    { lookalike: { title: '牧野区2023年上半年政府信息公开工作情况统计', text: '2023年上半年，全区主动公开政府信息600余条。' }, date: '2023-07-10', id: 2901 },
    { report: seedReport(SEEDS.muye, { year: 2022 }), date: '2023-01-18', id: 2801 },
    { report: seedReport(SEEDS.muye), date: '2022-01-20', id: 2601, attachment: true },
    { lookalike: { title: '关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知', text: '现将《中华人民共和国政府信息公开工作年度报告格式》印发给你们，请遵照执行。' }, date: '2021-09-26', id: 2501 },
    { report: seedReport(SEEDS.jiuyuan, { organ, year: 2020 }), date: '2021-01-25', id: 2401 },
    { report: seedReport(SEEDS.tuanba, { organ: '新乡市牧野区教育局', year: 2022 }), date: '2023-01-16', id: 2802 },
    { lookalike: { title: '关于做好2023年政府信息公开工作年度报告编制发布工作的通知', text: '各单位：请于2024年1月31日前完成年度报告的编制和发布。' }, date: '2023-12-01', id: 2902 },
    // The 2021 report listed a second time, on the last page.
    { report: seedReport(SEEDS.muye), date: '2022-01-20', id: 2601 },
  ];
  if (night >= 2) list.unshift({ report: seedReport(SEEDS.muye, { year: 2024 }), date: '2025-01-17', id: 3101 });
  return list;
}

function detailPath(e: Entry): string {
  const d = e.date.replace(/-/g, '');
  return `${COLUMN}${d.slice(0, 6)}/t${d}_${e.id}.html`;
}

function addEntry(pages: Pages, ctx: BuildContext, e: Entry): void {
  const path = detailPath(e);
  if (pages.has(path)) return; // listed twice, published once
  if (e.lookalike) { addLookalike(pages, ctx, site, path, e.lookalike.title, e.lookalike.text, e.date); return; }
  const pdf = e.attachment ? seedFixture(SEEDS.muye, 'pdf') : null;
  const d = e.date.replace(/-/g, '');
  const attachments: Attachment[] = pdf
    ? [{ path: `${COLUMN}${d.slice(0, 6)}/P0${d}${e.id}47712.pdf`, bytes: pdf, contentType: MIME.pdf, name: `${e.report!.title}.pdf`, format: 'pdf' }]
    : [];
  addReportArticle(pages, ctx, site, path, e.report!, {
    date: e.date, attachments, wapTwin: true, lastModified: e.id === 3101 ? NIGHT_TWO : undefined,
  });
}

/** The list pages: index.html, index_1.html … with the createPageHTML script as TRS writes it. */
function addListPages(pages: Pages, all: Entry[], night: number): void {
  const pageSize = 4;
  const groups = chunk(all, pageSize);
  groups.forEach((group, i) => {
    const path = `${COLUMN}${i === 0 ? 'index' : `index_${i}`}.html`;
    const items: ListItem[] = group.map((e) => ({ href: relativeTo(path, detailPath(e)), text: e.report?.title ?? e.lookalike!.title, date: e.date }));
    const pager = `<div class="page"><script language="JavaScript">var currentPage = ${i};var countPage = ${groups.length};createPageHTML(countPage, currentPage, "index", "html");</script></div>`;
    const body = `<div class="lm"><h2>政府信息公开年报</h2>${linkList(items)}${pager}</div>`;
    const changed = i === 0 && night >= 2 ? NIGHT_TWO : undefined;
    pages.set(path, htmlReply(page(site, '政府信息公开年报', body, {}, '政府信息公开年报'), changed));
    if (i === 0) pages.set(COLUMN, htmlReply(page(site, '政府信息公开年报', body, {}, '政府信息公开年报'), changed));
  });
}

export const trsCounty: PortalDefinition = {
  id: 'muye-trs',
  name: site.name,
  family: 'trs-static',
  divisionCode: '410711',
  notes: 'TRS static: GB2312 with charset only in <meta>, index_N pager (0-based), _wap twins, P0 attachment, report listed twice, look-alikes, 指南 page',
  build(ctx) {
    const pages: Pages = new Map();
    const home = page(site, '首页', linkList([
      { href: '/xwzx/', text: '新闻中心' }, { href: '/zwgk/', text: '政务公开' }, { href: '/hdjl/', text: '互动交流' },
    ]), {}, '首页');
    pages.set('/', htmlReply(home));
    pages.set('/zwgk/', htmlReply(page(site, '政务公开', linkList([
      { href: '/zwgk/zfxxgkzn/', text: '政府信息公开指南' },
      { href: '/zwgk/zfxxgkzd/', text: '政府信息公开制度' },
      { href: '/zwgk/fdzdgknr/', text: '法定主动公开内容' },
      { href: COLUMN, text: '政府信息公开年报' },
    ]), {}, '政务公开')));
    addLookalike(pages, ctx, site, '/zwgk/zfxxgkzn/', '新乡市牧野区人民政府政府信息公开指南', '为了更好地提供政府信息公开服务，编制本指南。');
    pages.set('/xwzx/', htmlReply(page(site, '新闻中心', '<p>暂无新闻</p>')));
    const all = entries(ctx.night);
    for (const e of all) addEntry(pages, ctx, e);
    addListPages(pages, all, ctx.night);
    return { pages };
  },
};
