// Guangdong gkmlpt: /gkmlpt/index is an empty Vue shell; the list comes from a JSON API by page and
// site id; details /gkmlpt/content/0/<k>/post_<id>.html, attachments /attachment/0/<a>/<b>/<id>.pdf.
// The single-page variant returns everything on page 1 and 404 on page 2.
import { SEEDS, seedFixture, seedReport, type RenderedReport } from '../documents.ts';
import { addReportArticle, MIME, type Attachment, type Pages } from '../column.ts';
import { htmlReply, page, type Site } from '../pages.ts';
import type { BuildContext, FarmRequest, PortalDefinition, Reply } from '../types.ts';

interface GkmlptSpec {
  id: string;
  site: Site;
  sid: string;
  category: string;
  singlePage: boolean;
  reports: { report: RenderedReport; date: string; id: number; pdf?: boolean }[];
}

function shell(spec: GkmlptSpec): Buffer {
  const body = `<div id="app"></div><script>window._CONFIG = { SID: '${spec.sid}', API: '/gkmlpt/api/all/' };</script><script src="/gkmlpt/static/js/app.js"></script>`;
  return page(spec.site, '政府信息公开目录', body, {}, '政府信息公开');
}

function api(spec: GkmlptSpec, articles: { title: string; url: string; date: string }[]) {
  const perPage = spec.singlePage ? 1000 : 2;
  return (req: FarmRequest): Reply | undefined => {
    if (req.path !== `/gkmlpt/api/all/${spec.category}`) return undefined;
    if (req.query.get('sid') !== spec.sid) return { status: 400, body: '{"error":"sid"}' };
    const pageNo = Number(req.query.get('page') ?? 1);
    if (spec.singlePage && pageNo > 1) return undefined;
    const slice = articles.slice((pageNo - 1) * perPage, pageNo * perPage);
    return { headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify({ total: articles.length, page: pageNo, articles: slice }) };
  };
}

function buildGkmlpt(spec: GkmlptSpec, ctx: BuildContext) {
  const pages: Pages = new Map();
  const articles = spec.reports.map((r, i) => {
    const path = `/gkmlpt/content/0/${100 + i}/post_${r.id}.html`;
    const pdf = r.pdf ? seedFixture(SEEDS.songzhuang, 'pdf') : null;
    const attachments: Attachment[] = pdf
      ? [{ path: `/attachment/0/${50 + i}/${60 + i}/${r.id}.pdf`, bytes: pdf, contentType: MIME.pdf, name: `${r.report.title}.pdf`, format: 'pdf' }]
      : [];
    addReportArticle(pages, ctx, spec.site, path, r.report, { date: r.date, attachments, container: 'div class="article-content"' });
    return { title: r.report.title, url: ctx.baseUrl + path, date: r.date };
  });
  pages.set('/gkmlpt/index', htmlReply(shell(spec)));
  pages.set('/', htmlReply(page(spec.site, '首页', `<a href="/gkmlpt/index#${spec.category}">政府信息公开年报</a> <a href="/zwgk/">政务公开</a>`, {}, '首页')));
  return { pages, dynamic: api(spec, articles) };
}

const nanxiong: GkmlptSpec = {
  id: 'nanxiong-gkmlpt', site: { name: '南雄市人民政府', siteId: '4402820001' }, sid: '758001', category: '2401', singlePage: false,
  reports: [
    { report: seedReport(SEEDS.songzhuang, { organ: '南雄市人民政府', year: 2021 }), date: '2022-01-28', id: 91001 },
    { report: seedReport(SEEDS.songzhuang, { organ: '南雄市人民政府' }), date: '2023-01-30', id: 91002, pdf: true },
    { report: seedReport(SEEDS.songzhuang, { organ: '南雄市人民政府', year: 2023 }), date: '2024-01-29', id: 91003 },
  ],
};

const renhua: GkmlptSpec = {
  id: 'renhua-gkmlpt-single', site: { name: '仁化县人民政府', siteId: '4402240001' }, sid: '758002', category: '2402', singlePage: true,
  reports: [
    { report: seedReport(SEEDS.muye, { organ: '仁化县人民政府', year: 2022 }), date: '2023-01-20', id: 92001 },
    { report: seedReport(SEEDS.muye, { organ: '仁化县人民政府', year: 2023 }), date: '2024-01-22', id: 92002 },
  ],
};

export const gkmlpt: PortalDefinition = {
  id: nanxiong.id, name: nanxiong.site.name, family: 'gkmlpt', divisionCode: '440282',
  notes: 'Guangdong gkmlpt: empty Vue shell + JSON API, 2 articles per page',
  build: (ctx) => buildGkmlpt(nanxiong, ctx),
};

export const gkmlptSingle: PortalDefinition = {
  id: renhua.id, name: renhua.site.name, family: 'gkmlpt-single', divisionCode: '440224',
  notes: 'gkmlpt variant: everything on page 1, 404 on page 2',
  build: (ctx) => buildGkmlpt(renhua, ctx),
};
