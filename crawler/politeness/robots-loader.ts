// Fetches a host's robots.txt once per crawl (politely, with our User-Agent) and keeps the policy.
import { ALLOW_ALL, parseRobots, type RobotsPolicy } from './robots.ts';
import type { HostPacer } from './host-pacer.ts';

/** What a robots.txt fetch gave: the policy, and the text when there was one. */
export interface LoadedRobots { policy: RobotsPolicy; text: string | null; status: number | null }

/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = 'nianbao';

/**
 * Fetches `origin/robots.txt`. A 4xx means no rules (allow all); a 5xx or network error also
 * allows all but says so, since refusing a whole site for a broken robots.txt loses reports.
 */
export async function loadRobots(origin: string, userAgent: string, pacer: HostPacer, timeoutMs: number): Promise<LoadedRobots> {
  const url = new URL('/robots.txt', origin);
  await pacer.waitTurn(url.host);
  try {
    const response = await fetch(url, { headers: { 'user-agent': userAgent }, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (!response.ok) return { policy: ALLOW_ALL, text: null, status: response.status };
    const text = (await response.text()).slice(0, 500_000);
    return { policy: parseRobots(text, ROBOTS_TOKEN), text, status: response.status };
  } catch {
    return { policy: ALLOW_ALL, text: null, status: null };
  }
}
