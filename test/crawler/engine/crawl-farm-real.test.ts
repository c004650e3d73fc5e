// The crawler against real portal markup (test/farm-real, issue 13): every report found on every
// family, no look-alike stored as a report, the browser used where a pager only scripts follow and
// nowhere else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreRealCrawl, startRealFarm, type PortalScore, type RealFarm } from '../../farm-real/index.ts';
import { openArchive, upsertPortal, type Archive } from '../../../storage/index.ts';
import { runCrawl } from '../../../crawler/index.ts';

let farm: RealFarm;
let archive: Archive;
let scores: PortalScore[];

// A short delay passed explicitly (the default is 2 s per host), one request at a time per host.
const SETTINGS = { politenessDelaySecs: 0.05, perHostConcurrency: 1, portalConcurrency: 8, requestTimeoutSecs: 10, maxBackoffSecs: 2, useBrowser: true };

before(async () => {
  farm = await startRealFarm();
  archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-farm-real-')), 'archive.sqlite'));
  const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name }));
  const summary = await runCrawl({ archive, portals, settings: SETTINGS });
  scores = scoreRealCrawl(farm, archive, portals, summary.tallies);
});

after(async () => {
  archive?.close();
  await farm?.stop();
});

test('every true report on every family of the real-markup farm is found', () => {
  const missing = scores.flatMap((s) => s.missing.map((m) => `${s.id}: ${m}`));
  assert.deepEqual(missing, [], `found ${scores.reduce((n, s) => n + s.found, 0)} of ${farm.truth.length}`);
  const families = new Set(scores.filter((s) => s.truth > 0).map((s) => s.family));
  // The flipbook is a family of its own, inside the JSP portal.
  assert.ok(families.size + 1 >= 8, `families: ${[...families]}`);
});

test('no look-alike of the real-markup farm is stored as a report', () => {
  assert.deepEqual(scores.flatMap((s) => s.lookalikesStored), []);
});

test('the browser is used on the portals whose pagers only scripts follow, and on no other', () => {
  assert.deepEqual(scores.filter((s) => s.usedBrowser).map((s) => s.id), scores.filter((s) => s.needsBrowser).map((s) => s.id));
});

test('pages fetched per report stay near the target (≤ 3 across the farm)', () => {
  const requests = scores.reduce((n, s) => n + s.requests, 0);
  const found = scores.reduce((n, s) => n + s.found, 0);
  assert.ok(requests / found <= 3.5, `${requests} requests for ${found} reports`);
});
