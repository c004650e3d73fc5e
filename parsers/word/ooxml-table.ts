// Expands a WordprocessingML table (<w:tbl>) into a rectangular grid, like html/grid.ts does for
// HTML: gridSpan fills the columns a cell covers, vMerge continuations fill the rows, and every
// covered position is marked as a continuation so merged labels shift no figures.
import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { Cell, Row } from '../document/types.ts';

/** Text of a paragraph (or any run container): w:t runs, tabs as \t, breaks as \n. */
export type ParagraphText = (el: Element) => string;

function intAttr($: cheerio.CheerioAPI, el: Element | undefined, fallback: number): number {
  if (!el) return fallback;
  const n = Number.parseInt($(el).attr('w:val') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 200) : fallback;
}

function childrenNamed(el: Element, name: string): Element[] {
  return (el.children ?? []).filter((c): c is Element => c.type === 'tag' && (c as Element).name === name);
}

function firstChild(el: Element | undefined, name: string): Element | undefined {
  return el ? childrenNamed(el, name)[0] : undefined;
}

/** Paragraphs of a cell joined: no space between CJK pieces (a label wrapped by hand), else one. */
export function joinPieces(pieces: string[]): string {
  return pieces.reduce((acc, piece) => {
    if (!acc) return piece;
    if (!piece) return acc;
    const glue = /[\u3000-\u9fff\uff00-\uffef]$/.test(acc) || /^[\u3000-\u9fff\uff00-\uffef]/.test(piece) ? '' : ' ';
    return acc + glue + piece;
  }, '');
}

function cellText($: cheerio.CheerioAPI, tc: Element, paragraphText: ParagraphText): string {
  const pieces = $(tc).find('w\\:p').toArray().map((p) => paragraphText(p).replace(/\n/g, '')
    .replace(/[\u00a0\u3000\t]/g, ' ').replace(/\s+/g, ' ').trim());
  return joinPieces(pieces);
}

type VMerge = 'restart' | 'continue' | null;

function vMergeOf($: cheerio.CheerioAPI, tcPr: Element | undefined): VMerge {
  const vMerge = firstChild(tcPr, 'w:vMerge');
  if (!vMerge) return null;
  return $(vMerge).attr('w:val') === 'restart' ? 'restart' : 'continue';
}

/** Rows of one table (its own rows only; a nested table's text stays inside its cell). */
export function expandWordTable($: cheerio.CheerioAPI, tbl: Element, tableIndex: number, paragraphText: ParagraphText): Row[] {
  const grid: Cell[][] = [];
  childrenNamed(tbl, 'w:tr').forEach((tr, r) => {
    const cells: Cell[] = [];
    const trPr = firstChild(tr, 'w:trPr');
    const pad = (count: number) => {
      for (let i = 0; i < count; i++) cells.push({ text: '', prov: { table: tableIndex, row: r, col: cells.length } });
    };
    pad(trPr ? intAttr($, firstChild(trPr, 'w:gridBefore'), 0) : 0);
    for (const tc of childrenNamed(tr, 'w:tc')) {
      const tcPr = firstChild(tc, 'w:tcPr');
      const cols = intAttr($, firstChild(tcPr, 'w:gridSpan'), 1);
      const col = cells.length;
      const merge = vMergeOf($, tcPr);
      const coveredFromAbove = merge === 'continue' && r > 0;
      const text = coveredFromAbove ? '' : cellText($, tc, paragraphText);
      const originRow = coveredFromAbove ? (grid[r - 1]?.[col]?.prov.row ?? r) : r;
      for (let dc = 0; dc < cols; dc++) {
        const origin = dc === 0 && !coveredFromAbove;
        cells.push({
          text: origin ? text : '',
          prov: { table: tableIndex, row: origin ? r : originRow, col },
          ...(origin ? {} : { continuation: true }),
        });
      }
    }
    grid.push(cells);
  });
  return grid.map((cells) => ({ cells, fromGrid: true }));
}
