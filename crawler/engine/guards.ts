// The safety guards of one portal's crawl, made on first use: the portal's scope (its domain, the
// registry's allow_hosts, --allow-host), which addresses it may connect to, the trap guard, and the
// bounds every HTTP exchange gets (timeout, byte cap, scope of every redirect hop).
import type { PortalCrawlState } from './crawl-state.ts';
import { AddressGuard, outOfScopeReason, scopeOf, type PortalScope } from '../discovery/scope.ts';
import { TrapGuard } from '../discovery/traps.ts';
import type { FetchPolicy } from '../responses/http-client.ts';

/** What guards one portal's crawl. */
export interface CrawlGuards {
  scope: PortalScope;
  addresses: AddressGuard;
  traps: TrapGuard;
}

const made = new WeakMap<PortalCrawlState, CrawlGuards>();

/** The guards of this portal's crawl. */
export function guardsOf(state: PortalCrawlState): CrawlGuards {
  let guards = made.get(state);
  if (!guards) {
    const scope = scopeOf(state.portal.url, [...(state.portal.allowHosts ?? []), ...(state.settings.allowHosts ?? [])]);
    guards = { scope, addresses: new AddressGuard(scope), traps: new TrapGuard(state.settings.maxLinksPerPage, state.settings.maxUrlsPerPattern) };
    made.set(state, guards);
  }
  return guards;
}

/** The bounds of every HTTP exchange of this crawl: the request timeout, the byte cap, scope and address checks. */
export function fetchPolicyOf(state: PortalCrawlState, maxBytes = state.settings.maxAttachmentBytes): FetchPolicy {
  const { scope, addresses } = guardsOf(state);
  return {
    timeoutMs: state.settings.requestTimeoutSecs * 1000,
    maxBytes,
    checkUrl: (url) => {
      const reason = outOfScopeReason(url, scope, 'attachment');
      return reason ? { code: 'out_of_scope', detail: `redirect or request to ${url}: ${reason}` } : null;
    },
    checkAddress: (address, host) => addresses.check(address, host),
  };
}
