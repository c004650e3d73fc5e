// 济南市人民政府 (www.jinan.gov.cn), Hanweb 大汉 jcms. Real: the article page, whose navigation
// exists only in document.writeln includes (static/js/2207041356586519.js writes ul#navi, 公开 →
// /col/col24/index.html). Written: the 公开 column, the 年报 column page holding two lists (different
// columnid/unitid) as <datastore> records with only the first group embedded, the old jpage proxy
// path named in the page (`proxyUrl:'/module/jslib/jquery/jpage/dataproxy.jsp'`, `<nextgroup>`),
// a percent-encoded `webname`, the dataproxy answers (GET or POST; the newer /module/web/jpage path
// is a 404 here), the reports, one of them a downfile.jsp attachment named only by `showname`.
import { peerFile, redirect, writtenHtml } from '../written.ts';
import type { RealBuild, RealPortalDefinition, RealRequest, Resource } from '../types.ts';
import { SEEDS, addReport, chromePage, corpusTextReport, seedReport, type Chrome } from './common.ts';

const chrome: Chrome = { folder: 'ycrjinan.gov.cn', file: 'index.html', selector: '#zoom' };
const ARTICLE = '/art/2024/6/19/art_1861_4982441.html';
const WEBNAME = '济南市人民政府';
const PROXY = '/module/jslib/jquery/jpage/dataproxy.jsp';

interface HanwebListDef { columnid: string; unitid: string; records: string[] }
const lists: HanwebListDef[] = [];

function record(href: string, title: string, date: string): string {
  return `<record><![CDATA[<li><a href="${href}" title="${title}" target="_blank">${title}</a><span>${date}</span></li>]]></record>`;
}

/** A jpage list as jcms column templates print it: the first group of records, then the jpage call. */
function jpageList(list: HanwebListDef, perPage: number): string {
  const encoded = encodeURIComponent(WEBNAME);
  return `<div id="${list.unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="${PROXY}?page=1&appid=1&webid=1&path=/&columnid=${list.columnid}&unitid=${list.unitid}&webname=${encoded}&permissiontype=0"></a>]]></nextgroup>
<recordset>
${list.records.slice(0, perPage).join('\n')}
</recordset>
</datastore></script></div>
<script type="text/javascript">
$(function(){ $('#${list.unitid}').jpage({ dataStore: dataStore${list.unitid}, themeName: 'default', proxyUrl: '${PROXY}', perPage: ${perPage}, totalRecord: ${list.records.length}, groupSize: 1, barPosition: 'bottom', ajaxParam: { appid: 1, webid: 1, path: '/', columnid: ${list.columnid}, unitid: ${list.unitid}, webname: '${encoded}', permissiontype: 0 } }); });
</script>`;
}

function dataproxy(req: RealRequest): Resource | undefined {
  if (req.path !== PROXY) return undefined;
  const params = new URLSearchParams(req.query);
  if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  const list = lists.find((l) => l.columnid === params.get('columnid') && l.unitid === params.get('unitid'));
  // jcms answers nothing for a webname it does not know (a double-encoded one, for instance).
  if (!list || params.get('webname') !== WEBNAME) return { kind: 'written', body: '<?xml version="1.0" encoding="UTF-8"?><datastore><recordset></recordset></datastore>', contentType: 'text/xml; charset=UTF-8' };
  const start = Number(params.get('startrecord') ?? 1);
  const end = Number(params.get('endrecord') ?? start + 1);
  const body = `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>${list.records.length}</totalrecord><recordset>${list.records.slice(start - 1, end).join('')}</recordset></datastore>`;
  return { kind: 'written', body, contentType: 'text/xml; charset=UTF-8' };
}

