// Builds a small element tree from HTML with htmlparser2's tokenizer, in linear time whatever the
// nesting: htmlparser2's own Parser and parse5 keep their open elements in ways that cost O(depth)
// per tag (20,000 nested tables took seconds, 100,000 minutes). Here the open elements are a stack
// with, per tag name, the stack positions where that name is open, so a close tag finds its element
// at once and every element is popped once. Implied closes follow what browsers do for the tags
// reports use (p, li, dd/dt, and table cells and rows, which close only inside their own table).
import { Tokenizer } from 'htmlparser2';
import { UnreadableDocumentError } from '../document/errors.ts';

export interface HtmlElement {
  kind: 'element';
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export interface HtmlText {
  kind: 'text';
  data: string;
}

export type HtmlNode = HtmlElement | HtmlText;

/** A page with more elements than this is refused: no report needs it, and memory must stay bounded. */
export const MAX_ELEMENTS = 600_000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen']);
const CLOSES_P = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul']);
/** Elements whose open and close tags act only inside the nearest open table. */
const TABLE_SCOPED = new Set(['tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'caption', 'colgroup']);

class TreeBuilder {
  readonly root: HtmlElement = { kind: 'element', name: '#root', attribs: {}, children: [], parent: null };
  private readonly stack: HtmlElement[] = [this.root];
  private readonly open = new Map<string, number[]>();
  private elements = 0;
  private current: HtmlElement | null = null;
  private attribName = '';
  private attribValue = '';

  constructor(private readonly html: string) {}

  private get top(): HtmlElement {
    return this.stack[this.stack.length - 1];
  }

  private lastOpen(name: string): number {
    const positions = this.open.get(name);
    return positions && positions.length ? positions[positions.length - 1] : -1;
  }

  private pop(): void {
    const element = this.stack.pop()!;
    this.open.get(element.name)!.pop();
  }

  /** Closes every element above and including the one at `position`. */
  private popTo(position: number): void {
    while (this.stack.length > position) this.pop();
  }

  /** The position of an open `name` that a tag may close: inside the nearest table for table parts. */
  private closable(name: string): number {
    const position = this.lastOpen(name);
    if (position < 0 || !TABLE_SCOPED.has(name)) return position;
    return position > this.lastOpen('table') ? position : -1;
  }

  private impliedCloses(name: string): void {
    if (CLOSES_P.has(name) && this.top.name === 'p') this.pop();
    if (name === 'li' && this.top.name === 'li') this.pop();
    if ((name === 'dd' || name === 'dt') && (this.top.name === 'dd' || this.top.name === 'dt')) this.pop();
    // A new row (or row group) ends the open row and cell of the same table; a new cell the open cell of the same row.
    if (name === 'tr') this.closeLowest(['tr', 'td', 'th']);
    if (name === 'tbody' || name === 'thead' || name === 'tfoot') this.closeLowest(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);
    if (name === 'td' || name === 'th') {
      const cell = Math.max(this.closable('td'), this.closable('th'));
      if (cell > 0 && cell > this.closable('tr')) this.popTo(cell);
    }
  }

  /** Closes the lowest open element among `names` inside the current table, and all above it. */
  private closeLowest(names: string[]): void {
    const positions = names.map((n) => this.closable(n)).filter((p) => p > 0);
    if (positions.length) this.popTo(Math.min(...positions));
  }

  openTag(rawName: string): void {
    if (++this.elements > MAX_ELEMENTS) {
      throw new UnreadableDocumentError(`the page has over ${MAX_ELEMENTS.toLocaleString('en')} elements`, 'too_complex');
    }
    const name = rawName.toLowerCase();
    this.impliedCloses(name);
    const element: HtmlElement = { kind: 'element', name, attribs: {}, children: [], parent: this.top };
    this.top.children.push(element);
    this.current = element;
  }

  /** The open tag is complete: a non-void element becomes the new top. */
  endOpenTag(): void {
    const element = this.current;
    this.current = null;
    if (!element || VOID.has(element.name)) return;
    this.stack.push(element);
    const positions = this.open.get(element.name) ?? [];
    positions.push(this.stack.length - 1);
    this.open.set(element.name, positions);
  }

  closeTag(rawName: string): void {
    const name = rawName.toLowerCase();
    if (VOID.has(name)) {
      if (name === 'br') this.top.children.push({ kind: 'element', name: 'br', attribs: {}, children: [], parent: this.top });
      return;
    }
    const position = this.closable(name);
    if (position > 0) this.popTo(position);
  }

  text(data: string): void {
    if (data === '') return;
    const last = this.top.children[this.top.children.length - 1];
    if (last?.kind === 'text') last.data += data;
    else this.top.children.push({ kind: 'text', data });
  }

  attribute(): void {
    if (this.current && !(this.attribName in this.current.attribs)) this.current.attribs[this.attribName] = this.attribValue;
    this.attribValue = '';
  }

  tokenizerCallbacks() {
    const slice = (start: number, end: number) => this.html.slice(start, end);
    return {
      ontext: (start: number, end: number) => this.text(slice(start, end)),
      ontextentity: (codepoint: number) => this.text(String.fromCodePoint(codepoint)),
      onopentagname: (start: number, end: number) => this.openTag(slice(start, end)),
      onopentagend: () => this.endOpenTag(),
      onselfclosingtag: () => this.endOpenTag(),
      onclosetag: (start: number, end: number) => this.closeTag(slice(start, end)),
      onattribname: (start: number, end: number) => {
        this.attribName = slice(start, end).toLowerCase();
      },
      onattribdata: (start: number, end: number) => {
        this.attribValue += slice(start, end);
      },
      onattribentity: (codepoint: number) => {
        this.attribValue += String.fromCodePoint(codepoint);
      },
      onattribend: () => this.attribute(),
      oncdata: () => {},
      oncomment: () => {},
      ondeclaration: () => {},
      onprocessinginstruction: () => {},
      onend: () => {},
    };
  }
}

/** Parses a whole page into a tree under a `#root` element; throws UnreadableDocumentError (too_complex) past MAX_ELEMENTS. */
export function parseHtmlTree(html: string): HtmlElement {
  const builder = new TreeBuilder(html);
  const tokenizer = new Tokenizer({ decodeEntities: true }, builder.tokenizerCallbacks());
  tokenizer.write(html);
  tokenizer.end();
  return builder.root;
}
