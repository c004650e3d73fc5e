// Turns positioned text items of one PDF page into rows: items on one baseline form a line, and a
// wide horizontal gap between items starts a new cell, so table rows keep their cells apart.
import { placeFiguresInColumns } from './columns.ts';
import { joinWrappedLabels } from './label-wrap.ts';
import { dropVerticalHeaderPieces } from './vertical-headers.ts';
import type { Cell, Row } from '../types.ts';

/** One piece of text with its position in PDF user space (origin bottom-left). */
export interface PositionedItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  page: number;
  ocr?: boolean;
  ocrConfidence?: number;
}

/** Page furniture: `- 4 -`, `-1-`, `第 3 页`, a bare page number. */
const PAGE_FURNITURE = /^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

export function isPageFurniture(lineText: string): boolean {
  return PAGE_FURNITURE.test(lineText.replace(/\s+/g, ' ').trim());
}

function groupIntoLines(items: PositionedItem[]): PositionedItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PositionedItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    // Same line when the baselines differ by less than half the text height.
    const tolerance = Math.max(2, Math.min(item.height, line?.[0].height ?? item.height) * 0.5);
    if (line && Math.abs(line[0].y - item.y) <= tolerance) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x));
}

/** Splits an item that pdfjs merged across two cells (`部分公开（区分处理的，   2`) on its wide spaces. */
function splitMergedItem(item: PositionedItem): PositionedItem[] {
  const parts = item.text.split(/(\s{3,})/);
  if (parts.length < 3) return [item];
  const perChar = item.width / Math.max(1, item.text.length);
  const out: PositionedItem[] = [];
  let offset = 0;
  for (const part of parts) {
    if (part.trim() && !/^\s+$/.test(part)) out.push({ ...item, text: part.trim(), x: item.x + offset * perChar, width: part.length * perChar });
    offset += part.length;
  }
  return out;
}

function toCells(line: PositionedItem[]): Cell[] {
  const items = line.flatMap(splitMergedItem).filter((i) => i.text.trim() !== '');
  const cells: { items: PositionedItem[]; right: number }[] = [];
  for (const item of items) {
    const current = cells[cells.length - 1];
    const gap = current ? item.x - current.right : Infinity;
    // A gap wider than one character separates cells; inside a cell text runs are adjacent.
    if (current && gap < Math.max(item.height, 4) * 0.9) {
      current.items.push(item);
      current.right = Math.max(current.right, item.x + item.width);
    } else cells.push({ items: [item], right: item.x + item.width });
  }
  return cells.map(({ items: parts }) => {
    const first = parts[0];
    const text = parts.map((p) => p.text).join('').trim();
    const ocrParts = parts.filter((p) => p.ocr);
    const prov: Cell['prov'] = { page: first.page, x: round(first.x), y: round(first.y) };
    if (ocrParts.length) {
      prov.ocr = true;
      prov.ocrConfidence = round(ocrParts.reduce((s, p) => s + (p.ocrConfidence ?? 0), 0) / ocrParts.length);
    }
    const right = Math.max(...parts.map((p) => p.x + p.width));
    // The width rides along (not part of Cell) so header columns can be centred.
    return Object.assign({ text, prov }, { width: right - first.x });
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Rows of one page, top to bottom, page headers and footers dropped. */
export function pageRows(items: PositionedItem[]): Row[] {
  const rows: Row[] = [];
  for (const line of groupIntoLines(items)) {
    const cells = toCells(line);
    if (cells.length === 0) continue;
    if (isPageFurniture(cells.map((c) => c.text).join(' '))) continue;
    rows.push({ cells });
  }
  const heights = items.map((i) => i.height).sort((a, b) => a - b);
  const lineHeight = heights[heights.length >> 1] ?? 10;
  return placeFiguresInColumns(joinWrappedLabels(dropVerticalHeaderPieces(rows), lineHeight), lineHeight);
}
