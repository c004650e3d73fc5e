// What one portal's crawl knows while it runs: the archive, the portal, settings, politeness,
// robots.txt, the page budget, what it found and why it skipped or failed things.
import type { Archive, FrontierEntry, Portal } from '../../storage/index.ts';
import type { DocumentParser } from '../../parsers/index.ts';
import type { CrawlSettings } from './settings.ts';
import type { HostPacer } from '../politeness/host-pacer.ts';
import type { RobotsPolicy } from '../politeness/robots.ts';
import type { TrapNote } from '../discovery/traps.ts';

export type { TrapNote } from '../discovery/traps.ts';

/** A report the crawl found: the document parsed as a report, and where it came from. */
export interface FoundReport {
  organ: string | null;
  year: number | null;
  template: string | null;
  title: string | null;
  url: string;
  label: 'report' | 'attachment';
  /** The report page that links an attachment, when there is one. */
  pageUrl: string | null;
  captureId: number;
  isNew: boolean;
}

/** One URL not fetched, or fetched without success, with the reason. */
export interface UrlNote { url: string; reason: string }

/** Counters and findings of one portal's crawl. */
export interface PortalTally {
  fetched: number;
  notModified: number;
  newCaptures: number;
  changedCaptures: number;
  reports: FoundReport[];
  skipped: UrlNote[];
  failed: UrlNote[];
  /** Entries left queued because the page budget ran out. */
  deferred: number;
  /** Scans stored unread for a later OCR pass (--ocr-later). */
  ocrDeferred: number;
  blockedReason: string | null;
  usedBrowser: boolean;
  /** URLs not fetched because they left the portal's scope (a link, a redirect hop, a private address). */
  refused: UrlNote[];
  /** Traps found (a page with thousands of links, an endless calendar); a crawl with traps exits 1. */
  traps: TrapNote[];
}

/** Shared state of one portal's crawl, handed to every route handler. */
export interface PortalCrawlState {
  archive: Archive;
  portal: Portal;
  runId: number;
  settings: CrawlSettings;
  pacer: HostPacer;
  robots: Map<string, RobotsPolicy>;
  tally: PortalTally;
  /** Set when a challenge answered: the rest of this portal waits for another night. */
  blocked: boolean;
  /** Fetches still allowed in this run. */
  budgetLeft: number;
  log: (line: string) => void;
  /** Tells the running fetcher that new frontier entries are queued (it reads them from the frontier). */
  enqueue: (entries: FrontierEntry[]) => Promise<void>;
  /** Parses documents off the fetch path (the run's worker pool), when parsing while crawling. */
  parser: DocumentParser | null;
  /** Runs a piece of archive writing in the run's next batched transaction. */
  write: <T>(work: () => T) => Promise<T>;
  /** Parses started and not yet recorded (attachments parse while fetching goes on). */
  pendingParses: Set<Promise<void>>;
}

/** An empty tally. */
export function newTally(): PortalTally {
  return { fetched: 0, notModified: 0, newCaptures: 0, changedCaptures: 0, reports: [], skipped: [], failed: [], deferred: 0, ocrDeferred: 0, blockedReason: null, usedBrowser: false, refused: [], traps: [] };
}
