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
