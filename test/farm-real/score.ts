// Scores a crawl of the real-markup farm, per portal: recall of the true reports, look-alikes stored
// as reports, pages fetched per report found, whether the browser was used. Shared by the test and
// scripts/bench-crawl-real.ts.
import { runReadOnlyQuery, type Archive, type Portal } from '../../storage/index.ts';
import type { PortalTally } from '../../crawler/index.ts';
import type { RealFarm } from './index.ts';

export interface PortalScore {
  id: string;
  family: string;
  truth: number;
  found: number;
  missing: string[];
  lookalikesStored: string[];
  requests: number;
  pagesPerReport: number;
  usedBrowser: boolean;
  needsBrowser: boolean;
}

export function scoreRealCrawl(farm: RealFarm, archive: Archive, portals: Portal[], tallies: Map<number, PortalTally>): PortalScore[] {
  const lookalikes = new Set(farm.lookalikes);
  const stored = new Set([...runReadOnlyQuery(archive, 'SELECT c.url FROM reports r JOIN captures c ON c.id = r.capture_id').rows].map((r) => String(r[0])));
  return farm.portals.map((fp) => {
    const portal = portals.find((p) => p.url === fp.homeUrl)!;
    const tally = tallies.get(portal.id)!;
    const truth = farm.truth.filter((t) => t.portalId === fp.id);
    const missing = truth.filter((t) => !tally.reports.some((r) => (r.url === t.url || r.pageUrl === t.url) && r.year === t.year)).map((t) => `${t.organ} ${t.year} ${t.url}`);
    const requests = farm.requests.filter((r) => r.host === fp.host).length;
    const found = truth.length - missing.length;
    return {
      id: fp.id, family: fp.family, truth: truth.length, found, missing,
      lookalikesStored: [...stored].filter((u) => lookalikes.has(u) && u.startsWith(fp.homeUrl.replace(/\/$/, ''))),
      requests, pagesPerReport: found ? requests / found : Infinity, usedBrowser: Boolean(tally.usedBrowser), needsBrowser: fp.needsBrowser,
    };
  });
}