export const jinanHanweb: RealPortalDefinition = {
  id: 'jinan-hanweb', family: 'hanweb', name: WEBNAME, corpus: 'ycrjinan.gov.cn', realHosts: ['www.jinan.gov.cn', 'jinan.gov.cn'],
  notes: 'Hanweb jcms; nav only in document.writeln includes; two datastore lists on the 年报 page; old /module/jslib/jquery/jpage/dataproxy.jsp path from the page; percent-encoded webname; downfile.jsp showname attachment',
  build(b: RealBuild) {
    lists.length = 0;
    b.pages.set('/', redirect(ARTICLE));
    b.pages.set(ARTICLE, { kind: 'corpus', file: 'index.html', charset: 'utf-8' });
    b.pages.set('/col/col24/index.html', writtenHtml(chromePage(chrome, '公开', `<ul class="gk-nav"><li><a href="/col/col24590/index.html">政府信息公开指南</a></li><li><a href="/col/col24591/index.html">政府信息公开制度</a></li><li><a href="/col/col31442/index.html">政府信息公开年报</a></li><li><a href="/col/col24593/index.html">法定主动公开内容</a></li></ul>`,
      'jcms 公开 column page: plain links to its sub-columns')));
    const city = [
      { report: seedReport(SEEDS.daying, { organ: WEBNAME, year: 2023 }), id: 4950001, date: '2024-01-19' },
      { report: seedReport(SEEDS.muye, { organ: WEBNAME, year: 2022 }), id: 4700002, date: '2023-01-18' },
      { report: seedReport(SEEDS.tuanba, { organ: WEBNAME, year: 2021 }), id: 4500003, date: '2022-01-20' },
      { report: seedReport(SEEDS.jiuyuan, { organ: WEBNAME, year: 2020 }), id: 4300004, date: '2021-01-22' },
    ];
    const cityList: HanwebListDef = { columnid: '31442', unitid: '93921', records: [] };
    for (const r of city) {
      const [y, m, d] = r.date.split('-').map(Number);
      const path = `/art/${y}/${m}/${d}/art_31442_${r.id}.html`;
      addReport(b, chrome, path, r.report);
      cityList.records.push(record(path, r.report.title, r.date));
    }
    // An attachment-only report: the article says 见附件; the real file name only in showname.
    const attachment = `/module/download/downfile.jsp?classid=0&filename=${'a3f19c0b5d2e4c7f'}.pdf&showname=${encodeURIComponent('淮安市人民政府2024年政府信息公开工作年度报告.pdf')}`;
    b.pages.set(attachment.replace(/&showname=.*/, '&showname=淮安市人民政府2024年政府信息公开工作年度报告.pdf'), peerFile('govnianbao/szfgs2024.pdf'));
    b.pages.set(attachment, peerFile('govnianbao/szfgs2024.pdf'));
    const attArticle = '/art/2025/1/20/art_31442_5100005.html';
    b.pages.set(attArticle, writtenHtml(chromePage(chrome, '淮安市人民政府2024年政府信息公开工作年度报告', `<p>详见附件。</p><p>附件：<a href="${attachment}">淮安市人民政府2024年政府信息公开工作年度报告.pdf</a></p>`, 'jcms article whose report is a downfile.jsp attachment')));
    b.report('淮安市人民政府', 2024, attachment);
    cityList.records.unshift(record(attArticle, '淮安市人民政府2024年政府信息公开工作年度报告', '2025-01-20'));
    const depts = [
      { report: seedReport(SEEDS.songzhuang, { organ: '济南市审计局', year: 2023 }), id: 4950101, date: '2024-01-25' },
      { report: corpusTextReport('KIROGOVCOMPARE/kewei-2024-source.md', '上海市科学技术委员会', 2024, '2021'), id: 5100102, date: '2025-01-24' },
      { report: seedReport(SEEDS.jiuyuan, { organ: '济南市财政局', year: 2022 }), id: 4700103, date: '2023-01-30' },
    ];
    const deptList: HanwebListDef = { columnid: '31443', unitid: '93922', records: [] };
    for (const r of depts) {
      const [y, m, d] = r.date.split('-').map(Number);
      const path = `/art/${y}/${m}/${d}/art_31443_${r.id}.html`;
      addReport(b, chrome, path, r.report);
      deptList.records.push(record(path, r.report.title, r.date));
    }
    lists.push(cityList, deptList);
    const column = `<div class="nb-col"><h3>市政府年报</h3>${jpageList(cityList, 2)}<h3>部门年报</h3>${jpageList(deptList, 2)}</div>`;
    b.pages.set('/col/col31442/index.html', writtenHtml(chromePage(chrome, '政府信息公开年报', column, 'jcms column page: two jpage lists (datastore, first group embedded, proxyUrl named in the page)')));
  },
  dynamic: (req) => dataproxy(req),
};
