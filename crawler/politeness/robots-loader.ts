// Fetches a host's robots.txt once per crawl (politely, with our User-Agent) and keeps the policy.
// Read with a small cap (the first maxBytes count, the rest is ignored) and the crawl's timeout,
// redirect hops and addresses checked like any other request.
import { ALLOW_ALL, parseRobots, type RobotsPolicy } from './robots.ts';
import type { HostPacer } from './host-pacer.ts';
import { boundedFetch, type BoundedRequest } from '../responses/bounded-fetch.ts';

/** The bounds of a robots.txt fetch. */
export interface RobotsFetchBounds {
  maxBytes: number;
  checkUrl?: BoundedRequest['checkUrl'];
  checkAddress?: BoundedRequest['checkAddress'];
}

/** The largest robots.txt read when no bound is given (RFC 9309 asks crawlers to read at least 500 KiB). */
export const DEFAULT_ROBOTS_BYTES = 512 * 1024;

/** What a robots.txt fetch gave: the policy, and the text when there was one. */
export interface LoadedRobots { policy: RobotsPolicy; text: string | null; status: number | null }

/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = 'nianbao';

/**
 * Fetches `origin/robots.txt`. A 4xx means no rules (allow all); a 5xx or network error also
 * allows all but says so, since refusing a whole site for a broken robots.txt loses reports.
 */
export async function loadRobots(origin: string, userAgent: string, pacer: HostPacer, timeoutMs: number, bounds: RobotsFetchBounds = { maxBytes: DEFAULT_ROBOTS_BYTES }): Promise<LoadedRobots> {
  const url = new URL('/robots.txt', origin);
  await pacer.waitTurn(url.host);
  try {
    const response = await boundedFetch({
      url: url.toString(), headers: { 'user-agent': userAgent }, timeoutMs, maxBytes: bounds.maxBytes, overflow: 'truncate',
      checkUrl: bounds.checkUrl, checkAddress: bounds.checkAddress,
    });
    if (response.statusCode < 200 || response.statusCode > 299) return { policy: ALLOW_ALL, text: null, status: response.statusCode };
    const text = new TextDecoder('utf-8').decode(response.body);
    return { policy: parseRobots(text, ROBOTS_TOKEN), text, status: response.statusCode };
  } catch {
    return { policy: ALLOW_ALL, text: null, status: null };
  } finally {
    pacer.markDone(url.host);
  }
}
