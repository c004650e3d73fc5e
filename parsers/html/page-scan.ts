// One pass over the whole page tree, without recursion: the meta tags, the <title>, dates printed
// with a label (发布日期：2024-01-09, also split over sibling nodes), and for every element how much
// report evidence it holds, whether it holds blocks or tables — so the article body is chosen by
// its content and an unknown element (<ucapcontent>, <trs_editor>, <o:p>) is a block or inline by
// what it contains, not by its name.
import type { HtmlElement, HtmlNode } from './tree.ts';

/** What the scan learnt about one element (its subtree). */
export interface ElementInfo {
  /** Report evidence in the subtree: table words count 1, the six part headings 5. */
  evidence: number;
  /** Characters of text, spaces not counted. */
  textLength: number;
  /** Holds a block-level element (paragraph, div, table, heading…), however deep. */
  hasBlock: boolean;
  hasTable: boolean;
  /** Pre-order index of the element and of its last descendant: a subtree is one index range. */
  start: number;
  end: number;
}

/** A date printed with a label, and the pre-order index of the element holding it. */
export interface LabelledDate {
  label: string;
  date: string;
  at: number;
}

export interface ScannedPage {
  info: Map<HtmlElement, ElementInfo>;
  meta: Record<string, string>;
  title: string | undefined;
  dates: LabelledDate[];
}

export const BLOCK_TAGS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'pre', 'section', 'article',
  'blockquote', 'center', 'table', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'caption', 'body', 'html', 'main',
  'form', 'header', 'footer', 'nav', 'aside', 'address', 'figure', 'figcaption', 'hr', 'fieldset', 'details', 'summary', '#root',
]);
/** Elements whose text is never report text (the walk also skips <head>). */
export const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'title', 'select', 'option', 'textarea', 'iframe', 'object']);

const TABLE_WORDS = /本年新收|上年结转|予以公开|不予公开|无法提供|不予处理|结转下年度|行政许可|行政处罚|行政强制|信息内容|申请人情况|第二十条|自然人|商业企业|结果维持|予以公開|行政許可|行政處罰|申請人情況/;
const PART_WORDS = /总体情况|主动公开政府信息|收到和处理|信息公开行政复议|存在的主要问题|其他需要报告|總體情況|主動公開政府信息|收到和處理|存在的主要問題|其他需要報告/;
/** A date label, then the date (ISO or 年月日); the label may end one text node and the date begin the next. */
const LABELLED_DATE = /(发布日期|发布时间|公开日期|成文日期|生成日期|印发日期|页面生成时间|日期|時間|日期|發布日期|發布時間)\s*[:：]?\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

function textEvidence(text: string): number {
  return (PART_WORDS.test(text) ? 5 : 0) + (TABLE_WORDS.test(text) ? 1 : 0);
}

function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0x3000) n++;
  }
  return n;
}

function emptyInfo(start: number): ElementInfo {
  return { evidence: 0, textLength: 0, hasBlock: false, hasTable: false, start, end: start };
}

function readMeta(element: HtmlElement, meta: Record<string, string>): void {
  const name = element.attribs.name ?? element.attribs.property;
  const content = element.attribs.content;
  if (name && content && !(name in meta)) meta[name] = content.trim();
}

/** Scans the tree once: elements in pre-order, then their totals folded from the last to the first. */
export function scanPage(root: HtmlElement): ScannedPage {
  const info = new Map<HtmlElement, ElementInfo>();
  const order: HtmlElement[] = [];
  const meta: Record<string, string> = {};
  const dates: LabelledDate[] = [];
  let title: string | undefined;
  let previousText = '';
  const stack: HtmlNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'text') continue;
    const own = emptyInfo(order.length);
    order.push(node);
    info.set(node, own);
    if (node.name === 'meta') readMeta(node, meta);
    if (node.name === 'title' && title === undefined) title = node.children.map((c) => (c.kind === 'text' ? c.data : '')).join('').trim();
    if (SKIPPED_TAGS.has(node.name)) continue;
    for (const child of node.children) {
      if (child.kind !== 'text') continue;
      const length = visibleLength(child.data);
      if (length === 0) continue;
      own.textLength += length;
      own.evidence += textEvidence(child.data);
      // A label in one node and its date in the next (<span>发布时间：</span><span>2024-01-09</span>).
      const joined = previousText.slice(-12) + child.data.slice(0, 80);
      const date = joined.match(LABELLED_DATE) ?? child.data.match(LABELLED_DATE);
      if (date) dates.push({ label: date[1], date: `${date[2]}-${date[3].padStart(2, '0')}-${date[4].padStart(2, '0')}`, at: own.start });
      previousText = child.data;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  for (let i = order.length - 1; i > 0; i--) {
    const element = order[i];
    const own = info.get(element)!;
    const parent = info.get(element.parent!)!;
    parent.evidence += own.evidence;
    parent.textLength += own.textLength;
    parent.hasBlock ||= BLOCK_TAGS.has(element.name) || own.hasBlock;
    parent.hasTable ||= element.name === 'table' || own.hasTable;
    parent.end = Math.max(parent.end, own.end);
  }
  return { info, meta, title, dates: uniqueDates(dates) };
}

function uniqueDates(dates: LabelledDate[]): LabelledDate[] {
  const seen = new Set<string>();
  return dates.filter((d) => {
    const key = `${d.label}|${d.date}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
