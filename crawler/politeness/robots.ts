// robots.txt: which paths a crawler may fetch and how long it should wait between requests.
// Written for the common subset (groups by User-agent, Allow/Disallow with * and $, Crawl-delay);
// the longest matching rule wins, as in RFC 9309.

interface Rule { allow: boolean; pattern: string }
interface Group { agents: string[]; rules: Rule[]; crawlDelaySecs?: number }

/** What one host's robots.txt says for our user agent. */
export interface RobotsPolicy {
  isAllowed(url: string): boolean;
  crawlDelaySecs: number | undefined;
}

/** A policy that allows everything (no robots.txt, or it could not be read). */
export const ALLOW_ALL: RobotsPolicy = { isAllowed: () => true, crawlDelaySecs: undefined };

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const match = line.match(/^([A-Za-z-]+)\s*:\s*(.*)$/);
    if (!match) continue;
    const key = match[1].toLowerCase();
    const value = match[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (value) current.rules.push({ allow: key === 'allow', pattern: value });
    } else if (key === 'crawl-delay') {
      const secs = Number(value);
      if (Number.isFinite(secs) && secs >= 0) current.crawlDelaySecs = secs;
    }
  }
  return groups;
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
}

function groupFor(groups: Group[], productToken: string): Group | undefined {
  const token = productToken.toLowerCase();
  return groups.find((g) => g.agents.some((a) => a !== '*' && token.includes(a))) ?? groups.find((g) => g.agents.includes('*'));
}

/** Parses robots.txt text for the crawler whose product token is `productToken` (e.g. "nianbao"). */
export function parseRobots(text: string, productToken: string): RobotsPolicy {
  const group = groupFor(parseGroups(text), productToken);
  if (!group) return ALLOW_ALL;
  return {
    crawlDelaySecs: group.crawlDelaySecs,
    isAllowed(url: string): boolean {
      const parsed = new URL(url);
      const path = decodeURIComponent(parsed.pathname) + parsed.search;
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const rule of group.rules) {
        if (!patternMatches(rule.pattern, path) && !patternMatches(rule.pattern, parsed.pathname + parsed.search)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}
