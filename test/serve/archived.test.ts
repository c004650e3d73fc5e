// Archived originals shown safely, in real Chromium: a captured page with a <script>, an outside
// image, stylesheet, frame, refresh and form neither runs nor fetches — through the sanitizer, and
// through the CSP and sandbox alone when the sanitizer is bypassed. PDFs keep their type. The
// server only reads: other methods are refused and browsing leaves the archive file unchanged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { HOSTILE_HTML, OUTSIDE_HOST } from './fixtures.ts';
import { seedsDir } from '../helpers/storage-fixtures.ts';
import { screenshot, startHarness, type BrowserHarness } from './helpers.ts';

let h: BrowserHarness;
let archiveHashBefore = '';

function archiveHash(path: string): string {
  const hash = createHash('sha256');
  for (const file of [path, `${path}-wal`]) if (existsSync(file)) hash.update(readFileSync(file));
  return hash.digest('hex');
}

before(async () => {
  h = await startHarness();
  archiveHashBefore = archiveHash(h.fixture.path);
});
after(async () => { await h?.close(); });

async function archivedFrame(page: Page, captureId: number): Promise<Frame> {
  await page.goto(`${h.server.url}/capture/${captureId}`);
  const frame = page.frames().find((f) => f.url().endsWith(`/capture/${captureId}/view`));
  assert.ok(frame, 'the archived content is in a frame');
  await frame.waitForLoadState('load');
  return frame;
}

async function assertNothingRan(frame: Frame): Promise<void> {
  assert.equal(await frame.title(), 'Archived page');
  assert.equal(await frame.evaluate(() => (window as unknown as { __ran?: boolean }).__ran), undefined);
  assert.equal(await frame.locator('#archived-heading').innerText(), '归档页面 archived heading');
}

/** Requests for anything but the server, attempted at all (even if the browser then blocked them). */
function outsideRequests(): string[] {
  return h.requests.filter((url) => !url.startsWith(`${h.server.url}/`) || url.includes(OUTSIDE_HOST));
}

test('an archived page with a script and outside resources shows, runs nothing and fetches nothing outside', async () => {
  const page = await h.newPage();
  const frame = await archivedFrame(page, h.fixture.captures.hostile);
  assert.equal(await page.locator('iframe.archived').getAttribute('sandbox'), '');
  await assertNothingRan(frame);
  assert.equal(await frame.locator('#outside-image').getAttribute('src'), null);
  assert.equal(await frame.locator('#outside-image').getAttribute('data-original-src'), `http://${OUTSIDE_HOST}/x.png`);
  assert.equal(await frame.locator('#archived-image').getAttribute('src'), `/capture/${h.fixture.captures.image}/view`);
  assert.equal(await frame.locator('#archived-image').evaluate((img: HTMLImageElement) => img.naturalWidth), 1, 'the archived image loads from the archive');
  assert.equal(await frame.locator('#outside-link').getAttribute('href'), null);
  assert.equal(await frame.locator('#archived-link').getAttribute('href'), `/capture/${h.fixture.captures.seed000}/view`);
  assert.equal(await frame.locator('script, iframe, link, meta[http-equiv]').count(), 0);
  await frame.locator('#js-link').click();
  await frame.locator('#outside-link').click();
  await page.waitForTimeout(3500); // longer than the page's meta refresh delay
  assert.equal(frame.url(), `${h.server.url}/capture/${h.fixture.captures.hostile}/view`);
  await assertNothingRan(frame);
  assert.ok(h.requests.includes(`${h.server.url}/capture/${h.fixture.captures.image}/view`));
  assert.deepEqual(outsideRequests(), [], 'the sanitized page does not even ask for an outside URL');
  assert.deepEqual(h.escaped, []);
  assert.ok((await screenshot(page, h.screenshotDir, 'capture-html')).bytes > 15_000);
  await frame.locator('#archived-link').click();
  await frame.waitForURL(`**/capture/${h.fixture.captures.seed000}/view`);
  assert.match(await frame.locator('body').innerText(), /三门峡市陕州区大营镇人民政府/);
});

test('with the sanitizer bypassed, the CSP and the sandbox alone still block the script and every outside request', async () => {
  const page = await h.newPage();
  const viewPath = `/capture/${h.fixture.captures.hostile}/view`;
  await page.route(`**${viewPath}`, async (route) => {
    const response = await route.fetch();
    assert.match(response.headers()['content-security-policy'], /sandbox/);
    await route.fulfill({ response, body: HOSTILE_HTML }); // the server's headers, the page as captured
  });
  const frame = await archivedFrame(page, h.fixture.captures.hostile);
  assert.equal(await frame.locator('script').count(), 1, 'the script is in the page this time');
  await page.waitForTimeout(3500);
  await assertNothingRan(frame);
  assert.equal(await frame.locator('#outside-image').evaluate((img: HTMLImageElement) => img.naturalWidth), 0);
  // This time the page does ask for outside URLs; Chromium's CSP refuses each before sending it
  // (failure 'csp'), so none reaches the network layer where the harness would have caught it.
  assert.ok(outsideRequests().length >= 3, `attempts: ${outsideRequests().join(', ')}`);
  for (const url of outsideRequests()) assert.ok(h.failures.includes(`${url} csp`), `${url} was not blocked by the CSP`);
  assert.deepEqual(h.escaped, []);
  assert.equal(frame.url(), `${h.server.url}${viewPath}`, 'the meta refresh did not navigate away');

  const top = await h.newPage(); // opened directly, not in the frame: the CSP sandbox still applies
  await top.route(`**${viewPath}`, async (route) => route.fulfill({ response: await route.fetch(), body: HOSTILE_HTML }));
  await top.goto(`${h.server.url}${viewPath}`);
  await top.waitForTimeout(500);
  assert.equal(await top.title(), 'Archived page');
  assert.equal(await top.evaluate(() => (window as unknown as { __ran?: boolean }).__ran), undefined);
  for (const url of outsideRequests()) assert.ok(h.failures.includes(`${url} csp`), `${url} was not blocked by the CSP`);
  assert.deepEqual(h.escaped, []);
});

