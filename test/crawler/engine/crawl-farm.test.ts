// The crawler against the portal farm (test/farm): every true report of every family found, no
// look-alike stored as a report, challenge portals flagged, robots.txt and Crawl-delay respected,
// the honest User-Agent, and the second night fetching only what changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFarm, type Farm } from '../../farm/index.ts';
import { coverageMatrix, getPortal, openArchive, runReadOnlyQuery, showOrgan, upsertPortal, type Archive, type Portal } from '../../../storage/index.ts';
import { runCrawl, USER_AGENT, type PortalTally } from '../../../crawler/index.ts';

let farm: Farm;
let archive: Archive;
let portals: Portal[];
let night1: Awaited<ReturnType<typeof runCrawl>>;
let night1Requests: Farm['requests'];

// Fast but still polite in shape: one request at a time per host, a short delay, Crawl-delay honoured.
const SETTINGS = { politenessDelaySecs: 0.05, perHostConcurrency: 1, portalConcurrency: 16, requestTimeoutSecs: 10, maxBackoffSecs: 2 };

before(async () => {
  farm = await startFarm();
  archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-farm-')), 'archive.sqlite'));
  portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name, divisionCode: p.divisionCode }));
  night1 = await runCrawl({ archive, portals, settings: SETTINGS });
  night1Requests = [...farm.requests];
});

after(async () => {
  archive?.close();
  await farm?.stop();
});

function tallyOf(farmPortalId: string): PortalTally {
  const fp = farm.portals.find((p) => p.id === farmPortalId)!;
  const portal = portals.find((p) => p.url === fp.homeUrl)!;
  return night1.tallies.get(portal.id)!;
}

test('the demo\'s coverage: one row per organ, each with a division code, attributed to the portal of its division', () => {
  const { rows } = coverageMatrix(archive, { fromYear: 2013 });
  const seen = rows.filter((r) => Object.keys(r.reports).length > 0);
  assert.ok(seen.length >= 15, `${seen.length} organs with reports`);
  assert.deepEqual(seen.filter((r) => r.regionCode === null).map((r) => r.organ), [], 'every organ with a report has a division code');
  // One organ whatever the printed name: 韭园镇人民政府 / 扶沟县韭园镇人民政府, 洪泽区人民政府 / 淮安市洪泽区人民政府.
  assert.equal(rows.filter((r) => r.organ.includes('韭园镇')).length, 1);
  assert.equal(rows.filter((r) => r.regionCode === '320813').length, 1);
  const printed = (name: string) => runReadOnlyQuery(archive, 'SELECT organ_id FROM organ_aliases WHERE name = :name', { name }).rows;
  assert.equal([...printed('洪泽区人民政府')][0]?.[0], [...printed('淮安市洪泽区人民政府')][0]?.[0]);
  // 沐阳县 (a misprint in the report) is 沭阳县, with the reason recorded.
  const shuyang = rows.find((r) => r.regionCode === '321322')!;
  assert.equal(shuyang.organ, '宿迁市沭阳县人民政府');
  assert.ok(showOrgan(archive, shuyang.organId)!.aliases.some((a) => a.name === '沐阳县人民政府' && a.reasons.some((x) => /misprint/.test(x))));
  // Attributed to the portal whose division holds the organ's, not to where a copy was first seen.
  const divisionOf = new Map(portals.map((p) => [p.id, getPortal(archive, p.id)!.divisionCode]));
  for (const row of seen) {
    const home = portals.find((p) => divisionOf.get(p.id) === row.regionCode!.slice(0, 6));
    if (home) assert.equal(row.portalId, home.id, `${row.organ} on portal ${row.portalId}, its county's portal is ${home.id}`);
  }
});

test('every true report page and attachment of every family is fetched and stored', () => {
  const stored = new Set([...runReadOnlyQuery(archive, 'SELECT url FROM captures WHERE sha256 IS NOT NULL AND status = 200').rows].map((r) => String(r[0])));
  const wanted = farm.truth.flatMap((t) => [t.pageUrl, ...t.attachmentUrls]).filter((u): u is string => Boolean(u));
  assert.deepEqual(wanted.filter((u) => !stored.has(u)), [], `${wanted.length} report URLs`);
});

test('every true report of every family is found (by its page or its attachment, with its year)', () => {
  const missing: string[] = [];
  for (const truth of farm.truth) {
    const reports = tallyOf(truth.portalId).reports;
    const hit = reports.some((r) => (r.url === truth.pageUrl || truth.attachmentUrls.includes(r.url) || r.pageUrl === truth.pageUrl) && r.year === truth.year);
    if (!hit) missing.push(`${truth.portalId}: ${truth.organ} ${truth.year} ${truth.pageUrl ?? truth.attachmentUrls[0]}`);
  }
  assert.deepEqual(missing, [], `found ${farm.truth.length - missing.length} of ${farm.truth.length}`);
  const families = new Set(farm.truth.map((t) => farm.portals.find((p) => p.id === t.portalId)!.family));
  assert.ok(families.size >= 10, `reports on ${families.size} families`);
});

