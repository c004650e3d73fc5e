// Bounds on a DOCX part checked on its raw XML before it is built into a tree: how many elements and
// how deep they nest. A 300,000-row table or runs nested 100,000 deep are no report (a real one has a
// few tens of thousands of elements, nested some tens deep) and would exhaust memory or the stack of
// the tree walks, so they are refused as too_complex in one linear scan.
import { UnreadableDocumentError } from '../document/errors.ts';

/** More elements than any report's document.xml holds (the HTML reader's bound). */
export const MAX_XML_ELEMENTS = 600_000;
/** Deeper than any Word body nests (tables in tables, content controls, runs in hyperlinks). */
export const MAX_XML_DEPTH = 256;

/** The `>` that closes the tag opened at `at`, skipping quoted attribute values (which may hold `>`). */
function tagEnd(xml: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

/** Throws too_complex when `xml` has over MAX_XML_ELEMENTS elements or nests over MAX_XML_DEPTH deep. */
export function checkXmlBounds(xml: string, what = 'word/document.xml'): void {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) {
    const next = xml.charCodeAt(at + 1);
    if (next === 0x3f /* ? */ || next === 0x21 /* ! comment, CDATA, doctype */) continue;
    if (next === 0x2f /* / */) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    const end = tagEnd(xml, at);
    if (end === -1) break;
    elements += 1;
    if (xml.charCodeAt(end - 1) !== 0x2f /* self-closing */) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    }
    if (elements > MAX_XML_ELEMENTS) {
      throw new UnreadableDocumentError(`${what} has over ${MAX_XML_ELEMENTS.toLocaleString('en')} elements: no report is that large`, 'too_complex');
    }
    if (deepest > MAX_XML_DEPTH) {
      throw new UnreadableDocumentError(`${what} nests elements over ${MAX_XML_DEPTH} deep: no report is built that way`, 'too_complex');
    }
    at = end;
  }
}
