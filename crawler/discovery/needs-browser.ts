// Decides whether a page needs a browser: an empty shell whose content appears only after scripts
// run (a div#app with nothing in it, a list filled by an XHR), as opposed to a page that merely
// carries scripts.
import type * as cheerio from 'cheerio';
import { visibleText } from './page-links.ts';

/** True when the page looks like a script-rendered shell with no content links of its own. */
export function looksLikeScriptShell($: cheerio.CheerioAPI, contentLinkCount: number): boolean {
  const scripts = $('script').length;
  if (scripts === 0) return false;
  const text = visibleText($);
  const emptyMount = $('#app, #root, [v-cloak], [id*="list"], [class*="list"]').toArray().some((el) => $(el).children().length === 0 && $(el).text().trim() === '');
  const renderHints = /(fetch\(|XMLHttpRequest|\$\.(ajax|get|post|getJSON)|axios|new Vue|createApp|ReactDOM|innerHTML|appendChild|insertAdjacentHTML|document\.write)/.test($('script').text());
  if (contentLinkCount === 0 && (emptyMount || renderHints)) return true;
  return emptyMount && renderHints && contentLinkCount < 3 && text.length < 400;
}

const PAGER_CONFIG = /\b(pageSize|pageNum|pageIndex|pageNo|totalPages?|totalCount|totalRecords?|perPage|pageCount|countPage)\b["']?\s*[:=]\s*["']?\d/i;
const NEXT_WORDS = /^(下一页|下页|后一页|后页|下一頁|next)(>>|»|›|>)?$|^(>|›|»|>>)$/i;

/**
 * True when the page shows a pager that plain HTTP cannot follow: a 下一页 with no address of its own
 * (`javascript:;`, `#`, an onclick, a button) while no other page of the list was found, and the page
 * does not say it is the only one (共1页).
 */
export function hasUnfollowablePager($: cheerio.CheerioAPI, otherPagesFound: number): boolean {
  if (otherPagesFound > 0) return false;
  const text = visibleText($);
  if (/共\s*1\s*页/.test(text)) return false;
  // A list script configured in the page (`listModel({ pageSize: 15, total: 40 … })`) draws the pager itself.
  const inline = $('script:not([src])').text();
  if (PAGER_CONFIG.test(inline) && !/^\s*$/.test(inline)) return true;
  return $('a, button, span, li, input[type="button"]').toArray().some((el) => {
    const node = $(el);
    const label = (node.is('input') ? node.attr('value') ?? '' : node.text()).replace(/[\s\u3000\u00a0[\]【】]+/g, '');
    if (!NEXT_WORDS.test(label)) return false;
    const href = (node.attr('href') ?? '').trim();
    return href === '' || href === '#' || /^javascript:/i.test(href);
  });
}
