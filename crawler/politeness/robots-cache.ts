// The robots.txt policy of each host a portal crawl touches, fetched on first use; the portal's
// own robots.txt is kept in the registry.
import { updatePortal } from '../../storage/index.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import { loadRobots } from './robots-loader.ts';
import type { RobotsPolicy } from './robots.ts';
import { hostOf } from '../discovery/urls.ts';
import { fetchPolicyOf } from '../engine/guards.ts';

const pending = new WeakMap<PortalCrawlState, Map<string, Promise<RobotsPolicy>>>();

/** The policy for the host of `url`, loading it once (and applying its Crawl-delay to the pacer). */
export async function robotsFor(state: PortalCrawlState, url: string): Promise<RobotsPolicy> {
  const host = hostOf(url);
  const known = state.robots.get(host);
  if (known) return known;
  let loads = pending.get(state);
  if (!loads) pending.set(state, (loads = new Map()));
  let load = loads.get(host);
  if (!load) {
    load = (async () => {
      const origin = new URL(url).origin;
      const policy = fetchPolicyOf(state, state.settings.maxRobotsBytes);
      const loaded = await loadRobots(origin, state.settings.userAgent, state.pacer, policy.timeoutMs, policy);
      if (state.settings.honourCrawlDelay && loaded.policy.crawlDelaySecs !== undefined) state.pacer.setHostDelay(host, loaded.policy.crawlDelaySecs * 1000);
      if (host === hostOf(state.portal.url) && loaded.text !== null) updatePortal(state.archive, state.portal.id, { robotsTxt: loaded.text });
      state.robots.set(host, loaded.policy);
      return loaded.policy;
    })();
    loads.set(host, load);
  }
  return load;
}
