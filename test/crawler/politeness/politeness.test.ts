// Politeness: robots.txt rules and Crawl-delay, the per-host pacer and its back-off, Retry-After,
// and the settings that drive them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRobots } from '../../../crawler/politeness/robots.ts';
import { HostPacer, retryAfterSecs } from '../../../crawler/politeness/host-pacer.ts';
import { resolveSettings, SettingsError } from '../../../crawler/engine/settings.ts';

test('robots.txt: groups, longest match, wildcards, Crawl-delay', () => {
  const robots = parseRobots('User-agent: badbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nAllow: /private/open/\nDisallow: /*.jsp$\nCrawl-delay: 3\n', 'nianbao');
  assert.equal(robots.isAllowed('http://h/private/x.html'), false);
  assert.equal(robots.isAllowed('http://h/private/open/a.html'), true);
  assert.equal(robots.isAllowed('http://h/search.jsp'), false);
  assert.equal(robots.isAllowed('http://h/search.jsp?q=1'), true);
  assert.equal(robots.isAllowed('http://h/zwgk/'), true);
  assert.equal(robots.crawlDelaySecs, 3);
  const own = parseRobots('User-agent: nianbao\nDisallow: /a/\nUser-agent: *\nDisallow: /\n', 'nianbao');
  assert.equal(own.isAllowed('http://h/b/'), true);
  assert.equal(own.isAllowed('http://h/a/1'), false);
});

test('politeness: pacer spaces starts per host and backs off; Retry-After read; settings checked', async () => {
  const pacer = new HostPacer(60, 1000);
  const started: number[] = [];
  const t0 = Date.now();
  await Promise.all([0, 1, 2].map(async () => { await pacer.waitTurn('a'); started.push(Date.now() - t0); }));
  started.sort((a, b) => a - b);
  assert.ok(started[1] - started[0] >= 50 && started[2] - started[1] >= 50, `starts ${started}`);
  pacer.backOff('a');
  assert.ok(pacer.delayFor('a') >= 250);
  assert.equal(retryAfterSecs('7'), 7);
  assert.throws(() => resolveSettings({ maxPagesPerPortal: 0 }), SettingsError);
  assert.throws(() => resolveSettings({ politenessDelaySecs: -1 }), SettingsError);
  assert.equal(resolveSettings().politenessDelaySecs, 2);
});

test('crawl-delay-learned-after-robots-request: the first page after robots.txt waits the Crawl-delay, not the base gap', async () => {
  const pacer = new HostPacer(50, 5000);
  const t0 = Date.now();
  await pacer.waitTurn('h'); // the robots.txt request, booked with the base gap
  pacer.setHostDelay('h', 400); // its Crawl-delay, read from the answer
  await pacer.waitTurn('h');
  const gap = Date.now() - t0;
  assert.ok(gap >= 390, `first page came ${gap} ms after robots.txt`);
});
