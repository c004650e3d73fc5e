// 广州市南沙区人民政府 (www.gzns.gov.cn), Guangdong NFCMS with gkmlpt. Real: the article page (post_
// URLs) whose nav links 政务公开 → /zwgk/index.html and whose 街镇 grid links each town only by its
// name (` 万顷沙镇` → /gzjg/gzj/wqsz/index.html). Written: the 政务公开 page (政府信息公开年报 →
// /gkmlpt/index#2780), the gkmlpt Vue shell, its JSON API (3 a page, a short last page, 404 past the
// end), the town sub-sites (home → 年报 list, each report listed with its `mpost_` mobile twin), the
// reports.
import { redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition, RealRequest, Resource } from '../types.ts';
import { SEEDS, addReport, chromePage, listItems, seedReport, type Chrome, type RenderedReport } from './common.ts';
import { corpusText } from '../written.ts';

const chrome: Chrome = { folder: 'wyxgzns.gov.cn', file: 'index.html', selector: '.xl-nr' };
const ARTICLE = '/xw/zwdt/content/post_9687413.html';
const SID = '757012';
const CATEGORY = '2780';
const PER_PAGE = 3;
const articles: { url: string; title: string }[] = [];

/** The town codes and names of the grid on the real page. */
function towns(): { code: string; name: string }[] {
  const html = corpusText(chrome.folder, chrome.file);
  const found = new Map<string, string>();
  for (const m of html.matchAll(/gzjg\/gzj\/([a-z]+)\/index\.html">\s*([^<\s]+)/g)) found.set(m[1], m[2]);
  return [...found].map(([code, name]) => ({ code, name }));
}

function api(req: RealRequest): Resource | undefined {
  const m = req.path.match(/^\/gkmlpt\/api\/all\/(\d+)$/);
  if (!m) return undefined;
  if (m[1] !== CATEGORY || req.query.get('sid') !== SID) return { kind: 'written', body: '{"articles":[],"total":0}', contentType: 'application/json' };
  const page = Number(req.query.get('page') ?? 1);
  const slice = articles.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  if (slice.length === 0) return { kind: 'written', body: '{"error":"not found"}', status: 404, contentType: 'application/json' };
  const body = JSON.stringify({ articles: slice.map((a, i) => ({ id: 9687000 + i, title: a.title, url: a.url, publish_time: 1705000000 })), total: articles.length, page, size: PER_PAGE });
  return { kind: 'written', body, contentType: 'application/json;charset=UTF-8' };
}

const SHELL = `<!-- written for test/farm-real: gkmlpt index, an empty Vue shell whose data come from /gkmlpt/api/all/<category>?page=N&sid=<SID> -->
<!DOCTYPE html><html><head><meta charset="utf-8"><title>广州市南沙区人民政府信息公开目录</title>
<meta name="SiteName" content="广州市南沙区人民政府门户网站"><meta name="SiteIDCode" content="4401150001">
<script>window.SID = '${SID}'; var SID = '${SID}';</script></head>
<body><div id="app"></div><script src="/gkmlpt/static/js/app.js"></script></body></html>`;

export const nanshaGkmlpt: RealPortalDefinition = {
  id: 'nansha-gkmlpt', family: 'gkmlpt', name: '广州市南沙区人民政府', corpus: 'wyxgzns.gov.cn', realHosts: ['www.gzns.gov.cn', 'gzns.gov.cn'],
  notes: 'Guangdong NFCMS/gkmlpt; gkmlpt API with a short last page (404 beyond); town sub-sites linked only by name from a 街镇 grid; mpost_ mobile twins',
  build(b: RealBuild) {
    articles.length = 0;
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    b.pages.set('/zwgk/index.html', writtenHtml(chromePage(chrome, '政务公开', `<ul><li><a href="/gkmlpt/index">政府信息公开目录</a></li><li><a href="/gkmlpt/index#2779">政府信息公开指南</a></li><li><a href="/gkmlpt/index#${CATEGORY}">政府信息公开年报</a></li></ul>`,
      'NFCMS 政务公开 page linking the gkmlpt categories by fragment')));
    b.pages.set('/gkmlpt/index', writtenHtml(SHELL));
    const reports: RenderedReport[] = [
      seedReport(SEEDS.daying, { organ: '广州市南沙区人民政府', year: 2023 }),
      seedReport(SEEDS.muye, { organ: '广州市南沙区人民政府', year: 2022 }),
      seedReport(SEEDS.tuanba, { organ: '广州市南沙区发展和改革局', year: 2023 }),
      seedReport(SEEDS.jiuyuan, { organ: '广州市南沙区统计局', year: 2023 }),
      seedReport(SEEDS.songzhuang, { organ: '广州市南沙区人民政府', year: 2021 }),
    ];
    reports.forEach((r, i) => {
      const path = `/gkmlpt/content/9/${9687 + i}/post_${9687100 + i}.html`;
      addReport(b, chrome, path, r);
      articles.push({ url: `${b.baseUrl}${path}#${CATEGORY}`, title: r.title });
    });
    // Town sub-sites: each its own home and 年报 list; the list repeats each report as its mpost_ twin.
    const seeds = [SEEDS.daying, SEEDS.tuanba, SEEDS.jiuyuan, SEEDS.muye, SEEDS.songzhuang];
    towns().forEach((town, t) => {
      const root = `/gzjg/gzj/${town.code}/`;
      const organ = `广州市南沙区${town.name}人民政府`;
      b.pages.set(`${root}index.html`, writtenHtml(chromePage(chrome, town.name, `<ul><li><a href="${root}zfxxgknb/">政府信息公开年报</a></li><li><a href="${root}xwdt/">新闻动态</a></li></ul>`,
        'town sub-site home on the district platform')));
      const items = [2023, 2022].flatMap((year, k) => {
        const report = seedReport(seeds[(t + k) % seeds.length], { organ, year });
        const id = 9800000 + t * 10 + k;
        const path = `${root}zfxxgknb/content/post_${id}.html`;
        addReport(b, chrome, path, report);
        return [{ href: path, title: report.title }, { href: `${root}zfxxgknb/content/mpost_${id}.html`, title: report.title }];
      });
      b.pages.set(`${root}zfxxgknb/`, writtenHtml(chromePage(chrome, '政府信息公开年报', listItems(items), 'town 年报 list; every item also listed as its mpost_ mobile page')));
    });
  },
  dynamic: (req) => api(req),
};
