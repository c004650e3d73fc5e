// Pages the corpus lacks, written in the family's real format: a portal's own article page (its real
// chrome: header, navigation, footer, meta tags) with the title and the content area replaced. Every
// written page says so in a comment naming the real pattern it follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { CORPUS_DIR } from './corpus.ts';
import type { Charset, Resource } from './types.ts';

/** The decoded text of a corpus file. */
export function corpusText(folder: string, file: string, charset: Charset = 'utf-8'): string {
  const raw = readFileSync(join(CORPUS_DIR, folder, file));
  if (charset === 'utf-16le') return iconv.decode(raw, 'utf-16le').replace(/^\uFEFF/, '');
  if (charset === 'gbk') return iconv.decode(raw, 'gb18030');
  return raw.toString('utf8');
}

/** The real URL a saved article page names in its 2017-guideline `Url` meta. */
export function articleUrlOf(html: string): string | null {
  const value = html.match(/<meta\s+name=["']Url["']\s+content=["']([^"']+)["']/i)?.[1] ?? null;
  if (!value) return null;
  return value.startsWith('http') ? value : `http://${value}`;
}

export interface ChromeOptions {
  /** The page title (also ArticleTitle and ColumnName metas when present). */
  title: string;
  /** The element whose content is replaced (the article body or the list area). */
  selector: string;
  html: string;
  /** The real pattern this written page follows. */
  pattern: string;
  column?: string;
}

/** An article page of the portal with another title and content: a written page in the real chrome. */
export function inChrome(template: string, options: ChromeOptions): string {
  const $ = cheerio.load(template, { decodeEntities: false } as never);
  $('title').first().text(options.title);
  $('meta[name="ArticleTitle"]').attr('content', options.title);
  if (options.column) $('meta[name="ColumnName"]').attr('content', options.column);
  const target = $(options.selector).first();
  if (target.length === 0) throw new Error(`farm-real: no ${options.selector} in the template`);
  target.html(options.html);
  // Headline elements near the body often repeat the old article title: drop them.
  return `<!-- written for test/farm-real: ${options.pattern} -->\n${$.html()}`;
}

/** A written HTML page as a resource. */
export function writtenHtml(body: string, charset: Charset = 'utf-8', contentType?: string): Resource {
  return { kind: 'written', body, charset, contentType: contentType ?? (charset === 'utf-8' ? 'text/html; charset=utf-8' : 'text/html') };
}

/** A 302 redirect (written). */
export function redirect(location: string): Resource {
  return { kind: 'written', body: '', status: 302, headers: { location } };
}

/** A real file from the corpus of reports, byte for byte. */
export function peerFile(relativePath: string, contentType = 'application/pdf'): Resource {
  return { kind: 'written', body: readFileSync(join(CORPUS_DIR, '..', 'peers', relativePath)), charset: 'binary', contentType };
}
