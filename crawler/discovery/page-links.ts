// Reads the links of an HTML page: anchors (text and title), drop-down options that hold URLs,
// frames; resolved against <base href> and normalised.
import * as cheerio from 'cheerio';
import type { PageLink } from './link-score.ts';
import { normaliseUrl } from './urls.ts';

function clean(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** Every link on the page, in document order, duplicates (same URL and text) removed. */
export function extractLinks($: cheerio.CheerioAPI, pageUrl: string, keepFragment = false): PageLink[] {
  const base = normaliseUrl($('base[href]').attr('href') ?? '', pageUrl) ?? pageUrl;
  const links: PageLink[] = [];
  const seen = new Set<string>();
  const add = (href: string | undefined, text: string, title?: string) => {
    if (!href || /^(javascript:|mailto:|tel:|#$)/i.test(href.trim())) return;
    const url = keepFragment ? resolveKeepingFragment(href, base) : normaliseUrl(href, base);
    if (!url) return;
    const key = `${url}\n${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ url, text: clean(text), title: title ? clean(title) : undefined });
  };
  $('a[href], area[href]').each((_, el) => {
    const node = $(el);
    add(node.attr('href'), node.text() || node.attr('alt') || '', node.attr('title'));
  });
  $('option[value]').each((_, el) => {
    const value = $(el).attr('value') ?? '';
    if (/^(https?:|\/|\.\.?\/)|\.s?html?$|\?/.test(value)) add(value, $(el).text());
  });
  $('iframe[src], frame[src]').each((_, el) => add($(el).attr('src'), ''));
  return links;
}

function resolveKeepingFragment(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The page's title: ArticleTitle meta, then <title>, then the first heading. */
export function pageTitle($: cheerio.CheerioAPI): string {
  return clean($('meta[name="ArticleTitle"]').attr('content') ?? $('title').first().text() ?? $('h1').first().text() ?? '');
}

/** The visible text of the page body (scripts and styles removed). */
export function visibleText($: cheerio.CheerioAPI): string {
  const body = $('body').clone();
  body.find('script, style, noscript, template').remove();
  return clean(body.text());
}
