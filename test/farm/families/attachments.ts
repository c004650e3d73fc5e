// Reports published only as files: a page that carries just the headings and links a PDF, DOC,
// WPS or DOCX; and a report published as a scanned, image-only PDF.
import { SEEDS, corpusFile, corpusTextReport, seedFixture, type SeedName } from '../documents.ts';
import { MIME, relativeTo, type Pages } from '../column.ts';
import { articlePage, fileReply, htmlReply, linkList, page, type ListItem, type Site } from '../pages.ts';
import type { BuildContext, PortalDefinition } from '../types.ts';

const site: Site = { name: '淮安市洪泽区人民政府', siteId: '3208130001' };
const COLUMN = '/xxgk/xxgknb/';

interface FileReport {
  organ: string;
  year: number;
  template: '2021' | '2019';
  bytes: Buffer | null;
  ext: string;
  id: number;
  date: string;
}

function fileReports(): FileReport[] {
  const fromSeed = (seed: SeedName, ext: string, organ: string, year: number, template: '2021' | '2019', id: number, date: string): FileReport =>
    ({ organ, year, template, bytes: seedFixture(seed, ext), ext: ext === 'scan.pdf' ? 'pdf' : ext, id, date });
  return [
    { organ: '淮安市洪泽区人民政府', year: 2023, template: '2021', bytes: corpusFile('KIROGOVCOMPARE/hzq2023_working.pdf'), ext: 'pdf', id: 1, date: '2024-01-25' },
    { organ: '淮安市洪泽区人民政府', year: 2024, template: '2021', bytes: corpusFile('KIROGOVCOMPARE/hzq2024_working.pdf'), ext: 'pdf', id: 2, date: '2025-01-24' },
    fromSeed(SEEDS.daying, 'doc', '三门峡市陕州区大营镇人民政府', 2021, '2021', 3, '2022-01-21'),
    fromSeed(SEEDS.songzhuang, 'wps', '送庄镇人民政府', 2022, '2021', 4, '2023-01-19'),
    fromSeed(SEEDS.jiuyuan, 'docx', '韭园镇人民政府', 2020, '2019', 5, '2021-01-22'),
    fromSeed(SEEDS.muye, 'scan.pdf', '新乡市牧野区人民政府', 2021, '2021', 6, '2022-01-20'),
  ];
}

function addFileReport(pages: Pages, ctx: BuildContext, r: FileReport): ListItem | null {
  if (!r.bytes) return null; // fixture not generated in this checkout
  const d = r.date.replace(/-/g, '');
  const path = `${COLUMN}${d.slice(0, 6)}/t${d}_${900 + r.id}.html`;
  const filePath = `${COLUMN}${d.slice(0, 6)}/P0${d}${r.id}3310.${r.ext}`;
  const title = `${r.organ}${r.year}年政府信息公开工作年度报告`;
  const body = '<p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>（详见附件）</p>';
  pages.set(path, htmlReply(articlePage(site, { title, date: r.date, source: r.organ, bodyHtml: body, attachments: [{ href: relativeTo(path, filePath), text: `${title}.${r.ext}` }] })));
  pages.set(filePath, fileReply(r.bytes, MIME[r.ext as keyof typeof MIME] ?? 'application/octet-stream'));
  ctx.addReport({ organ: r.organ, year: r.year, template: r.template, pageUrl: ctx.baseUrl + path, attachmentUrls: [ctx.baseUrl + filePath], formats: [r.ext] });
  return { href: relativeTo(`${COLUMN}index.html`, path), text: title, date: r.date };
}

export const attachmentsOnly: PortalDefinition = {
  id: 'hongze-attachments', name: site.name, family: 'attachments-only', divisionCode: '320813',
  notes: 'report pages with headings only; the report is a PDF/DOC/WPS/DOCX attachment or a scanned PDF',
  build(ctx) {
    const pages: Pages = new Map();
    const items = fileReports().map((r) => addFileReport(pages, ctx, r)).filter((i): i is ListItem => i !== null);
    pages.set(COLUMN, htmlReply(page(site, '政府信息公开年报', linkList(items), {}, '政府信息公开年报')));
    pages.set('/', htmlReply(page(site, '首页', linkList([{ href: '/xxgk/', text: '信息公开' }]), {}, '首页')));
    pages.set('/xxgk/', htmlReply(page(site, '信息公开', linkList([{ href: COLUMN, text: '政府信息公开年报' }, { href: '/xxgk/xxgkzn/', text: '政府信息公开指南' }]), {}, '信息公开')));
    return { pages };
  },
};

const legacySite: Site = { name: '平潭综合实验区管委会', siteId: '3501280001' };

export const legacy: PortalDefinition = {
  id: 'pingtan-legacy', name: legacySite.name, family: 'trs-legacy', divisionCode: '350128',
  notes: 'reports under the 2008 rules (2013, 2018): legacy template, text kept, no fields',
  build(ctx) {
    const pages: Pages = new Map();
    const reports = [
      { report: corpusTextReport('pingtan-gov-zwgk-archive/2013_page.txt', '平潭县人民政府', 2013, 'legacy'), path: '/zwgk/zfxxgk/zfxxgknb/201401/t20140120_80754.htm', date: '2014-01-20' },
      { report: corpusTextReport('pingtan-gov-zwgk-archive/2018_page.txt', '平潭综合实验区', 2018, 'legacy'), path: '/zwgk/zfxxgk/zfxxgknb/201901/t20190125_80529.htm', date: '2019-01-25' },
    ];
    for (const r of reports) {
      pages.set(r.path, htmlReply(articlePage(legacySite, { title: r.report.title, date: r.date, source: r.report.organ, bodyHtml: r.report.bodyHtml })));
      ctx.addReport({ organ: r.report.organ, year: r.report.year, template: 'legacy', pageUrl: ctx.baseUrl + r.path, attachmentUrls: [], formats: ['html'] });
    }
    pages.set('/zwgk/zfxxgk/zfxxgknb/', htmlReply(page(legacySite, '政府信息公开年报', linkList(reports.map((r) => ({ href: r.path, text: r.report.title, date: r.date }))), {}, '政府信息公开年报')));
    pages.set('/', htmlReply(page(legacySite, '首页', linkList([{ href: '/zwgk/zfxxgk/', text: '政府信息公开' }]), {}, '首页')));
    pages.set('/zwgk/zfxxgk/', htmlReply(page(legacySite, '政府信息公开', linkList([{ href: '/zwgk/zfxxgk/zfxxgknb/', text: '政府信息公开年报' }]), {}, '政府信息公开')));
    return { pages };
  },
};
