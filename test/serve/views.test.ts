// Datasette-grade views in real Chromium: every column of a table sorts (both ways), facets count
// what the search matches and filter when clicked, each view is CSV and JSON at its own URL with
// the same rows, the SQL box reads and refuses every write, crawl runs are tables with words for
// labels, search snippets show the matching sentence, and checks show three states.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { parseDocument } from '../../parsers/index.ts';
import { openArchive, recordParse, storeCapture } from '../../storage/index.ts';
import { startServer } from '../../scripts/serve/server.ts';
import { tempArchivePath } from '../helpers/storage-fixtures.ts';
import { reviewsBlankText } from '../storage/check-status.test.ts';
import { MUYE } from './fixtures.ts';
import { screenshot, startHarness, type BrowserHarness } from './helpers.ts';

let h: BrowserHarness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

async function open(path: string, shot?: string): Promise<Page> {
  const page = await h.newPage();
  const response = await page.goto(`${h.server.url}${path}`);
  assert.equal(response?.status(), 200, path);
  if (shot) assert.ok((await screenshot(page, h.screenshotDir, shot)).bytes > 15_000);
  return page;
}

const columnTexts = (page: Page, table: string, key: string) => page.locator(`${table} tbody td[data-column="${key}"]`).allInnerTexts();

function parseCsv(text: string): string[][] {
  return text.trim().split('\r\n').map((line) => line.split(','));
}

test('every search column sorts by a click on its header, ascending then descending', async () => {
  const page = await open('/', 'view-search');
  for (const key of ['year', 'organ', 'template', 'region', 'source', 'checks']) {
    await page.locator(`#results thead th[data-column="${key}"] a`).click();
    await page.waitForURL(new RegExp(`_sort=${key}`));
    assert.equal(await page.locator(`#results thead th[data-column="${key}"]`).getAttribute('aria-sort'), 'ascending');
    await page.locator(`#results thead th[data-column="${key}"] a`).click();
    await page.waitForURL(new RegExp(`_sort_desc=${key}`));
    assert.equal(await page.locator(`#results thead th[data-column="${key}"]`).getAttribute('aria-sort'), 'descending');
  }
  await page.goto(`${h.server.url}/?_sort=year`);
  const up = (await columnTexts(page, '#results', 'year')).map(Number);
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  assert.ok(new Set(up).size > 2, 'years differ, so the order means something');
  await page.goto(`${h.server.url}/?_sort_desc=year`);
  const down = (await columnTexts(page, '#results', 'year')).map(Number);
  assert.deepEqual(down, [...up].sort((a, b) => b - a));
  assert.equal((await fetch(`${h.server.url}/?_sort=password`)).status, 400);
});

test('coverage and runs sort by any column too (a year column by status, missing last ascending)', async () => {
  const page = await open('/coverage?_sort_desc=2021', 'view-coverage-sorted');
  const statuses = await page.locator('#coverage tbody td[data-column="2021"] span').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-status')));
  assert.equal(statuses[0], 'missing');
  assert.equal(statuses.at(-1), 'ok');
  const runs = await open('/runs?_sort_desc=captures');
  const captures = (await columnTexts(runs, 'table.runs', 'captures')).map(Number);
  assert.deepEqual(captures, [...captures].sort((a, b) => b - a));
});

test('facets count the matching reports per region (by name), year, template, level and checks, and filter when clicked', async () => {
  const page = await open('/', 'view-facets');
  const region = page.locator('.facet[data-facet="region"] li').first();
  // Region is the organ's division (not its portal's): 牧野区 holds 3 of the 7 reports of its portal.
  assert.match(await region.innerText(), /河南省 新乡市 牧野区 410711\s+3/);
  const year = page.locator('.facet[data-facet="year"] a[data-value="2021"]');
  const count = Number(await page.locator('.facet[data-facet="year"] li').filter({ has: page.locator('a[data-value="2021"]') }).locator('.count').innerText());
  assert.equal(count, 3);
  assert.match(await page.locator('.facet[data-facet="level"]').innerText(), /district\s+7/);
  assert.match(await page.locator('.facet[data-facet="checks"]').innerText(), /all pass\s+5[\s\S]*some fail\s+3/);
  await year.click();
  await page.waitForURL(/year=2021/);
  assert.equal(await page.locator('#results tbody tr').count(), count);
  assert.match(await page.locator('#result-count').innerText(), new RegExp(`^${count} reports`));
  // The other facets now count within 2021; the year facet still offers the other years.
  assert.match(await page.locator('.facet[data-facet="template"]').innerText(), /2021\s+3/);
  assert.ok(await page.locator('.facet[data-facet="year"] li').count() > 1);
  await page.locator('.facet[data-facet="checks"] a[data-value="pass"]').click();
  await page.waitForURL(/checks=pass/);
  assert.ok((await columnTexts(page, '#results', 'checks')).every((t) => t === 'pass'));
});

