// In Chromium a page's scripts choose where the browser connects: a hostile page could make it
// fetch from the crawling machine's own network (a router, a cloud metadata address, a service on
// loopback). The HTTP pass checks every address a host resolves to (bounded-fetch.ts); here every
// request the page makes is checked the same way (guards.addresses: public addresses, plus the
// class of the portal's own address) before Chromium is let through, and refused ones are aborted
// unsent. Other hosts stay allowed (pages load their scripts from CDNs and provincial sites).
// Chromium resolves again for itself, so a host that changes its answer between the two lookups is
// not caught here: this closes literal addresses and names that resolve to private ones.
import { lookup } from 'node:dns/promises';
import type { AddressGuard } from '../discovery/scope.ts';

/** A check of the URLs Chromium is about to fetch: a refusal's detail, or null; one lookup per host. */
export function browserAddressCheck(guard: AddressGuard): (url: string) => Promise<string | null> {
  const byHost = new Map<string, Promise<string | null>>();
  return (url) => {
    let parsed: URL;
    try { parsed = new URL(url); } catch { return Promise.resolve(null); }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.resolve(null);
    const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
    let verdict = byHost.get(hostname);
    if (!verdict) {
      verdict = lookup(hostname, { all: true, verbatim: true }).then(
        (answers) => answers.map((a) => guard.check(a.address, hostname)).find((r) => r !== null)?.detail ?? null,
        () => null, // unresolvable: Chromium fails the request itself
      );
      byHost.set(hostname, verdict);
    }
    return verdict;
  };
}
