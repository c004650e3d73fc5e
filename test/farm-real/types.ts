// The shapes of the real-markup farm: a portal is a folder of ../shared/corpus/portals served as it
// is (hosts rewritten when served), plus the pages the corpus lacks, written in that family's format
// and marked as written.
export interface RealRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

/** One served resource. `corpus` files are read from ../shared at serve time; `written` ones are ours. */
export type Resource =
  | { kind: 'corpus'; file: string; charset: Charset; contentType?: string }
  | { kind: 'written'; body: string | Buffer; charset?: Charset; contentType?: string; status?: number; headers?: Record<string, string> };

export type Charset = 'utf-8' | 'gbk' | 'utf-16le' | 'binary';

export interface RealTruth {
  portalId: string;
  organ: string;
  year: number;
  /** The report page, or the attachment when the report is a file only. */
  url: string;
}

/** What a portal definition registers while it lays out its pages. */
export interface RealBuild {
  /** This portal's base URL on loopback (http://127.0.1.N:port). */
  baseUrl: string;
  /** Served path (with query) → resource. */
  pages: Map<string, Resource>;
  report(organ: string, year: number, path: string): void;
  lookalike(path: string): void;
}

export interface RealPortalDefinition {
  id: string;
  /** The CMS family, as in crawler/families and ../shared/corpus/portals/MANIFEST.md. */
  family: string;
  name: string;
  /** The corpus folder the real pages come from. */
  corpus: string;
  /** The real hosts whose links are rewritten to this portal's loopback address. */
  realHosts: string[];
  /** What the portal shows, what is written, which failure kinds it carries. */
  notes: string;
  /** True when a crawl needs the browser to find every report here. */
  needsBrowser?: boolean;
  /** The encoding of the folder's static/js includes (GBK on 湘潭). */
  includeCharset?: Charset;
  build(b: RealBuild): void;
  /** Answers for dynamic paths (a POST search API, a dataproxy). */
  dynamic?(req: RealRequest, baseUrl: string): Resource | undefined;
}
