// A portal's scope: the hosts the crawl of one portal may call. Pages stay on the portal's own host
// and the sub-domains of its site (township and department sub-sites); attachments may also come
// from the portal's registrable domain (a file server `file.xx.gov.cn` beside `www.dept.xx.gov.cn`);
// anything else only when the registry lists it in the portal's `allow_hosts` (or `--allow-host`).
// Addresses: a host may not resolve to a loopback, private or link-local address unless the
// portal itself is on one (the test farm on 127.0.0.x, an intranet portal) — otherwise a link or a
// redirect would let a crawled page reach services of the crawl machine's network.

/** What one portal's crawl may reach. */
export interface PortalScope {
  portalUrl: string;
  /** The portal's host (with port). */
  portalHost: string;
  /** Host names whose sub-domains are pages of the site (none for a portal on a bare IP). */
  siteDomain: string | null;
  /** The registrable domain attachments may come from (`xx.gov.cn`), null for a bare IP. */
  fileDomain: string | null;
  /** Extra hosts from the registry: `host`, `host:port`, or `*.domain` (the domain and its sub-domains). */
  allowHosts: string[];
}

/** Second-level labels under which the registrable domain has three labels (`xx.gov.cn`, `xx.com.cn`). */
const SECOND_LEVEL = new Set(['gov', 'com', 'net', 'org', 'edu', 'ac', 'mil']);

function isIpLiteral(hostname: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[');
}

/** The registrable domain of a host name: `www.dept.xx.gov.cn` → `xx.gov.cn`, `www.example.org` → `example.org`. */
export function registrableDomain(hostname: string): string | null {
  if (isIpLiteral(hostname)) return null;
  const labels = hostname.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return hostname.toLowerCase();
  const keep = labels.length >= 3 && labels[labels.length - 1].length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** Normalises one allow-list entry (`https://files.x.cn/`, `FILES.x.cn`, `*.x.cn`); null when it is not a host. */
export function normaliseAllowHost(entry: string): string | null {
  let value = entry.trim().toLowerCase();
  if (!value) return null;
  const wildcard = value.startsWith('*.');
  if (wildcard) value = value.slice(2);
  if (/^https?:\/\//.test(value)) {
    try { value = new URL(value).host; } catch { return null; }
  }
  value = value.replace(/\/.*$/, '');
  if (!/^(\[[0-9a-f:]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?$/.test(value)) return null;
  return wildcard ? `*.${value}` : value;
}

/** The scope of a portal, with the registry's (and the command line's) extra hosts. */
export function scopeOf(portalUrl: string, allowHosts: string[] = []): PortalScope {
  const portal = new URL(portalUrl);
  const ip = isIpLiteral(portal.hostname);
  return {
    portalUrl, portalHost: portal.host,
    siteDomain: ip ? null : portal.hostname.replace(/^www\./, ''),
    fileDomain: ip ? null : registrableDomain(portal.hostname),
    allowHosts: allowHosts.map(normaliseAllowHost).filter((h): h is string => h !== null),
  };
}

function withinDomain(hostname: string, domain: string | null): boolean {
  return domain !== null && (hostname === domain || hostname.endsWith(`.${domain}`));
}

/** True when the registry's allow-list names this URL's host. */
function allowListed(url: URL, scope: PortalScope): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return scope.allowHosts.some((entry) => (entry.startsWith('*.') ? withinDomain(hostname, entry.slice(2)) : entry === host || entry === hostname));
}

/** Why a URL is out of the portal's scope for this kind of fetch, or null when it is in scope. */
export function outOfScopeReason(url: string, scopeOrPortalUrl: PortalScope | string, kind: 'page' | 'attachment'): string | null {
  const scope = typeof scopeOrPortalUrl === 'string' ? scopeOf(scopeOrPortalUrl) : scopeOrPortalUrl;
  let target: URL;
  try { target = new URL(url); } catch { return 'not a URL'; }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return `${target.protocol} URL`;
  if (target.host === scope.portalHost) return null;
  if (allowListed(target, scope)) return null;
  const hostname = target.hostname.toLowerCase();
  if (withinDomain(hostname, scope.siteDomain)) return null;
  if (kind === 'attachment' && withinDomain(hostname, scope.fileDomain)) return null;
  return `host ${target.host} is outside the portal's scope`;
}

/** True when the portal's crawl may fetch this URL as a page (or as an attachment). */
export function isInScope(url: string, scopeOrPortalUrl: PortalScope | string, kind: 'page' | 'attachment'): boolean {
  return outOfScopeReason(url, scopeOrPortalUrl, kind) === null;
}

/** What kind of network an address is on. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified';

function ipv4Class(address: string): AddressClass {
  const [a, b] = address.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19))) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224) return 'private'; // multicast and reserved: never a portal on the internet
  return 'public';
}

function hexPairToIpv4(high: string, low: string): string {
  const [h, l] = [parseInt(high, 16), parseInt(low, 16)];
  return [h >> 8, h & 0xff, l >> 8, l & 0xff].join('.');
}

/** The class of an IPv4 or IPv6 address. */
export function addressClass(address: string): AddressClass {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ipv4Class(ip);
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return ipv4Class(mapped[1]);
  // The same IPv4-mapped address in hex, as URLs write it (http://[::ffff:10.0.0.1]/ is [::ffff:a00:1]),
  // and the NAT64 prefix, which a network with DNS64 routes to the IPv4 address inside.
  const mappedHex = ip.match(/^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (mappedHex) return ipv4Class(hexPairToIpv4(mappedHex[1], mappedHex[2]));
  if (ip === '::1') return 'loopback';
  if (ip === '::') return 'unspecified';
  if (/^f[cd]/.test(ip)) return 'private';
  if (/^fe[89ab]/.test(ip)) return 'link-local';
  return 'public';
}

/**
 * Decides which addresses a portal's crawl may connect to. A public address is always fine. The
 * portal's own host may be anywhere (it is what the operator registered), and the classes of
 * address it resolves to become allowed for the other hosts of its scope too (the test farm's
 * 127.0.0.x); any other non-public address is refused.
 */
export class AddressGuard {
  private allowed = new Set<AddressClass>(['public']);

  constructor(private readonly scope: PortalScope) {
    const hostname = new URL(scope.portalUrl).hostname;
    if (isIpLiteral(hostname)) this.allowed.add(addressClass(hostname));
    if (hostname === 'localhost') this.allowed.add('loopback');
  }

  /** A refusal for connecting to `address` on behalf of `hostname`, or null. */
  check(address: string, hostname: string): { code: 'private_address'; detail: string } | null {
    const kind = addressClass(address);
    const portalHostname = new URL(this.scope.portalUrl).hostname.replace(/^\[|\]$/g, '');
    if (hostname.replace(/^\[|\]$/g, '') === portalHostname) {
      this.allowed.add(kind);
      return null;
    }
    if (this.allowed.has(kind)) return null;
    return { code: 'private_address', detail: `${hostname} resolves to ${kind} address ${address}` };
  }
}
