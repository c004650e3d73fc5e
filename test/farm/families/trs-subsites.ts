// A consolidated county platform: townships and departments each have a sub-site with its own
// 政务公开 area and 年报 column (/bmjz/jz/<code>_<id>/zwgk_<id>/zfxxgknb_<id>/), plus an organ-type
// folder of department reports (/zfxxgknb/bm/) and a year-first folder (/zfxxgknb/2024n/xzjd/).
import { SEEDS, seedReport, type RenderedReport } from '../documents.ts';
import { addReportArticle, relativeTo, type Pages } from '../column.ts';
import { htmlReply, linkList, page, type Site } from '../pages.ts';
import type { BuildContext, PortalDefinition } from '../types.ts';

const site: Site = { name: '三门峡市陕州区人民政府', siteId: '4112030001' };

interface SubSite {
  code: string;
  name: string;
  reports: { report: RenderedReport; date: string; id: number }[];
}

const TOWNSHIPS: SubSite[] = [
  { code: '411203101_1001', name: '大营镇', reports: [
    { report: seedReport(SEEDS.daying), date: '2022-01-21', id: 5101 },
    { report: seedReport(SEEDS.daying, { year: 2022 }), date: '2023-01-20', id: 5102 },
  ] },
  { code: '411203102_1002', name: '原店镇', reports: [
    { report: seedReport(SEEDS.songzhuang, { organ: '三门峡市陕州区原店镇人民政府' }), date: '2023-01-19', id: 5201 },
  ] },
];

function addSubSite(pages: Pages, ctx: BuildContext, sub: SubSite): string {
  const id = sub.code.split('_')[1];
  const root = `/bmjz/jz/${sub.code}/`;
  const column = `${root}zwgk_${id}/zfxxgknb_${id}/`;
  pages.set(root, htmlReply(page(site, sub.name, linkList([{ href: `${root}zwgk_${id}/`, text: '政务公开' }, { href: `${root}xwdt_${id}/`, text: '乡镇动态' }]), {}, sub.name)));
  pages.set(`${root}zwgk_${id}/`, htmlReply(page(site, `${sub.name}政务公开`, linkList([
    { href: `${root}zwgk_${id}/zfxxgkzn_${id}/`, text: '政府信息公开指南' },
    { href: column, text: '政府信息公开年报' },
  ]), {}, '政务公开')));
  const items = sub.reports.map((r) => {
    const d = r.date.replace(/-/g, '');
    const path = `${column}${d.slice(0, 6)}/t${d}_${r.id}.html`;
    addReportArticle(pages, ctx, site, path, r.report, { date: r.date });
    return { href: relativeTo(`${column}index.html`, path), text: r.report.title, date: r.date };
  });
  pages.set(column, htmlReply(page(site, '政府信息公开年报', linkList(items), {}, '政府信息公开年报')));
  return root;
}

function addDepartmentFolder(pages: Pages, ctx: BuildContext): void {
  const folder = '/zfxxgknb/bm/';
  const report = seedReport(SEEDS.tuanba, { organ: '三门峡市陕州区财政局', year: 2023 });
  const path = `${folder}202401/t20240115_6101.html`;
  addReportArticle(pages, ctx, site, path, report, { date: '2024-01-15', container: 'div id="zoom"' });
  pages.set(folder, htmlReply(page(site, '部门', linkList([{ href: relativeTo(`${folder}index.html`, path), text: report.title, date: '2024-01-15' }]), {}, '部门')));
  const yearFolder = '/zfxxgknb/2024n/xzjd/';
  const township = seedReport(SEEDS.daying, { organ: '三门峡市陕州区张湾乡人民政府', year: 2023 });
  const townshipPath = `${yearFolder}202401/t20240118_6201.html`;
  addReportArticle(pages, ctx, site, townshipPath, township, { date: '2024-01-18', container: 'div class="pages_content"' });
  pages.set(yearFolder, htmlReply(page(site, '乡镇(街道)', linkList([{ href: relativeTo(`${yearFolder}index.html`, townshipPath), text: township.title }]), {}, '乡镇(街道)')));
  pages.set('/zfxxgknb/', htmlReply(page(site, '政府信息公开年报', linkList([
    { href: folder, text: '部门' }, { href: '/zfxxgknb/2024n/', text: '2024年' },
  ]), {}, '政府信息公开年报')));
  pages.set('/zfxxgknb/2024n/', htmlReply(page(site, '2024年', linkList([{ href: yearFolder, text: '乡镇(街道)' }]), {}, '2024年')));
}

export const trsSubsites: PortalDefinition = {
  id: 'shanzhou-subsites',
  name: site.name,
  family: 'trs-subsites',
  divisionCode: '411203',
  notes: 'township sub-sites each with their own 年报 column; department and year-first organ-type folders',
  build(ctx) {
    const pages: Pages = new Map();
    const roots = TOWNSHIPS.map((t) => ({ href: addSubSite(pages, ctx, t), text: t.name }));
    addDepartmentFolder(pages, ctx);
    pages.set('/', htmlReply(page(site, '首页', linkList([{ href: '/zwgk/', text: '信息公开' }, { href: '/xwzx/', text: '要闻动态' }]), {}, '首页')));
    pages.set('/zwgk/', htmlReply(page(site, '信息公开', linkList([
      { href: '/zfxxgknb/', text: '政府信息公开年度报告' },
      { href: '/zwgk/xzjd/', text: '乡镇(街道)' },
    ]), {}, '信息公开')));
    pages.set('/zwgk/xzjd/', htmlReply(page(site, '乡镇(街道)', linkList(roots), {}, '乡镇(街道)')));
    return { pages };
  },
};
