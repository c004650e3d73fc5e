// 宜春市人民政府 (www.yichun.gov.cn), 开普云 UCAP. Real: the home page (saved as stat.php in the 万载
// folder): 政府信息公开年度报告 → /ycsrmzf/zfxxgknb/redirect_firstChannel.shtml. Written: that redirect
// stub (a script that sends the browser to the column's first channel), the channel's xxgk_lists
// page whose first page is static and whose later pages exist only behind a POST search API
// configured in the page (`listModel({...})`; the site's own script POSTs and renders the JSON; GET on
// the API is refused; 下一页 is `javascript:;`), the reports.
import { writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition, RealRequest, Resource } from '../types.ts';
import { SEEDS, corpusTextReport, seedReport, type RenderedReport } from './common.ts';

const HOME = '统计局/万载县/2022/万载县2022年国民经济和社会发展统计公报 _ 万载县人民政府_files/stat.php';
const CHANNEL = '/ycsrmzf/zfxxgknb/szfnb/xxgk_lists.shtml';
const API = '/ycsrmzf/search/listAjax.do';
const CHANNEL_ID = '4c9a7e1f3b2d4e8a9f0c1b2a3d4e5f60';
const PAGE_SIZE = 3;
const items: { title: string; url: string; date: string }[] = [];

function ucapPage(title: string, body: string, pattern: string): string {
  return `<!-- written for test/farm-real: ${pattern} -->
<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_宜春市人民政府</title>
<meta name="SiteName" content="宜春市人民政府"><meta name="SiteDomain" content="www.yichun.gov.cn"><meta name="SiteIDCode" content="3609000001"><meta name="ColumnName" content="${title}">
<script>var websiteId = '8a2f7c3e'; var websiteCode = 'ycsrmzf';</script></head>
<body><div class="header"><a href="http://www.yichun.gov.cn/">首页</a> &gt; <a href="/ycsrmzf/xxgk/redirect_firstChannel.shtml">信息公开</a> &gt; <span>${title}</span></div>
${body}
<div class="footer"><a href="/ycsrmzf/wzdt/wzdt.shtml">网站地图</a></div></body></html>`;
}

/** The site's list script: POSTs the search API and renders the rows and a 下一页 that is javascript:;. */
const LIST_JS = `// written for test/farm-real: UCAP list script; listModel(config) POSTs the search API and renders the answer
function listModel(cfg) {
  var page = 1;
  function render(rows) {
    var ul = document.getElementById(cfg.container);
    ul.innerHTML = '';
    rows.forEach(function (r) { var li = document.createElement('li'); li.innerHTML = '<a href="' + r.url + '" target="_blank" title="' + r.title + '">' + r.title + '</a><span>' + r.date + '</span>'; ul.appendChild(li); });
  }
  function pager(total) {
    var pages = Math.ceil(total / cfg.pageSize);
    var box = document.getElementById(cfg.pager);
    box.innerHTML = '<span>共' + pages + '页</span> <a href="javascript:;" class="prev">上一页</a> <span class="cur">' + page + '</span> <a href="javascript:;" class="next">下一页</a>';
    box.querySelector('.next').onclick = function () { if (page < pages) load(page + 1); };
    box.querySelector('.prev').onclick = function () { if (page > 1) load(page - 1); };
  }
  function load(p) {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', cfg.url, true);
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    xhr.onload = function () { var data = JSON.parse(xhr.responseText); page = p; render(data.data); pager(data.total); };
    xhr.send('channelId=' + cfg.channelId + '&pageIndex=' + p + '&pageSize=' + cfg.pageSize);
  }
  pager(cfg.total);
}
`;