test('no look-alike is stored as a report; look-alike links are not even fetched', () => {
  const lookalikes = new Set(farm.lookalikes);
  const reportUrls = [...runReadOnlyQuery(archive, 'SELECT c.url FROM reports r JOIN captures c ON c.id = r.capture_id').rows].map((r) => String(r[0]));
  assert.deepEqual(reportUrls.filter((u) => lookalikes.has(u)), []);
  const fetched = new Set(night1Requests.map((r) => `http://${r.host}:${new URL(farm.portals[0].homeUrl).port}${r.path}`));
  const fetchedLookalikes = farm.lookalikes.filter((u) => fetched.has(u));
  // A 指南 or a meeting notice may be reached as a page, but never as a report.
  assert.ok(fetchedLookalikes.length <= 2, `look-alikes fetched: ${fetchedLookalikes}`);
});

test('challenge portals are flagged as blocked, nothing from them parsed as a report', () => {
  for (const host of farm.challengeHosts) {
    const fp = farm.portals.find((p) => p.host === host)!;
    const portal = getPortal(archive, fp.homeUrl)!;
    assert.match(portal.blockedReason ?? '', /^challenge-/, `${fp.id} flagged`);
    assert.equal(tallyOf(fp.id).reports.length, 0);
    const hits = night1Requests.filter((r) => r.host === host && r.path !== '/robots.txt');
    assert.ok(hits.length <= 2, `${fp.id}: the crawler stops at the challenge (${hits.length} requests)`);
  }
  assert.equal(night1.blockedPortals.length, farm.challengeHosts.length);
});

test('robots.txt: no request to a forbidden path; Crawl-delay spaces requests; honest User-Agent', () => {
  for (const url of farm.robotsForbidden) {
    const { host, pathname } = new URL(url);
    assert.ok(!night1Requests.some((r) => `${r.host}:${new URL(farm.portals[0].homeUrl).port}` === host && r.path.startsWith(pathname.split('/').slice(0, 2).join('/'))), `forbidden ${pathname} not requested`);
  }
  const trap = farm.portals.find((p) => p.family === 'traps')!;
  const starts = night1Requests.filter((r) => r.host === trap.host).map((r) => r.at).sort((a, b) => a - b);
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  assert.ok(starts.length >= 4 && Math.min(...gaps) >= 950, `Crawl-delay: 1 honoured (gaps ${gaps})`);
  assert.ok(night1Requests.every((r) => r.userAgent === USER_AGENT));
});

test('the second night revisits lists conditionally and fetches only what changed', async () => {
  const fetchedNight1 = new Set(night1Requests.filter((r) => r.status === 200).map((r) => `${r.host}${r.path}`));
  const truthNight1 = new Set(farm.truth.map((t) => `${t.pageUrl}|${t.year}`));
  farm.setNight(2);
  farm.resetLog();
  const night2 = await runCrawl({ archive, portals: portals.map((p) => getPortal(archive, p.id)!), settings: SETTINGS });
  const requests = farm.requests.filter((r) => r.path !== '/robots.txt' && !farm.challengeHosts.includes(r.host));
  const refetchedBodies = requests.filter((r) => r.status === 200 && fetchedNight1.has(`${r.host}${r.path}`));
  const newTruth = farm.truth.filter((t) => !truthNight1.has(`${t.pageUrl}|${t.year}`));
  assert.ok(newTruth.length >= 1, 'the farm publishes something new on night 2');
  for (const t of newTruth) {
    const found = [...night2.tallies.values()].some((tally) => tally.reports.some((r) => r.url === t.pageUrl && r.year === t.year));
    assert.ok(found, `new report found: ${t.organ} ${t.year}`);
  }
  // Only pages that changed come back with a body; everything else answers 304 or is not asked for.
  const changedLists = refetchedBodies.map((r) => r.path);
  assert.ok(changedLists.length <= 4, `bodies fetched again: ${changedLists}`);
  assert.ok(requests.filter((r) => r.status === 304).length >= 10, 'conditional requests answered 304');
  const reportPathsNight1 = new Set(farm.truth.filter((t) => !newTruth.includes(t)).flatMap((t) => [t.pageUrl, ...t.attachmentUrls]).filter(Boolean).map((u) => new URL(u!).pathname));
  assert.deepEqual(requests.filter((r) => reportPathsNight1.has(r.path.split('?')[0])).map((r) => r.path), [], 'no known report or attachment is requested again');
});
