// The archive browser's pages in real Chromium: search finds a report, the report page shows its
// figures (both form generations) and its failing checks, the coverage matrix marks missing years,
// charts draw the figures, runs list blocked portals, exports download; every page is screenshotted
// and no request leaves the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MUYE, MUYE_REGION } from './fixtures.ts';
import { postWithToken, screenshot, startHarness, type BrowserHarness } from './helpers.ts';

let h: BrowserHarness;
const shots: Record<string, number> = {};
const cspMissing: string[] = [];

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

async function open(path: string, shotName: string) {
  const page = await h.newPage();
  page.on('response', (response) => { if (!response.headers()['content-security-policy']) cspMissing.push(response.url()); });
  const response = await page.goto(`${h.server.url}${path}`);
  assert.equal(response?.status(), 200, `${path} answered ${response?.status()}`);
  shots[shotName] = (await screenshot(page, h.screenshotDir, shotName)).bytes;
  return page;
}

test('search finds a report by full text and by filters, showing organ, year, source and checks', async () => {
  const page = await open(`/?q=${encodeURIComponent('牧野区')}`, 'search');
  const hits = page.locator('tr.hit');
  assert.equal(await hits.count(), 2);
  const failing = page.locator(`tr.hit[data-report="${h.fixture.reports.muye2022}"]`);
  assert.match(await failing.locator('td a').first().innerText(), /^新乡市牧野区人民政府$/);
  assert.equal(await failing.locator('td.num').innerText(), '2022');
  assert.equal(await failing.locator('.snippet mark').first().innerText(), '牧野区');
  assert.match(await failing.locator('td[data-column="source"]').innerText(), /http:\/\/127\.0\.0\.2\/reports\/muye-2022\.txt/);
  assert.match(await failing.locator('.badge').innerText(), /2 failing/);
  assert.match(await page.locator(`tr.hit[data-report="${h.fixture.reports.muye2021}"] .badge`).innerText(), /pass/);
  await page.locator(`tr.hit[data-report="${h.fixture.reports.muye2021}"] a`).click();
  await page.waitForURL(`**/report/${h.fixture.reports.muye2021}`);
  assert.match(await page.locator('h1').innerText(), /新乡市牧野区人民政府\s+2021/);

  const filtered = await open('/?checks=fail&year=2022', 'search-filtered');
  assert.deepEqual(await filtered.locator('tr.hit').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report'))), [String(h.fixture.reports.muye2022)]);
  // A report's region is its organ's division: 韭园镇 is in 扶沟县 (411621), though its copy came from the 410711 portal.
  assert.equal(await (await open(`/?region=${MUYE_REGION}&template=2019`, 'search-region-portal')).locator('tr.hit').count(), 0);
  const byRegion = await open('/?region=411621&template=2019', 'search-region');
  assert.deepEqual(await byRegion.locator('tr.hit').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report'))), [String(h.fixture.reports.jiuyuan2020)]);
  assert.equal(await (await open('/?region=3301', 'search-other-region')).locator('tr.hit').count(), 0);
  const none = await open(`/?q=${encodeURIComponent('没有这样的文字')}`, 'search-none');
  assert.match(await none.locator('#result-count').innerText(), /^0 reports/);
});

test('what is typed into the search is shown escaped, never run', async () => {
  const typed = '<script>document.title="INJECTED"</script><img src=x onerror=alert(1)>';
  const page = await open(`/?q=${encodeURIComponent(typed)}&organ=${encodeURIComponent('"><b>x')}`, 'search-escaped');
  assert.equal(await page.locator('#f-q').inputValue(), typed);
  assert.equal(await page.locator('#f-organ').inputValue(), '"><b>x');
  assert.equal(await page.locator('main script, main img, form b').count(), 0);
  assert.ok((await page.title()).startsWith('“<script>'), 'the title shows the typed text as text');
});

test('the report page lays out the 2021 form, shows raw strings and provenance, and highlights the failing checks', async () => {
  const page = await open(`/report/${h.fixture.reports.muye2022}`, 'report-2021');
  assert.equal(await page.locator('section.form-tables').getAttribute('data-template'), '2021');
  assert.equal(await page.locator('#table-applications tbody tr').count(), 25, '2021 form: 25 rows in table 3');
  const natural = page.locator('td[data-key="apps.new.natural"]');
  assert.equal(await natural.innerText(), '5');
  assert.match(await natural.getAttribute('class') ?? '', /flagged source/);
  assert.match(await natural.getAttribute('title') ?? '', /raw “5” · line \d+/);
  assert.match(await page.locator('td[data-key="apps.new.total"]').innerText(), /^3$/);
  assert.doesNotMatch(await page.locator('td[data-key="apps.granted.legal"]').getAttribute('class') ?? '', /flagged/);
  assert.equal(await page.locator('td[data-key="active.fees.amount"]').innerText(), '94.0121');
  const rowSum = page.locator('tr[data-rule="apps.row_sum"]');
  assert.match(await rowSum.getAttribute('class') ?? '', /check-fail/);
  assert.match(await rowSum.innerText(), /FAILS\s+the source is inconsistent.*new: 总计 vs 自然人\+法人或其他组织: 3 ≠ 5/s);
  assert.match(await page.locator('tr[data-rule="apps.balance"]').innerText(), /FAILS/);
  await page.locator('details.figures summary').click();
  assert.match(await page.locator('details.figures tr[data-key="apps.new.natural"]').innerText(), /5\s+5\s+line \d+, col \d+/);
  assert.equal(await page.locator(`.sources a[href="/capture/${await captureOf(page)}"]`).count(), 1);
  assert.equal(await page.locator(`.other-years a[href="/report/${h.fixture.reports.muye2021}"]`).innerText(), '2021');
});

async function captureOf(page: import('playwright-core').Page): Promise<string> {
  const href = await page.locator('.sources td a').first().getAttribute('href');
  return href!.split('/').pop()!;
}

test('a report found as a web page, its DOCX attachment and a text copy links every capture and shows table-cell provenance', async () => {
  const page = await open(`/report/${h.fixture.reports.muye2021}`, 'report-sources');
  const sources = page.locator('.sources tbody tr');
  assert.deepEqual(await sources.locator('td:first-child').allInnerTexts(), ['chosen', 'alternative', 'alternative']);
  for (const id of [h.fixture.captures.page2021, h.fixture.captures.docx2021]) assert.equal(await page.locator(`.sources a[href="/capture/${id}"]`).count(), 1);
  assert.match(await page.locator('.sources').innerText(), /muye\/2021\.docx/);
  assert.match(await page.locator('td[data-key="apps.new.natural"]').getAttribute('title') ?? '', /raw “3” · table 2, row 4, col 4/);
  assert.match(await page.locator('.facts').innerText(), /chosen over capture/);
});

test('a 2019-form report has the 2019 rows, and a parse-blamed failure says the parse is doubtful', async () => {
  const page = await open(`/report/${h.fixture.reports.jiuyuan2020}`, 'report-2019');
  assert.equal(await page.locator('section.form-tables').getAttribute('data-template'), '2019');
  assert.equal(await page.locator('#table-applications tbody tr').count(), 23, '2019 form: 23 rows in table 3');
  const active = await page.locator('#table-active').innerText();
  for (const label of ['其他对外管理服务事项', '政府集中采购', '本年新制作数量']) assert.ok(active.includes(label), label);
  assert.match(await page.locator('tr[data-rule="parse.cells"]').innerText(), /FAILS\s+the parse is doubtful/);
  assert.match(await page.locator('td[data-key="apps.other.total"]').getAttribute('class') ?? '', /flagged parse/);
});

test('a legacy report shows its text instead of tables', async () => {
  const page = await open(`/report/${h.fixture.reports.legacy2018}`, 'report-legacy');
  assert.equal(await page.locator('section.form-tables').count(), 0);
  assert.match(await page.locator('.notice').innerText(), /2008 rules/);
  assert.equal(await page.locator('details.full-text').getAttribute('open'), '', 'a legacy report opens its text');
  assert.match(await page.locator('details.full-text .text').innerText(), /平潭综合实验区/);
});

test('the coverage matrix marks missing years, failing checks and legacy reports', async () => {
  const byDefault = await open('/coverage', 'coverage-default');
  const lastComplete = new Date().getUTCFullYear() - 1;
  assert.deepEqual(await byDefault.locator('table.coverage thead th.num').allInnerTexts(),
    Array.from({ length: lastComplete - 2018 }, (_, i) => String(2019 + i)), 'default: 2019 to the last complete year');
  const page = await open('/coverage?from=2018&to=2022', 'coverage');
  const years = await page.locator('table.coverage thead th.num').allInnerTexts();
  assert.deepEqual(years, ['2018', '2019', '2020', '2021', '2022']);
  const muye = page.locator(`tr[data-organ="${MUYE}"]`);
  assert.equal(await muye.locator('[data-year="2020"]').getAttribute('data-status'), 'missing');
  assert.equal(await muye.locator('[data-year="2020"]').innerText(), '—');
  assert.equal(await muye.locator('[data-year="2021"]').getAttribute('data-status'), 'ok');
  assert.equal(await muye.locator('[data-year="2022"]').getAttribute('data-status'), 'checks-failing');
  assert.equal(await muye.locator(`[data-year="2022"] a[href="/report/${h.fixture.reports.muye2022}"]`).count(), 1);
  assert.equal(await page.locator('tr[data-organ="平潭综合实验区"] [data-year="2018"]').getAttribute('data-status'), 'legacy');
  assert.ok(Number(await page.locator('#missing-count').innerText()) > 0);
  const byPortal = await open(`/coverage?portal=${h.fixture.portals.open}`, 'coverage-portal');
  assert.equal(await byPortal.locator('table.coverage tbody tr[data-expected-only="no"]').count(), 6);
  // The portal's district is expected to publish, and so is every 街道 and township of it (from the division dataset).
  assert.ok(await byPortal.locator('table.coverage tbody tr[data-expected-only="yes"]').count() >= 5);
  // A blocked prefecture's portal: nothing was found, its government is expected and missing every year.
  const blockedPortal = await open(`/coverage?portal=${h.fixture.portals.blocked}`, 'coverage-blocked-portal');
  const blockedRows = blockedPortal.locator('table.coverage tbody tr');
  assert.equal(await blockedRows.count(), 1);
  assert.equal(await blockedRows.getAttribute('data-organ'), '杭州市人民政府');
  assert.equal(await blockedRows.locator('[data-status="missing"]').count(), await blockedPortal.locator('table.coverage thead th.num').count());
  const byRegion = await open('/coverage?region=4107&from=2019&to=2023', 'coverage-region');
  assert.equal(await byRegion.locator(`tr[data-organ="${MUYE}"]`).count(), 1);
  const nowhere = await open('/coverage?region=9999', 'coverage-no-region');
  assert.match(await nowhere.locator('main').innerText(), /No organ matches/);
});

test('the audit page: per organ of a year, published or missing, on time or seen by, deadlines by level', async () => {
  const page = await open('/audit?year=2022', 'audit');
  const muye = page.locator(`table.audit tr[data-organ="${MUYE}"]`);
  assert.equal(await muye.getAttribute('data-published'), 'found');
  assert.match(await muye.innerText(), /2023-03-31/, 'a district government: 31 March of the next year');
  assert.ok(['on-time', 'late', 'seen-by'].includes(String(await muye.getAttribute('data-on-time'))));
  assert.ok(await page.locator('table.audit tr[data-published="missing"]').count() >= 5, 'the district\'s 街道 are expected');
  assert.match(await page.locator('#audit-summary').innerText(), /reports \(organ × 2022\) found/);
  assert.match(await page.locator('nav').innerText(), /Audit/);
});

test('charts draw an organ and a region over the years', async () => {
  const page = await open(`/charts?organ=${encodeURIComponent(MUYE)}`, 'charts');
  assert.equal(await page.locator('figure.chart svg[role="img"]').count(), 2);
  assert.match(await page.locator('.chart-data').innerText(), /本年新收 received\s+3\s+3/);
  assert.equal(await page.locator('circle title', { hasText: '2021 · 本年新收 received: 3' }).count(), 1);
  assert.ok(await page.locator('figure.chart rect[fill]').count() >= 2, 'bars drawn');
  const region = await open(`/charts?region=${MUYE_REGION}`, 'charts-region');
  assert.match(await region.locator('h1').innerText(), new RegExp(`region .*${MUYE_REGION}`));
  // Region 410711 sums the reports of organs in 牧野区 (韭园镇 and 送庄镇 are elsewhere, whatever portal they came from).
  assert.deepEqual(await region.locator('.chart-data thead th.num').allInnerTexts(), ['2021', '2022']);
});

test('crawl runs show their summaries (escaped) and the blocked portals', async () => {
  const page = await open('/runs', 'runs');
  assert.equal(await page.locator('table.runs tbody tr').count(), 3);
  assert.match(await page.locator('#blocked-portals').innerText(), /Blocked county.*challenge-412/s);
  assert.match(await page.locator('tr.run.ok td[data-column="summary"]').innerText(), /Note: <b>not bold<\/b>/);
  assert.equal(await page.locator('td[data-column="summary"] b').count(), 0);
  const run = await open('/runs/1', 'run');
  assert.match(await run.locator('main').innerText(), /Reports found\s+8/);
});

test('export buttons download the CSV and Parquet exports', async () => {
  const page = await open('/export', 'export');
  assert.equal(await page.locator('form[method="post"][action="/export/reports_wide.csv"] button').count(), 1);
  const csv = await postWithToken(h.server.url, '/export/reports_wide.csv');
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="reports_wide.csv"/);
  const text = await csv.text();
  assert.match(text.split('\n')[0], /organ/);
  assert.ok(text.includes(MUYE));
  const parquet = Buffer.from(await (await postWithToken(h.server.url, '/export/report_checks.parquet')).arrayBuffer());
  assert.equal(parquet.subarray(0, 4).toString(), 'PAR1');
  assert.equal(parquet.subarray(-4).toString(), 'PAR1');
  assert.equal((await postWithToken(h.server.url, '/export/nothing.csv')).status, 404);
  const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith('nianbao-serve-export-'));
  for (let wait = 0; wait < 20 && leftovers().length; wait++) await new Promise((r) => setTimeout(r, 100)); // deleted once the stream closes
  assert.deepEqual(leftovers(), [], 'temporary export files are deleted');
});

test('every screenshot is a real, non-empty image; every response had a CSP; no request left the server', () => {
  for (const [name, bytes] of Object.entries(shots)) {
    const png = readFileSync(`${h.screenshotDir}/${name}.png`);
    assert.equal(png.subarray(1, 4).toString(), 'PNG', name);
    assert.ok(png.readUInt32BE(16) === 1280 && png.readUInt32BE(20) >= 400, `${name}: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);
    assert.ok(bytes > 15_000, `${name}: only ${bytes} bytes`);
  }
  assert.ok(Object.keys(shots).length >= 12);
  assert.deepEqual(cspMissing, []);
  const outside = h.requests.filter((url) => !url.startsWith(`${h.server.url}/`));
  assert.deepEqual(outside, []);
  assert.deepEqual(h.escaped, []);
  console.log(`# screenshots in ${h.screenshotDir}: ${Object.entries(shots).map(([n, b]) => `${n} ${b}B`).join(', ')}`);
});