test('each view is CSV and JSON at a stable URL with the same rows as the page: search, coverage, one field, a named query, runs', async () => {
  const page = await open('/?year=2021&_sort_desc=organ');
  const organs = await columnTexts(page, '#results', 'organ');
  const csvHref = await page.locator('a.format-link[data-format="csv"]').getAttribute('href');
  const jsonHref = await page.locator('a.format-link[data-format="json"]').getAttribute('href');
  assert.equal(csvHref, '/search.csv?year=2021&_sort_desc=organ');
  const csv = await fetch(`${h.server.url}${csvHref}`);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  const rows = parseCsv(await csv.text());
  assert.equal(rows[0][0], 'report_id');
  assert.deepEqual(rows.slice(1).map((r) => r[1]), organs.map((o) => o.split('\n')[0]));
  const json = await (await fetch(`${h.server.url}${jsonHref}`)).json() as { total: number; rows: { organ: string; region_name: string | null }[]; facets: unknown };
  assert.equal(json.total, organs.length);
  assert.deepEqual(json.rows.map((r) => r.organ), rows.slice(1).map((r) => r[1]));
  assert.ok(json.rows.some((r) => r.region_name === '河南省 新乡市 牧野区'));
  assert.ok(json.facets);

  const coverage = await (await fetch(`${h.server.url}/coverage.json`)).json() as { years: number[]; rows: Record<string, string>[] };
  const muye = coverage.rows.find((r) => r.organ === MUYE)!;
  assert.equal(muye['2021'], 'ok');
  assert.equal(muye['2022'], 'checks-failing');
  assert.equal(muye['2020'], 'missing');
  const coveragePage = await open('/coverage');
  assert.equal(await coveragePage.locator('a.format-link[data-format="json"]').getAttribute('href'), '/coverage.json');

  const field = parseCsv(await (await fetch(`${h.server.url}/field/apps.new.total.csv`)).text());
  assert.deepEqual(field[0], ['report_id', 'organ', 'year', 'value', 'raw']);
  assert.ok(field.some((r) => r[1] === MUYE && r[2] === '2021' && r[3] === '3'));
  const fieldPage = await open('/field/apps.new.total', 'view-field');
  assert.equal(await fieldPage.locator('#query-result tbody tr').count(), field.length - 1);

  const failing = await (await fetch(`${h.server.url}/queries/failing-checks.json?year=2022`)).json() as { rows: { organ: string; rule: string }[] };
  assert.ok(failing.rows.length > 0 && failing.rows.every((r) => r.organ === MUYE));
  const runs = await (await fetch(`${h.server.url}/runs.json`)).json() as { total: number; rows: { run: number; summary: string }[] };
  assert.equal(runs.total, 3);
  assert.match(runs.rows.find((r) => r.run === h.fixture.runs.night)!.summary, /Pages fetched: 40/);
  assert.equal((await fetch(`${h.server.url}/field/not.a.key.json`)).status, 404);
});

async function runSql(page: Page, sql: string, button = 'Run'): Promise<number> {
  await page.goto(`${h.server.url}/sql`);
  await page.locator('#f-sql').fill(sql);
  const response = page.waitForResponse((r) => r.url().endsWith('/sql') && r.request().method() === 'POST');
  await page.locator('form.sql button', { hasText: button }).click();
  return (await response).status();
}

