// The shapes the portal farm is built from: a reply to a request, a portal's route table, and the
// truth the farm knows about what it serves.

export interface FarmRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Milliseconds to wait before answering (a slow host). */
  delayMs?: number;
  /** Last-Modified of the resource; the farm answers 304 to matching conditional requests. */
  lastModified?: string;
}

export type Route = (req: FarmRequest) => Reply | undefined;

export interface TrueReport {
  portalId: string;
  organ: string;
  year: number;
  template: '2021' | '2019' | 'legacy';
  /** The report page, when the report has one (attachment-only reports have none). */
  pageUrl?: string;
  attachmentUrls: string[];
  formats: string[];
}

export interface FarmPortal {
  id: string;
  name: string;
  family: string;
  host: string;
  baseUrl: string;
  homeUrl: string;
  /** The administrative-division code of the county (or prefecture) the portal belongs to. */
  divisionCode: string;
  notes: string;
}

/** What a portal builder registers while it lays out its pages. */
export interface BuildContext {
  night: number;
  baseUrl: string;
  portalId: string;
  addReport(report: Omit<TrueReport, 'portalId'>): void;
  addLookalike(url: string): void;
  forbid(url: string): void;
}

export interface PortalDefinition {
  id: string;
  name: string;
  family: string;
  divisionCode: string;
  notes: string;
  /** Builds the portal's routes (path → reply, or a function for dynamic paths). */
  build(ctx: BuildContext): { pages: Map<string, Reply>; dynamic?: Route };
  challenge?: boolean;
  slowDelayMs?: number;
}