function api(req: RealRequest): Resource | undefined {
  if (req.path !== API) return undefined;
  if (req.method !== 'POST') return { kind: 'written', body: '{"code":405,"msg":"Request method \'GET\' not supported"}', status: 405, contentType: 'application/json' };
  const form = new URLSearchParams(req.body);
  if (form.get('channelId') !== CHANNEL_ID) return { kind: 'written', body: '{"total":0,"data":[]}', contentType: 'application/json' };
  const page = Number(form.get('pageIndex') ?? 1);
  const size = Number(form.get('pageSize') ?? PAGE_SIZE);
  return { kind: 'written', body: JSON.stringify({ total: items.length, data: items.slice((page - 1) * size, page * size) }), contentType: 'application/json;charset=UTF-8' };
}

export const yichunUcap: RealPortalDefinition = {
  id: 'yichun-ucap', family: 'ucap', name: '宜春市人民政府', corpus: 'wanzai.gov.cn', realHosts: ['www.yichun.gov.cn', 'yichun.gov.cn'],
  needsBrowser: true,
  notes: '开普云 UCAP; 年报 entry is a redirect stub; later list pages only behind a POST search API configured by listModel({...}); 下一页 is javascript:; (browser)',
  build(b: RealBuild) {
    items.length = 0;
    b.pages.set('/', { kind: 'corpus', file: HOME, charset: 'utf-8' });
    b.pages.set('/ycsrmzf/zfxxgknb/redirect_firstChannel.shtml', writtenHtml(ucapPage('政府信息公开年度报告',
      `<script type="text/javascript">window.location.href = "${CHANNEL}";</script>`, 'UCAP redirect_firstChannel stub: a script sends the browser to the first channel')));
    const reports: RenderedReport[] = [
      seedReport(SEEDS.daying, { organ: '宜春市人民政府', year: 2023 }),
      seedReport(SEEDS.muye, { organ: '宜春市人民政府', year: 2022 }),
      seedReport(SEEDS.tuanba, { organ: '宜春市人民政府', year: 2021 }),
      seedReport(SEEDS.jiuyuan, { organ: '宜春市人民政府', year: 2020 }),
      seedReport(SEEDS.songzhuang, { organ: '宜春市人民政府', year: 2019 }),
      corpusTextReport('pingtan-gov-zwgk-archive/2013_page.txt', '平潭县人民政府', 2013, 'legacy'),
      corpusTextReport('KIROGOVCOMPARE/沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt', '沭阳县人民政府', 2025, '2021'),
    ];
    reports.forEach((r, i) => {
      const path = `/ycsrmzf/zfxxgknb/szfnb/2024${String(i + 1).padStart(2, '0')}/${(0x7f3a00 + i).toString(16)}c2d94e1b8a7f6e5d4c3b2a19${i}.shtml`;
      b.pages.set(path, writtenHtml(ucapPage(r.title, `<div class="article"><ucaptitle>${r.title}</ucaptitle><ucapcontent>${r.bodyHtml}</ucapcontent></div>`, 'UCAP article page (ucaptitle/ucapcontent)')));
      b.report(r.organ, r.year, path);
      items.push({ title: r.title, url: path, date: `20${24 - i}-01-2${i}` });
    });
    b.pages.set('/ycsrmzf/xhtml/js/xxgkList.js', { kind: 'written', body: LIST_JS, contentType: 'application/javascript' });
    const first = items.slice(0, PAGE_SIZE).map((r) => `<li><a href="${r.url}" target="_blank" title="${r.title}">${r.title}</a><span>${r.date}</span></li>`).join('\n');
    b.pages.set(CHANNEL, writtenHtml(ucapPage('市政府年报', `<div class="xxgk-list"><ul id="listContent">${first}</ul><div id="pageList"></div></div>
<script src="/ycsrmzf/xhtml/js/xxgkList.js"></script>
<script type="text/javascript">listModel({ url: '${API}', channelId: '${CHANNEL_ID}', pageSize: ${PAGE_SIZE}, total: ${items.length}, container: 'listContent', pager: 'pageList' });</script>`,
      'UCAP xxgk_lists channel: first page static, later pages from a POST search API configured by listModel')));
  },
  dynamic: (req) => api(req),
};