test('the SQL box answers reads and refuses every kind of write, leaving the archive as it was', async () => {
  const page = await h.newPage();
  assert.equal(await runSql(page, 'SELECT organ, year FROM reports WHERE year = 2021 ORDER BY organ'), 200);
  assert.equal(await page.locator('#query-result tbody tr').count(), 3);
  assert.ok((await screenshot(page, h.screenshotDir, 'view-sql')).bytes > 15_000);
  const before = h.archive.db.prepare('SELECT count(*) FROM reports').pluck().get();
  for (const sql of [
    'DELETE FROM reports', "UPDATE reports SET organ = 'x'", "INSERT INTO portals (url) VALUES ('http://x/')", 'DROP TABLE reports',
    "WITH x AS (SELECT 1) INSERT INTO portals (url) SELECT 'http://y/' FROM x", "ATTACH DATABASE '/tmp/other.sqlite' AS other",
    'SELECT 1; DELETE FROM reports', 'PRAGMA journal_mode = DELETE', 'CREATE TABLE t (x)', 'VACUUM',
  ]) {
    assert.equal(await runSql(page, sql), 400, sql);
    assert.match(await page.locator('#sql-error').innerText(), /^Refused: /, sql);
  }
  assert.equal(h.archive.db.prepare('SELECT count(*) FROM reports').pluck().get(), before);
  assert.equal(h.archive.db.prepare("SELECT count(*) FROM portals WHERE url IN ('http://x/', 'http://y/')").pluck().get(), 0);
  // CSV of the statement through the CSV button.
  const download = page.waitForEvent('download').catch(() => null);
  const status = await runSql(page, 'SELECT count(*) AS n FROM reports', 'CSV');
  assert.equal(status, 200);
  await download;
  assert.equal((await fetch(`${h.server.url}/sql`, { method: 'POST', body: 'sql=SELECT+1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 403, 'no token, no query');
});

test('a run page shows its summary as tables with words for labels, never raw JSON keys', async () => {
  const page = await open(`/runs/${h.fixture.runs.night}`, 'view-run-night');
  const text = await page.locator('main').innerText();
  for (const key of ['portalId', 'notModified', 'reportsFound', 'failuresByReason', 'blockedReason', 'usedBrowser', '{"']) assert.ok(!text.includes(key), `raw key ${key} shown`);
  assert.match(text, /Unchanged \(304\)/);
  const portalRows = page.locator('section.summary-part', { has: page.locator('h3', { hasText: /^Portals$/ }) }).locator('tbody tr');
  assert.equal(await portalRows.count(), 2);
  assert.match(await portalRows.first().innerText(), /新乡市牧野区 portal.*\b31\b.*timeout: 2/s);
  assert.match(text, /Blocked portals[\s\S]*challenge-412/);
});

test('search snippets show the sentence that matches, not the same heading for every report', async () => {
  const page = await open(`/?q=${encodeURIComponent('依申请公开')}`, 'view-snippets');
  const snippets = await page.locator('#results .snippet').allInnerTexts();
  assert.ok(snippets.length >= 5);
  assert.ok(new Set(snippets).size >= snippets.length - 2, `snippets mostly differ: ${snippets.join(' | ')}`);
  assert.ok(snippets.filter((s) => /[，。]/.test(s) && s.length > 25).length >= 2, `some snippets are sentences: ${snippets.join(' | ')}`);
  assert.ok(snippets.every((s) => s.includes('依申请公开')));
});

test('a rule that could not be checked shows as "not checked", apart from holds and fails', async () => {
  const path = tempArchivePath('three-states.sqlite');
  const writer = openArchive(path);
  const bytes = reviewsBlankText();
  const capture = storeCapture(writer, { url: 'http://127.0.0.2/reviews-blank.txt', status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes });
  const { reportId } = recordParse(writer, capture.id, await parseDocument(bytes, { fileName: 'reviews-blank.txt' }));
  writer.close();
  const archive = openArchive(path, { readonly: true });
  const server = await startServer(archive, { host: '127.0.0.1', port: 0 });
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/report/${reportId}`);
    const row = page.locator('.checks-table tr[data-rule="reviews.sum"]');
    assert.equal(await row.getAttribute('data-status'), 'not_checked');
    assert.equal(await row.locator('td').nth(1).innerText(), 'not checked');
    assert.equal(await page.locator('.checks-table tr[data-rule="apps.balance"] td').nth(1).innerText(), 'holds');
    assert.match(await page.locator('.checks h2 small').innerText(), /1 not checked/);
    assert.ok((await screenshot(page, h.screenshotDir, 'view-three-states')).bytes > 15_000);
  } finally {
    await context.close();
    await server.close();
    archive.close();
  }
});

test('charts have data before anything is chosen (the whole archive), drawn by Plot with whole-number ticks for counts', async () => {
  const page = await open('/charts', 'view-charts-default');
  assert.match(await page.locator('h1').innerText(), /every report in the archive/);
  assert.equal(await page.locator('figure.chart svg[role="img"]').count(), 2);
  assert.ok(await page.locator('figure.chart svg[role="img"] rect').count() >= 4, 'bars drawn');
  for (const chart of await page.locator('figure.chart svg[role="img"]').all()) {
    const ticks = await chart.locator('g[aria-label="y-axis tick label"] text').allTextContents();
    assert.ok(ticks.length >= 2);
    for (const tick of ticks) assert.match(tick, /^\d+$/, `tick ${tick} is a whole number`);
  }
  // Tiny counts (at most 1) are where fractional ticks (0.25 …) came from.
  const organ = await open(`/charts?organ=${encodeURIComponent(MUYE)}`);
  for (const tick of await organ.locator('g[aria-label="y-axis tick label"] text').allTextContents()) assert.match(tick, /^\d+$/);
  assert.deepEqual(h.escaped, []);
});

test('facets of a text search count the reports the text matches, each facet without its own filter', async () => {
  const all = await (await fetch(`${h.server.url}/search.json?q=${encodeURIComponent('依申请公开')}&_size=1000`)).json() as { total: number; rows: { year: number; template: string }[] };
  const json = await (await fetch(`${h.server.url}/search.json?q=${encodeURIComponent('依申请公开')}&year=2021`)).json() as
    { total: number; facets: Record<string, { value: string | number | null; count: number }[]> };
  const byYear = (year: number) => all.rows.filter((r) => r.year === year).length;
  assert.equal(json.total, byYear(2021));
  assert.deepEqual(Object.fromEntries(json.facets.year.map((f) => [f.value, f.count])), Object.fromEntries([...new Set(all.rows.map((r) => r.year))].map((y) => [y, byYear(y)])));
  assert.equal(json.facets.template.reduce((n, f) => n + f.count, 0), byYear(2021), 'the other facets count within the year chosen');
  const none = await (await fetch(`${h.server.url}/search.json?q=${encodeURIComponent('不会出现的词语组合')}`)).json() as { total: number; facets: Record<string, unknown[]> };
  assert.equal(none.total, 0);
  assert.deepEqual(none.facets.year, []);
});
