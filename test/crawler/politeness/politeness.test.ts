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

test('backoff-decays-after-successes: a 429/5xx back-off halves per good answer back to the host\'s own gap', () => {
  const pacer = new HostPacer(100, 120_000);
  for (let i = 0; i < 12; i++) pacer.backOff('storm');
  assert.equal(pacer.delayFor('storm'), 120_000, 'a storm drives the gap to the cap');
  let answers = 0;
  while (pacer.delayFor('storm') > 100 && answers < 100) { pacer.recover('storm'); answers++; }
  assert.equal(pacer.delayFor('storm'), 100, 'back to the base delay');
  assert.ok(answers <= 12, `decayed within a dozen good answers (${answers})`);
  // A host with its own Crawl-delay decays to that, not below.
  pacer.setHostDelay('slow', 3000);
  pacer.backOff('slow');
  pacer.backOff('slow');
  for (let i = 0; i < 20; i++) pacer.recover('slow');
  assert.equal(pacer.delayFor('slow'), 3000);
  // Retry-After is honoured by the back-off, and decays like any other.
  pacer.backOff('ra', 30);
  assert.equal(pacer.delayFor('ra'), 30_000);
  pacer.recover('ra');
  assert.equal(pacer.delayFor('ra'), 15_000);
});

test('a blocked event loop does not let two booked turns of one host start together', async () => {
  const pacer = new HostPacer(100, 10_000);
  const started: number[] = [];
  await pacer.waitTurn('a.example');
  started.push(Date.now());
  const turns = [1, 2, 3].map(() => pacer.waitTurn('a.example').then(() => started.push(Date.now())));
  // Block the loop past the next bookings (100, 200 and 300 ms): their timers come due together.
  const until = Date.now() + 350;
  while (Date.now() < until) { /* a long synchronous page analysis */ }
  await Promise.all(turns);
  const gaps = started.slice(1).map((t, i) => t - started[i]);
  assert.ok(Math.min(...gaps) >= 99, `turns at least one gap apart, got gaps ${gaps.join(', ')} ms`);
});