test('an archived GBK report page shows in the frame as the reader saw it, Chinese intact', async () => {
  const page = await h.newPage();
  const frame = await archivedFrame(page, h.fixture.captures.page2021);
  assert.match(await frame.locator('body').innerText(), /新乡市牧野区人民政府/);
  assert.ok(await frame.locator('table').count() >= 1, 'its tables are kept');
  assert.match(await page.locator('.feeds').innerText(), /新乡市牧野区人民政府 2021/);
  assert.equal(await page.locator(`.linked a[href="/capture/${h.fixture.captures.docx2021}"]`).innerText(), '附件：2021年年报.docx');
  assert.ok((await screenshot(page, h.screenshotDir, 'capture-gbk-report')).bytes > 15_000);
  assert.deepEqual(h.escaped, []);
});

test('a PDF capture is shown as its parsed text and offered only as a download, bytes unchanged', async () => {
  const page = await h.newPage();
  await page.goto(`${h.server.url}/capture/${h.fixture.captures.pdf}`);
  assert.equal(await page.locator('iframe.archived').getAttribute('src'), `/capture/${h.fixture.captures.pdf}/view`);
  assert.equal(await page.locator(`a[href="/capture/${h.fixture.captures.pdf}/raw?download=1"]`).innerText(), 'Download as captured');
  assert.ok((await screenshot(page, h.screenshotDir, 'capture-pdf')).bytes > 15_000);
  const original = readFileSync(join(seedsDir, '..', 'corpus', 'peers', 'KIROGOVCOMPARE', 'hzq2023_working.pdf'));
  for (const query of ['', '?download=1']) {
    const file = await fetch(`${h.server.url}/capture/${h.fixture.captures.pdf}/raw${query}`);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename="hzq2023_working.pdf"/, 'never inline: the viewer would run its scripts');
    assert.ok(Buffer.from(await file.arrayBuffer()).equals(original));
  }
  const html = await fetch(`${h.server.url}/capture/${h.fixture.captures.hostile}/raw`);
  assert.equal(html.headers.get('content-type'), 'application/octet-stream', 'archived HTML is only ever downloaded raw');
  assert.match(html.headers.get('content-disposition') ?? '', /^attachment/);
  assert.equal(await html.text(), HOSTILE_HTML);
});

test('a fetch that stored nothing has a page saying why, and no content to view', async () => {
  const page = await h.newPage();
  await page.goto(`${h.server.url}/capture/${h.fixture.captures.failed}`);
  assert.match(await page.locator('.notice').innerText(), /Nothing was stored for this fetch: timeout after 30 s/);
  const view = await fetch(`${h.server.url}/capture/${h.fixture.captures.failed}/view`);
  assert.equal(view.status, 404);
  assert.match(await view.text(), /has no body \(timeout after 30 s\)/);
});

test('pages answer GET and HEAD only (POST is for the token-guarded buttons); every response carries the CSP and nosniff', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const response = await fetch(`${h.server.url}/`, { method, body: method === 'DELETE' ? undefined : 'x=1' });
    assert.equal(response.status, 405, method);
    assert.equal(response.headers.get('allow'), method === 'POST' ? 'GET, HEAD' : 'GET, HEAD, POST');
  }
  for (const path of ['/', '/report/999999', '/report/x', '/nowhere', `/capture/${h.fixture.captures.image}/view`, '/assets/style.css', '/assets/..%2f..%2fserver.ts']) {
    const response = await fetch(`${h.server.url}${path}`);
    assert.ok(response.headers.get('content-security-policy')?.startsWith("default-src 'none'"), path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  }
  assert.equal((await fetch(`${h.server.url}/report/999999`)).status, 404);
  assert.equal((await fetch(`${h.server.url}/report/x`)).status, 400);
  assert.equal((await fetch(`${h.server.url}/assets/..%2f..%2fserver.ts`)).status, 404);
  assert.equal((await fetch(`${h.server.url}/?year=abc`)).status, 400);
});

test('browsing left the archive file byte for byte unchanged', () => {
  assert.equal(h.archive.readonly, true);
  assert.equal(archiveHash(h.fixture.path), archiveHashBefore);
});
