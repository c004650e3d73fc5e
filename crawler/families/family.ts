// The one interface a portal family implements. A family is a content-management system or a
// publishing habit (TRS static sites, Hanweb, Guangdong gkmlpt, flipbooks, query-string lists, /columns/ blocks,
// opaque ids: ../shared/notes/portals.md). Its module owns what is peculiar to it: how its pages are
// recognised, where its lists sit, how they page, how its attachments are named. Every hook is
// optional: a family supplies only what the generic rules of discovery/ (下一页 and numbered pager
// links, ?page=N siblings, link scores, report titles) do not already cover.
//
// Families are pure (no fetching, no storage) and import nothing else of the crawler: they are shown
// a page's URL, body and context and give back URLs and links, which the routes then classify.
//
// Adding a family:
//   1. write families/<name>.ts exporting one PortalFamily (start from the closest existing one);
//   2. add it to FAMILIES in families/index.ts;
//   3. imitate it in the portal farm (test/farm/families/) and test its hooks in
//      test/crawler/families/. Nothing else changes: discovery and the routes ask the registry.

/** What a family is shown of a fetched list page. */
export interface FamilyPage {
  /** The URL the page was queued under (its frontier key). */
  url: string;
  /** Where the page was fetched from after redirects: the base of its relative links. */
  finalUrl: string;
  /** The body as text (HTML, or the text of a JSON answer). */
  body: string;
  /** The context of the page's frontier entry (what the linking page knew, what the family noted). */
  context: Record<string, unknown>;
}

/** A link read from a page's data rather than its anchors; `href` may be relative to the page. */
export interface ListedLink {
  href: string;
  text: string;
  title?: string;
}

/** Another list page a family asks for (a dataproxy page, the next page of an API). */
export interface ListRequest {
  url: string;
  linkText: string;
  /** True when the page lies inside a report column, whatever the area of the page asking for it. */
  inReportColumn?: boolean;
  /** Context the family reads back when that page arrives. */
  context?: Record<string, unknown>;
}

/** A list as a family read it from a page's data. */
export interface ListData {
  /** The list's links; they are classified as links of a report column. */
  links: ListedLink[];
  /** Further list pages to fetch. */
  requests: ListRequest[];
}

/** Where a page sits in a book: the book's key URL and the page number. */
export interface BookPlace {
  base: string;
  page: number;
}

/** A report published as a book of pages (a flipbook): how to find, fetch and join its pages. */
export interface PagedReport {
  /** The first page of the book this page belongs to or opens (a viewer), or null. */
  firstPage(url: string, html: string, finalUrl: string): string | null;
  /** Where a page URL sits in its book, or null when the URL is no page of a book. */
  pageOf(url: string): BookPlace | null;
  /** The URL of page `page` of the book at `base`. */
  pageUrl(base: string, page: number): string;
  /** How many pages a page's HTML says the book has (its pager), at least `page`. */
  pageCount(html: string, page: number): number;
  /** One HTML document of the pages in page order, for the parser. */
  assemble(pages: { page: number; html: string }[], title: string | null): string;
}

/** One portal family: a name and the hooks where it differs from the generic rules. */
export interface PortalFamily {
  /** A short name, for the README, logs and tests. */
  readonly name: string;
  /** Other pages of the same list from the family's own pager (TRS createPageHTML, a base64 pager). */
  listPages?(html: string, pageUrl: string, links: readonly { url: string; text: string }[]): string[];
  /** The list held in a page's data rather than its anchors (a Hanweb datastore, a gkmlpt shell); null when not the family's page. */
  listData?(page: FamilyPage): ListData | null;
  /** The list in a JSON answer (a gkmlpt API page); null when the answer is not the family's. */
  jsonListData?(page: FamilyPage, json: unknown): ListData | null;
  /** Path or query pieces of the family's column pages: such a link is worth a point more. */
  columnPath?: RegExp;
  /** True when the URL's fragment names the page (a single-page app): the frontier key keeps it. */
  keepsFragment?(url: URL): boolean;
  /** The real file name a download URL carries in its query (Hanweb's `showname=`). */
  attachmentName?(url: URL): string | undefined;
  /** True for a page that repeats another one (a TRS mobile twin): recorded, never fetched. */
  isTwinPage?(url: URL): boolean;
  /** Set by a family that publishes a report as a book of pages. */
  pagedReport?: PagedReport;
}
