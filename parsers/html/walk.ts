// Walks the article body once, without recursion, into the common document's lines and rows:
// every data table (one holding no other table) is expanded into a grid, every paragraph becomes a
// line. Whether an element breaks the flow is decided by what it holds: a <span>, <font>, <dd> or
// an unknown <ucapcontent> that holds paragraphs or tables is walked as a block, one that holds only
// text (<o:p>, <st1:chsdate>) is inline — so no wrapper can flatten a table into loose text.
import { rowsFromText, type CellBudget } from '../document/text-rows.ts';
import type { Row } from '../document/types.ts';
import { expandTable } from './grid.ts';
import { BLOCK_TAGS, SKIPPED_TAGS, type ElementInfo } from './page-scan.ts';
import type { HtmlElement, HtmlNode } from './tree.ts';

export interface WalkResult {
  rows: Row[];
  lines: string[];
  tableCount: number;
  images: number;
  warnings: string[];
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Collapses source whitespace as a browser does; a line break between two CJK characters is no space. */
function collapse(text: string): string {
  return text
    .replace(/([^\s])[ \t]*[\r\n][\s]*(?=[^\s])/g, (whole, before: string, offset: number, all: string) => {
      const after = all[offset + whole.length];
      return CJK.test(before) && CJK.test(after) ? before : `${before} `;
    })
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/[ \t\f\v\r\n]+/g, ' ')
    .trim();
}

interface Marker {
  kind: 'marker';
}
const END_BLOCK: Marker = { kind: 'marker' };
const END_PRE: Marker = { kind: 'marker' };

class BodyWalk {
  readonly out: WalkResult = { rows: [], lines: [], tableCount: 0, images: 0, warnings: [] };
  private inline = '';
  private readonly budget: CellBudget = { cells: 0 };

  constructor(private readonly info: Map<HtmlElement, ElementInfo>) {}

  /** Ends the current paragraph: each <br>-separated piece becomes a line (and the rows read from it). */
  flush(): void {
    const raw = this.inline;
    this.inline = '';
    for (const piece of raw.split('\n')) {
      const text = collapse(piece.replace(/\t/g, '\u0001')).replace(/\u0001/g, '\t');
      if (!text) continue;
      this.out.lines.push(text);
      // A paragraph line is read like a line of text: pages that print tables as spaced or tabbed
      // paragraphs ("规章 0 0 0") keep their cells.
      for (const row of rowsFromText(text, this.budget)) this.out.rows.push(row);
    }
  }

  private isBlock(element: HtmlElement): boolean {
    return BLOCK_TAGS.has(element.name) || Boolean(this.info.get(element)?.hasBlock);
  }

  private table(element: HtmlElement): void {
    this.flush();
    const { rows, truncated } = expandTable(element, this.out.tableCount++);
    if (truncated) this.out.warnings.push(`table ${this.out.tableCount - 1} has too many merged cells: read up to ${rows.length} rows`);
    for (const row of rows) this.out.rows.push(row);
    for (const row of rows) this.out.lines.push(row.cells.filter((c) => !c.continuation).map((c) => c.text).join('\t'));
  }

  walk(body: HtmlElement): WalkResult {
    const stack: (HtmlNode | Marker)[] = [body];
    let preDepth = 0;
    while (stack.length) {
      const node = stack.pop()!;
      if (node === END_BLOCK || node === END_PRE) {
        if (node === END_PRE) preDepth--;
        this.flush();
        continue;
      }
      if (node.kind === 'marker') continue;
      if (node.kind === 'text') {
        // Source line breaks are spaces (Word wraps its HTML at 80 columns), except inside <pre>.
        this.inline += preDepth > 0 ? node.data : node.data.replace(/\n/g, ' \r');
        continue;
      }
      if (SKIPPED_TAGS.has(node.name) || node.name === 'head') continue;
      if (node.name === 'br') {
        this.inline += '\n';
        continue;
      }
      if (node.name === 'img') this.out.images++;
      if (node.name === 'table' && !this.info.get(node)?.hasTable) {
        this.table(node);
        continue;
      }
      if (node.name === 'pre') {
        preDepth++;
        this.flush();
        stack.push(END_PRE);
      } else if (this.isBlock(node)) {
        this.flush();
        stack.push(END_BLOCK);
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    this.flush();
    return this.out;
  }
}

/** The body's lines and rows. */
export function walkBody(body: HtmlElement, info: Map<HtmlElement, ElementInfo>): WalkResult {
  return new BodyWalk(info).walk(body);
}
