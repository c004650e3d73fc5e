// Portals a plain HTTP fetch cannot read: a list that only JavaScript renders, and a flipbook
// (one report spread over /book/…/files/basic-html/pageN.html pages).
import { SEEDS, SHARED, seedReport, textToHtml } from '../documents.ts';
import { addReportArticle, type Pages } from '../column.ts';
import { htmlReply, linkList, page, type Site } from '../pages.ts';
import type { PortalDefinition } from '../types.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const jsSite: Site = { name: '扶沟县人民政府', siteId: '4116210001' };

export const jsList: PortalDefinition = {
  id: 'fugou-jslist', name: jsSite.name, family: 'js-rendered-list', divisionCode: '411621',
  notes: 'the 年报 list is empty markup; a script inserts the links after load (needs a browser)',
  build(ctx) {
    const pages: Pages = new Map();
    const reports = [
      { report: seedReport(SEEDS.jiuyuan), date: '2021-01-29', id: 401 },
      { report: seedReport(SEEDS.jiuyuan, { organ: '扶沟县韭园镇人民政府', year: 2021 }), date: '2022-01-25', id: 402 },
    ];
    const items = reports.map((r) => {
      const path = `/zwgk/nb/${r.id}.html`;
      addReportArticle(pages, ctx, jsSite, path, r.report, { date: r.date });
      return { href: path, text: r.report.title };
    });
    // The links exist only in a JSON literal the script turns into <a> elements after a delay.
    const script = `<div id="list"></div><script>
      var data = ${JSON.stringify(items.map((i) => ({ u: i.href.split('').reverse().join(''), t: i.text })))};
      setTimeout(function () {
        var ul = document.createElement('ul');
        data.forEach(function (d) { var li = document.createElement('li'); var a = document.createElement('a');
          a.href = d.u.split('').reverse().join(''); a.textContent = d.t; li.appendChild(a); ul.appendChild(li); });
        document.getElementById('list').appendChild(ul);
      }, 300);
    </script>`;
    pages.set('/zwgk/nb/', htmlReply(page(jsSite, '政府信息公开年报', script, {}, '政府信息公开年报')));
    pages.set('/', htmlReply(page(jsSite, '首页', linkList([{ href: '/zwgk/', text: '政府信息公开' }]), {}, '首页')));
    pages.set('/zwgk/', htmlReply(page(jsSite, '政府信息公开', linkList([{ href: '/zwgk/nb/', text: '政府信息公开年报' }]), {}, '政府信息公开')));
    return { pages };
  },
};

const bookSite: Site = { name: '淮阳区人民政府', siteId: '4116260001' };

export const flipbook: PortalDefinition = {
  id: 'huaiyang-flipbook', name: bookSite.name, family: 'flipbook', divisionCode: '411626',
  notes: 'one report published as a flipbook: /book/2022dzs/<organ>/files/basic-html/page1..N.html',
  build(ctx) {
    const pages: Pages = new Map();
    const organ = '周口市淮阳区人民政府';
    const text = readFileSync(join(SHARED, 'seeds', `${SEEDS.songzhuang}.txt`), 'utf8')
      .split('送庄镇人民政府').join(organ).replace(/2022(\s*)年/g, '2021$1年');
    const lines = text.split('\n');
    const perPage = Math.ceil(lines.length / 4);
    const root = '/book/2022dzs/hyq/files/basic-html/';
    for (let i = 0; i < 4; i++) {
      const chunkText = lines.slice(i * perPage, (i + 1) * perPage).join('\n');
      const nav = `<div class="nav">${i > 0 ? `<a href="page${i}.html">上一页</a>` : ''} ${i < 3 ? `<a href="page${i + 2}.html">下一页</a>` : ''}</div>`;
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${organ}2021年政府信息公开工作年度报告</title></head><body><div class="page">${textToHtml(chunkText)}</div>${nav}</body></html>`;
      pages.set(`${root}page${i + 1}.html`, htmlReply(Buffer.from(html)));
    }
    ctx.addReport({ organ, year: 2021, template: '2021', pageUrl: `${ctx.baseUrl}${root}page1.html`, attachmentUrls: [], formats: ['flipbook'] });
    pages.set('/zwgk/zfxxgknb/', htmlReply(page(bookSite, '政府信息公开年报', linkList([{ href: `${root}page1.html`, text: `${organ}2021年政府信息公开工作年度报告（电子书）` }]), {}, '政府信息公开年报')));
    pages.set('/', htmlReply(page(bookSite, '首页', linkList([{ href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }]), {}, '首页')));
    return { pages };
  },
};
