// The portal farm imitates the real families of portals.md: these tests pin the shapes the
// crawler must cope with, so a change to the farm cannot quietly make the crawler's life easy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { startFarm, type Farm } from './index.ts';

let farm: Farm;
const portal = (id: string) => farm.portals.find((p) => p.id === id)!;
const get = (url: string, init?: RequestInit) => fetch(url, { redirect: 'manual', ...init });

test.before(async () => { farm = await startFarm({ slowDelayMs: 100 }); });
test.after(async () => { await farm.stop(); });

test('at least ten portals, each on its own loopback address', () => {
  assert.ok(farm.portals.length >= 10);
  assert.equal(new Set(farm.portals.map((p) => p.host)).size, farm.portals.length);
  for (const p of farm.portals) assert.match(p.host, /^127\.0\.0\.\d+$/);
  assert.ok(farm.truth.length >= 25, `${farm.truth.length} true reports`);
  const templates = new Set(farm.truth.map((t) => t.template));
  assert.deepEqual([...templates].sort(), ['2019', '2021', 'legacy']);
});

test('TRS: GB2312 bytes with the charset only in <meta>, a createPageHTML pager, _wap twins', async () => {
  const res = await get(`${portal('muye-trs').baseUrl}zwgk/zfxxgknb/index.html`);
  assert.equal(res.headers.get('content-type'), 'text/html');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const html = iconv.decode(bytes, 'gbk');
  assert.match(html, /charset=gb2312/);
  assert.match(html, /createPageHTML\(countPage, currentPage, "index", "html"\)/);
  const report = farm.truth.find((t) => t.portalId === 'muye-trs')!;
  assert.equal((await get(report.pageUrl!.replace(/\.html$/, '_wap.html'))).status, 200);
});

test('Hanweb: first group in <datastore> CDATA, dataproxy.jsp by GET and POST, index_1.html is a 404', async () => {
  const base = portal('dazhu-hanweb').baseUrl;
  const column = await (await get(`${base}col/col1229/index.html`)).text();
  assert.match(column, /<datastore>.*<record><!\[CDATA\[<li><a href='\/art\//s);
  assert.equal((column.match(/<record>/g) ?? []).length, 3);
  const byGet = await (await get(`${base}module/web/jpage/dataproxy.jsp?page=2&columnid=1229&unitid=4567&webid=12`)).text();
  assert.match(byGet, /<totalpage>2<\/totalpage>/);
  const byPost = await (await get(`${base}module/web/jpage/dataproxy.jsp`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'startrecord=4&endrecord=6&perpage=3&columnid=1229&unitid=4567&webid=12',
  })).text();
  assert.equal((byPost.match(/<record>/g) ?? []).length, 2);
  assert.equal((await get(`${base}col/col1229/index_1.html`)).status, 404);
});

test('gkmlpt: an empty shell, a JSON API by page and site id; the single-page variant 404s on page 2', async () => {
  const base = portal('nanxiong-gkmlpt').baseUrl;
  assert.doesNotMatch(await (await get(`${base}gkmlpt/index`)).text(), /post_\d+/);
  const page1 = await (await get(`${base}gkmlpt/api/all/2401?page=1&sid=758001`)).json() as { total: number; articles: { url: string }[] };
  assert.equal(page1.total, 3);
  assert.equal(page1.articles.length, 2);
  const single = portal('renhua-gkmlpt-single').baseUrl;
  assert.equal((await get(`${single}gkmlpt/api/all/2402?page=2&sid=758002`)).status, 404);
});

test('challenges: 412 with $_ts, 521 with __jsl_clearance, a WZWS redirect script', async () => {
  const r412 = await get(portal('ruishu-412').baseUrl);
  assert.equal(r412.status, 412);
  assert.match(await r412.text(), /\$_ts/);
  const r521 = await get(portal('jiasule-521').baseUrl);
  assert.equal(r521.status, 521);
  assert.match(await r521.text(), /jsl|_cl/);
  assert.match(await (await get(portal('wzws-redirect').baseUrl)).text(), /wzwschallenge/);
  assert.equal(farm.challengeHosts.length, 3);
});

test('traps: robots.txt with Crawl-delay, a slow host, a flaky 500, a 429 with Retry-After, a redirect loop, an endless calendar', async () => {
  const base = portal('huaian-traps').baseUrl;
  const robots = await (await get(`${base}robots.txt`)).text();
  assert.match(robots, /Disallow: \/private\//);
  assert.match(robots, /Crawl-delay: 1/);
  const started = Date.now();
  await get(base);
  assert.ok(Date.now() - started >= 90, 'the slow host is slow');
  assert.equal((await get(`${base}zwgk/flaky.html`)).status, 500);
  assert.equal((await get(`${base}zwgk/flaky.html`)).status, 200);
  const busy = await get(`${base}zwgk/busy.html`);
  assert.equal(busy.status, 429);
  assert.equal(busy.headers.get('retry-after'), '1');
  assert.equal((await get(`${base}loop/a`)).headers.get('location'), '/loop/b');
  assert.match(await (await get(`${base}calendar/?date=2031-05-06`)).text(), /date=2031-05-07/);
  assert.ok(farm.robotsForbidden.every((u) => new URL(u).pathname.startsWith('/private/')));
});

test('conditional requests get 304; night 2 changes only the TRS list and adds one report', async () => {
  const url = `${portal('muye-trs').baseUrl}zwgk/zfxxgknb/index.html`;
  const first = await get(url);
  const etag = first.headers.get('etag')!;
  const lastModified = first.headers.get('last-modified')!;
  assert.equal((await get(url, { headers: { 'if-none-match': etag } })).status, 304);
  const other = `${portal('lankao-opaque').baseUrl}site/c104623/list.shtml`;
  const otherEtag = (await get(other)).headers.get('etag')!;
  const before = farm.truth.length;
  farm.setNight(2);
  try {
    assert.equal((await get(url, { headers: { 'if-none-match': etag } })).status, 200);
    assert.equal((await get(url, { headers: { 'if-modified-since': lastModified } })).status, 200);
    assert.equal((await get(other, { headers: { 'if-none-match': otherEtag } })).status, 304);
    assert.equal(farm.truth.length, before + 1);
  } finally {
    farm.setNight(1);
  }
});

test('every request is logged with its host, path, status and conditional headers', async () => {
  farm.resetLog();
  await get(portal('pingtan-legacy').baseUrl, { headers: { 'if-none-match': '"x"', 'user-agent': 'probe' } });
  assert.equal(farm.requests.length, 1);
  const [entry] = farm.requests;
  assert.equal(entry.host, portal('pingtan-legacy').host);
  assert.equal(entry.path, '/');
  assert.equal(entry.status, 200);
  assert.equal(entry.ifNoneMatch, '"x"');
  assert.equal(entry.userAgent, 'probe');
});
