// Chooses the article body of a report page by what it holds: the smallest element that still holds
// nine tenths of the page's report evidence (table labels, and above all the six part headings), so
// a CMS wrapper the reader has never seen (<ucapcontent>, <trs_editor>, <content>) is found like any
// other, and navigation or footers are left out. Pages with little evidence (not reports) fall back to
// the wrappers CMSs are known to use.
import type { ElementInfo } from './page-scan.ts';
import type { HtmlElement } from './tree.ts';

/** The chosen body and how it was found (by evidence, a known wrapper, or the whole page). */
export interface ChosenBody {
  element: HtmlElement;
  how: 'evidence' | 'wrapper' | 'page';
}

/** Share of the page's evidence the body must keep. */
const KEEP = 0.9;
/** Below this much evidence the page is no report: known wrappers decide. */
const MIN_EVIDENCE = 6;

const KNOWN_CLASSES = ['TRS_Editor', 'trs_editor', 'zoom', 'cmsArticleContent', 'UCAP-CONTENT', 'pages_content', 'article-content', 'article_content', 'zw', 'content', 'detail'];
const KNOWN_TAGS = new Set(['ucapcontent', 'trs_editor', 'article']);

function children(element: HtmlElement): HtmlElement[] {
  return element.children.filter((c): c is HtmlElement => c.kind === 'element');
}

function byEvidence(root: HtmlElement, info: Map<HtmlElement, ElementInfo>): HtmlElement {
  const total = info.get(root)!.evidence;
  let node = root;
  for (;;) {
    const next = children(node).find((child) => info.get(child)!.evidence >= KEEP * total);
    if (!next) return node;
    node = next;
  }
}

function isKnownWrapper(element: HtmlElement): boolean {
  if (KNOWN_TAGS.has(element.name)) return true;
  const names = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.split(/\s+/);
  return names.some((n) => KNOWN_CLASSES.includes(n));
}

function firstWhere(root: HtmlElement, accept: (e: HtmlElement) => boolean): HtmlElement | null {
  const stack: HtmlElement[] = [root];
  while (stack.length) {
    const element = stack.pop()!;
    if (accept(element)) return element;
    const kids = children(element);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return null;
}

export function chooseBody(root: HtmlElement, info: Map<HtmlElement, ElementInfo>): ChosenBody {
  if (info.get(root)!.evidence >= MIN_EVIDENCE) return { element: byEvidence(root, info), how: 'evidence' };
  const wrapper = firstWhere(root, (e) => isKnownWrapper(e) && (info.get(e)?.textLength ?? 0) > 20);
  if (wrapper) return { element: wrapper, how: 'wrapper' };
  return { element: firstWhere(root, (e) => e.name === 'body') ?? root, how: 'page' };
}
