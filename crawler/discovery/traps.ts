// Crawler traps: pages that would eat the page budget night after night. A page offering more links
// to follow than any listing needs (10,000 "reports" on one page), and one path answering endless
// query values (a calendar's `?date=…` forever, `?page=N` without end). Pure: the trap guard of one
// portal's crawl sees each page's discoveries before they reach the frontier, keeps what is
// reasonable, drops the rest and says what it found.
import type { Discovery } from './discover.ts';

/** One trap found, with the page (or the URL pattern) and what was dropped. */
export interface TrapNote {
  kind: 'link-flood' | 'endless-pattern';
  url: string;
  detail: string;
}

/** The pattern of URLs that differ only in query values: host, path and the query's keys. */
export function urlPattern(url: string): string | null {
  const parsed = new URL(url);
  const keys = [...new Set(parsed.searchParams.keys())].sort();
  if (keys.length === 0) return null;
  return `${parsed.host}${parsed.pathname}?${keys.join('&')}`;
}

/** Watches one portal's crawl for traps. */
export class TrapGuard {
  private readonly patterns = new Map<string, Set<string>>();
  private readonly flagged = new Set<string>();

  constructor(private readonly maxLinksPerPage: number, private readonly maxUrlsPerPattern: number) {}

  /** The discoveries of one page to record, and the traps they revealed. */
  filter(pageUrl: string, discoveries: Discovery[]): { kept: Discovery[]; traps: TrapNote[] } {
    const traps: TrapNote[] = [];
    const followed = discoveries.filter((d) => !d.skipReason);
    const skipped = discoveries.filter((d) => d.skipReason);
    let kept = followed;
    if (followed.length > this.maxLinksPerPage) {
      kept = followed.slice(0, this.maxLinksPerPage);
      traps.push({ kind: 'link-flood', url: pageUrl, detail: `${followed.length} links to follow on one page; the first ${this.maxLinksPerPage} kept` });
    }
    const result: Discovery[] = [];
    for (const d of kept) {
      const pattern = urlPattern(d.url);
      if (pattern === null) { result.push(d); continue; }
      let seen = this.patterns.get(pattern);
      if (!seen) this.patterns.set(pattern, (seen = new Set()));
      if (seen.has(d.url)) { result.push(d); continue; }
      if (seen.size >= this.maxUrlsPerPattern) {
        if (!this.flagged.has(pattern)) {
          this.flagged.add(pattern);
          traps.push({ kind: 'endless-pattern', url: pattern, detail: `more than ${this.maxUrlsPerPattern} URLs differing only in query values (first seen on ${pageUrl}); the rest dropped` });
        }
        continue;
      }
      seen.add(d.url);
      result.push(d);
    }
    result.push(...skipped.slice(0, this.maxLinksPerPage));
    return { kept: result, traps };
  }
}
