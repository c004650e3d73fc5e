// Hanweb 大汉: the column page embeds only the first group of records as CDATA inside a
// <datastore>; further pages come from dataproxy.jsp (GET or POST); index_1.html is a 404;
// attachments come through downfile.jsp with the real name only in showname.
import { SEEDS, seedFixture, seedReport, type RenderedReport } from '../documents.ts';
import { addReportArticle, MIME, type Attachment, type Pages } from '../column.ts';
import { htmlReply, page, type Site } from '../pages.ts';
import type { FarmRequest, PortalDefinition, Reply } from '../types.ts';

const site: Site = { name: '大竹县人民政府', siteId: '5117240001' };
const COLUMN_ID = '1229';
const PER_PAGE = 3;

interface Record { path: string; title: string; date: string }

function reports(): { report: RenderedReport; date: string; id: number; docx?: boolean }[] {
  return [
    { report: seedReport(SEEDS.tuanba), date: '2022/1/14', id: 801 },
    { report: seedReport(SEEDS.tuanba, { year: 2022 }), date: '2023/1/16', id: 802 },
    { report: seedReport(SEEDS.tuanba, { organ: '大竹县石河镇', year: 2022 }), date: '2023/1/17', id: 803 },
    { report: seedReport(SEEDS.tuanba, { organ: '大竹县月华镇', year: 2023 }), date: '2024/1/16', id: 804, docx: true },
    { report: seedReport(SEEDS.tuanba, { organ: '大竹县庙坝镇', year: 2023 }), date: '2024/1/18', id: 805 },
  ];
}

function recordXml(records: Record[]): string {
  return records.map((r) => `<record><![CDATA[<li><a href='${r.path}' target='_blank' title='${r.title}'>${r.title}</a><span>${r.date}</span></li>]]></record>`).join('');
}

function columnPage(records: Record[], total: number): Buffer {
  const first = records.slice(0, PER_PAGE);
  const body = `<div id="${COLUMN_ID}"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&appid=1&webid=12&path=/&columnid=${COLUMN_ID}&unitid=4567&webname=大竹县人民政府&permissiontype=0"></a>]]></nextgroup><recordset>${recordXml(first)}</recordset></datastore></script>
<script language="javascript" src="/module/jslib/jquery/jpage/jpage.js"></script>
<script>$(document).ready(function(){ $('#${COLUMN_ID}').jpage({ dataStore: dataStore, perPage: ${PER_PAGE}, totalRecord: ${total}, proxyUrl: '/module/web/jpage/dataproxy.jsp', webid: '12', columnid: '${COLUMN_ID}', unitid: '4567' }); });</script></div>`;
  return page(site, '政府信息公开年报', body, {}, '政府信息公开年报');
}

function dataproxy(records: Record[]) {
  return (req: FarmRequest): Reply | undefined => {
    if (req.path !== '/module/web/jpage/dataproxy.jsp') return undefined;
    const params = new URLSearchParams(req.method === 'POST' ? req.body : '');
    for (const [k, v] of req.query) if (!params.has(k)) params.set(k, v);
    if (params.get('columnid') !== COLUMN_ID) return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<datastore><totalrecord>0</totalrecord><totalpage>0</totalpage><recordset></recordset></datastore>' };
    const perPage = Number(params.get('perpage') ?? PER_PAGE);
    const start = params.has('startrecord') ? Number(params.get('startrecord')) - 1 : (Number(params.get('page') ?? 1) - 1) * perPage;
    const end = params.has('endrecord') ? Number(params.get('endrecord')) : start + perPage;
    const slice = records.slice(start, end);
    const totalPage = Math.ceil(records.length / perPage);
    return {
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?><datastore><totalrecord>${records.length}</totalrecord><totalpage>${totalPage}</totalpage><recordset>${recordXml(slice)}</recordset></datastore>`,
    };
  };
}

export const hanweb: PortalDefinition = {
  id: 'dazhu-hanweb',
  name: site.name,
  family: 'hanweb',
  divisionCode: '511724',
  notes: 'Hanweb: datastore CDATA first group, dataproxy.jsp paging (GET/POST), index_1.html 404, downfile.jsp attachment',
  build(ctx) {
    const pages: Pages = new Map();
    const records: Record[] = reports().map((r) => {
      const [y, m, d] = r.date.split('/');
      const path = `/art/${y}/${m}/${d}/art_${COLUMN_ID}_${r.id}.html`;
      const docx = r.docx ? seedFixture(SEEDS.tuanba, 'docx') : null;
      const attachments: Attachment[] = docx
        ? [{ path: `/module/download/downfile.jsp?classid=0&filename=7f3a9c${r.id}.docx&showname=${encodeURIComponent(`${r.report.title}.docx`)}`, bytes: docx, contentType: MIME.docx, name: `${r.report.title}.docx`, format: 'docx' }]
        : [];
      addReportArticle(pages, ctx, site, path, r.report, { date: r.date.replace(/\//g, '-'), attachments, container: 'div id="zoom"' });
      return { path, title: r.report.title, date: r.date };
    });
    pages.set(`/col/col${COLUMN_ID}/index.html`, htmlReply(columnPage(records, records.length)));
    pages.set('/', htmlReply(page(site, '首页', `<a href="/col/col1201/index.html">政务公开</a> <a href="/col/col1100/index.html">新闻动态</a>`, {}, '首页')));
    pages.set('/col/col1201/index.html', htmlReply(page(site, '政务公开', `<ul><li><a href="/col/col1228/index.html">政府信息公开指南</a></li><li><a href="/col/col${COLUMN_ID}/index.html">政府信息公开年报</a></li></ul>`, {}, '政务公开')));
    return { pages, dynamic: dataproxy(records) };
  },
};
