// The frame of every page: head (stylesheet from this server only), navigation, main content.
import { html, type HtmlValue, type SafeHtml } from './html.ts';

const NAV: [href: string, label: string][] = [
  ['/', 'Search 检索'], ['/coverage', 'Coverage 覆盖'], ['/audit', 'Audit 审核'], ['/charts', 'Charts 图表'], ['/runs', 'Crawl runs 抓取'], ['/queries', 'Queries 查询'], ['/sql', 'SQL'], ['/export', 'Export 导出'], ['/about', 'About 说明'],
];

/** A whole HTML page with the site navigation; `current` is the nav href to mark. */
export function pageLayout(title: string, current: string, content: HtmlValue): SafeHtml {
  const links = NAV.map(([href, label]) => html`<a href="${href}"${href === current ? html` aria-current="page"` : ''}>${label}</a>`);
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · nianbao</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="site"><a class="brand" href="/">nianbao 年报档案</a><nav>${links}</nav></header>
<main>
${content}
</main>
</body>
</html>`;
}

/** A short error page body (404, 400, 500). */
export function errorPage(status: number, message: string): SafeHtml {
  return pageLayout(`${status}`, '', html`<h1>${status}</h1><p class="error">${message}</p><p><a href="/">Back to search</a></p>`);
}
