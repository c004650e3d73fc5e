// Finds the candidate headings of a report's text: numbered lines (一、总体情况, also as Markdown
// `## 一、…` or `**一、…**`), unnumbered lines that are a part's title (存在的主要问题及改进情况),
// numbered headings inline in a long line (a body printed on one line), attachment headings, and
// （一）-numbered sub-headings (kept apart: they become top-level only where a part has no heading).
// A table's row label (一、本年新收…, 三、本年度办理结果) is never a heading.
import { identifyApplicationRow } from './row-labels.ts';

export interface HeadingCandidate {
  /** Index of the piece of text it heads (pieces are lines, or parts of long lines split at inline headings). */
  piece: number;
  heading: string;
  /** The numeral of 一、…十、, or null for an unnumbered title; sub-headings carry `sub`. */
  numeral: number | null;
  title: string;
  sub?: boolean;
}

export interface HeadingScan {
  pieces: string[];
  candidates: HeadingCandidate[];
}

const NUMERALS = '一二三四五六七八九十';
const NUMBERED = /^([一二三四五六七八九十])\s*[、.．]\s*(\S.{0,40})$/;
const SUB_NUMBERED = /^[（(]([一二三四五六七八九十])[）)]\s*(\S.{0,24})$/;
const ATTACHMENT = /^附件\s*\d*\s*[:：]\s*\S.{0,50}$/;
/** Inline: a numbered title ending in a title word, after a sentence end or at the start of the line. */
const INLINE = /(^|[。；：:！？!?\s）)”」])([一二三四五六七八九十])、\s*([^。；，,：:\d]{0,28}?(?:情况统计表|统计表|情况|概述|事项|措施))/g;
const INLINE_ATTACHMENT = /(^|[。；\s])(附件\s*\d*\s*[:：]\s*[^。；，,]{2,40}?(?:统计表|情况表|一览表))/g;
/** Words of table rows numbered like headings. */
const TABLE_ROW_WORDS = /本年新收|上年结转|本年度办理|结转下年度|申请数量/;
const SENTENCE = /[。；，,！？]|\d\s*$/;

/** The six canonical parts' titles (and common variants), for unnumbered headings and the mapping. */
export const PART_TITLES: string[][] = [
  ['总体情况', '政府信息公开总体情况', '概述'],
  ['主动公开政府信息情况'],
  ['收到和处理政府信息公开申请情况', '依申请公开政府信息情况'],
  ['政府信息公开行政复议行政诉讼情况', '因政府信息公开工作被申请行政复议和提起行政诉讼情况'],
  ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '主要问题和改进措施'],
  ['其他需要报告的事项'],
];

export function compactTitle(text: string): string {
  return text.replace(/[\s\u3000\u00a0、，,.．:：;；“”"（）()]/g, '');
}

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** Dice coefficient of character pairs: 1 for the same title, about 0.5 for 主动公开工作情况 vs 主动公开政府信息情况. */
export function titleSimilarity(a: string, b: string): number {
  const x = bigrams(compactTitle(a));
  const y = bigrams(compactTitle(b));
  if (!x.length || !y.length) return compactTitle(a) === compactTitle(b) ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

export function bestPartSimilarity(title: string, part: number): number {
  return Math.max(...PART_TITLES[part - 1].map((t) => titleSimilarity(title, t)));
}

/** A line with Markdown emphasis and heading marks removed, and a doubled numbering (一、一、) made single. */
function cleanLine(line: string): string {
  return line.trim()
    .replace(/^>+\s*/, '').replace(/^#+\s*/, '').replace(/^(\*\*|__)(.*?)(\*\*|__)$/, '$2').replace(/^\*\*|\*\*$/g, '')
    .replace(/^([一二三四五六七八九十])\s*、\s*\1\s*、/, '$1、')
    .trim();
}

function isTableRowLabel(title: string): boolean {
  return TABLE_ROW_WORDS.test(title) || identifyApplicationRow(title, null) !== null;
}

function lineCandidate(line: string, piece: number): HeadingCandidate | null {
  if (line.includes('\t') || line.includes('|')) return null;
  const numbered = line.match(NUMBERED);
  if (numbered && !SENTENCE.test(numbered[2]) && !isTableRowLabel(numbered[2])) {
    return { piece, heading: line, numeral: NUMERALS.indexOf(numbered[1]) + 1, title: numbered[2] };
  }
  const sub = line.match(SUB_NUMBERED);
  if (sub && !SENTENCE.test(sub[2])) return { piece, heading: line, numeral: NUMERALS.indexOf(sub[1]) + 1, title: sub[2], sub: true };
  if (ATTACHMENT.test(line) && !SENTENCE.test(line)) return { piece, heading: line, numeral: null, title: line };
  // A table's caption (表二：主动公开政府信息情况) repeats a part's title; it is no heading.
  const caption = /^表\s*[一二三四五六七八九十\d]+\s*[:：、.．]/.test(line);
  if (!caption && line.length <= 30 && !SENTENCE.test(line) && [1, 2, 3, 4, 5, 6].some((p) => bestPartSimilarity(line, p) >= 0.8)) {
    return { piece, heading: line, numeral: null, title: line };
  }
  return null;
}

/** Splits a long line at the headings printed inside it. */
function inlinePieces(line: string): { text: string; heading?: string; numeral?: number; title?: string }[] {
  const hits: { at: number; heading: string; numeral: number | null; title: string }[] = [];
  for (const m of line.matchAll(INLINE)) {
    if (isTableRowLabel(m[3])) continue;
    hits.push({ at: m.index! + m[1].length, heading: `${m[2]}、${m[3]}`, numeral: NUMERALS.indexOf(m[2]) + 1, title: m[3] });
  }
  for (const m of line.matchAll(INLINE_ATTACHMENT)) hits.push({ at: m.index! + m[1].length, heading: m[2], numeral: null, title: m[2] });
  hits.sort((a, b) => a.at - b.at);
  const raw = hits.map((h) => ({ ...h, end: h.at + line.slice(h.at).indexOf(h.title) + h.title.length }));
  const out: { text: string; heading?: string; numeral?: number; title?: string }[] = [];
  let from = 0;
  for (const h of raw) {
    if (h.at < from) continue;
    if (h.at > from) out.push({ text: line.slice(from, h.at) });
    out.push({ text: line.slice(h.at, h.end), heading: line.slice(h.at, h.end).trim(), numeral: h.numeral ?? undefined, title: h.title });
    from = h.end;
  }
  if (from < line.length) out.push({ text: line.slice(from) });
  return out;
}

/** The text as pieces (lines, and long lines cut at inline headings) and the headings among them. */
export function scanHeadings(text: string): HeadingScan {
  const pieces: string[] = [];
  const candidates: HeadingCandidate[] = [];
  for (const raw of text.split('\n')) {
    if (raw.startsWith('\t')) {
      pieces.push(raw.trim());
      continue;
    }
    const line = cleanLine(raw);
    if (!line) continue;
    const whole = lineCandidate(line, pieces.length);
    if (whole || line.length <= 60) {
      if (whole) candidates.push(whole);
      pieces.push(line);
      continue;
    }
    for (const piece of inlinePieces(line)) {
      if (piece.heading) candidates.push({ piece: pieces.length, heading: piece.heading, numeral: piece.numeral ?? null, title: piece.title! });
      if (piece.text.trim()) pieces.push(piece.text.trim());
    }
  }
  return { pieces, candidates };
}
