// What `serve` must withstand, in real Chromium: an archived PDF whose /OpenAction runs JavaScript
// (the browser's viewer would run it: the server never hands a PDF to the viewer), active-content
// payloads that slip past naive cleaners (math/mglyph/style, SVG <set>/<animate>, noscript and
// textarea breakouts) shown with no CSP and no sandbox at all (the sanitiser alone must hold), a
// Host header naming another site (DNS rebinding), and exports started by anything but this
// server's own button (GET, POST without the token, a form posted from another origin).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OUTSIDE_HOST } from './fixtures.ts';
import { pdfWithOpenActionScript } from './hostile-pdf.ts';
import { screenshot, startHarness, type BrowserHarness } from './helpers.ts';
import { sanitizeArchivedHtml } from '../../scripts/serve/sanitize-archived-html.ts';

let h: BrowserHarness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('the check can fail: the same PDF handed to Chromium inline runs its script (a dialog opens)', async () => {
  // Its own context, without the harness's routing (which would also stop the viewer's own resources).
  const context = await h.browser.newContext();
  try {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await page.route('**/inline-probe.pdf', (route) => route.fulfill({
      status: 200, contentType: 'application/pdf', headers: { 'Content-Security-Policy': "default-src 'none'; sandbox" },
      body: pdfWithOpenActionScript(`http://${OUTSIDE_HOST}/probe`),
    }));
    await page.goto(`${h.server.url}/inline-probe.pdf`).catch(() => {});
    for (let i = 0; i < 40 && dialogs.length === 0; i++) await page.waitForTimeout(250);
    assert.ok(dialogs.includes('PDF SCRIPT RAN'), `Chromium's viewer ran the script even under a CSP sandbox (dialogs: ${dialogs.join(', ')})`);
  } finally {
    await context.close();
  }
});

test('an archived PDF with an /OpenAction script: its page shows its text, its file only downloads, no script runs', async () => {
  const page = await h.newPage();
  const dialogs: string[] = [];
  let downloads = 0;
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  page.on('download', () => { downloads++; });
  const id = h.fixture.captures.scriptPdf;
  await page.goto(`${h.server.url}/capture/${id}`);
  const frame = page.frames().find((f) => f.url().endsWith(`/capture/${id}/view`));
  assert.ok(frame, 'the PDF is shown through the text view, in the sandboxed frame');
  await frame.waitForLoadState('load');
  assert.match(await frame.locator('body').innerText(), /only downloaded, never opened/);
  // Straight at the file, as a link or an address typed in: a download, never the viewer.
  await page.goto(`${h.server.url}/capture/${id}/raw`).catch(() => {});
  await page.waitForTimeout(3000);
  assert.deepEqual(dialogs, [], 'no PDF script ran');
  assert.ok(downloads >= 1, 'the raw PDF was downloaded');
  const raw = await fetch(`${h.server.url}/capture/${id}/raw`);
  assert.match(raw.headers.get('content-disposition') ?? '', /^attachment; filename="script.pdf"/);
  assert.match(raw.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.ok(!h.requests.some((url) => url.includes('pdf-beacon')), 'the script\'s beacon was never requested');
  assert.deepEqual(h.escaped, []);
});

test('a real PDF capture shows the text its parse read', async () => {
  const page = await h.newPage();
  await page.goto(`${h.server.url}/capture/${h.fixture.captures.pdf}`);
  const frame = page.frames().find((f) => f.url().endsWith(`/capture/${h.fixture.captures.pdf}/view`));
  assert.ok(frame);
  await frame.waitForLoadState('load');
  assert.match(await frame.locator('pre.pdf-text').innerText(), /洪泽区人民政府/);
  assert.ok((await screenshot(page, h.screenshotDir, 'capture-pdf-text')).bytes > 15_000);
});

/** Payloads that get past cleaners which fix the markup after parsing it (mutation XSS) or miss foreign content. */
const PAYLOADS = [
  '<math><mglyph><style><img id="p1" src=x onerror="window.__ran=1;document.title=\'RAN\'">',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=window.__ran=2&gt;">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror="window.__ran=3">',
  '<svg><set attributeName="onmouseover" to="window.__ran=4"/><rect width="100" height="100"/></svg>',
  '<svg><a><animate attributeName="href" values="javascript:window.__ran=5"/><text x="20" y="20">click</text></a></svg>',
  '<svg><style><img src=x onerror="window.__ran=6"></style></svg>',
  '<noscript><p title="</noscript><img src=x onerror=window.__ran=7>"></noscript>',
  '<textarea><img title="</textarea><img src=x onerror=window.__ran=8>"></textarea>',
  '<xmp><img title="</xmp><img src=x onerror=window.__ran=9>"></xmp>',
  '<details open ontoggle="window.__ran=10"><summary>x</summary></details>',
  '<a id="jsl" href="  jav&#x09;ascript:window.__ran=11">tab-split javascript link</a>',
  '<iframe srcdoc="<script>parent.__ran=12</script>"></iframe>',
  '<object data="javascript:window.__ran=13"></object><embed src="javascript:window.__ran=14">',
  '<div style="background:url(javascript:window.__ran=15)">css url</div>',
  '<img src="x" onerror="window.__ran=16"><body onload="window.__ran=17">',
  '<template><img src=x onerror="window.__ran=18"></template>',
  '<isindex action="javascript:window.__ran=19" type=image>',
  '<a href="data:text/html,<script>parent.__ran=20</script>">data link</a>',
];

test('the sanitiser alone (no CSP, no sandbox) stops every active-content payload in Chromium', async () => {
  const source = `<!doctype html><html><head><title>Archived page</title></head><body><h1 id="archived-heading">kept</h1>${PAYLOADS.join('\n')}</body></html>`;
  const clean = sanitizeArchivedHtml(source, 'http://127.0.0.2/p.html', () => null);
  assert.doesNotMatch(clean, /<(svg|math|style|script|noscript|template|iframe|object|embed|set|animate)\b/i);
  assert.doesNotMatch(clean, /\son[a-z]+=/i);
  const page = await h.newPage();
  // The control: the payloads as they are, served bare, do run (so the assertions below can fail).
  await page.route('**/bare-unsanitised.html', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: source }));
  await page.goto(`${h.server.url}/bare-unsanitised.html`);
  await page.waitForTimeout(500);
  assert.notEqual(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), undefined, 'unsanitised, a payload runs');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  // Served bare: the server's CSP and the frame's sandbox are the walls this test takes away.
  await page.route('**/bare-sanitised.html', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: clean }));
  await page.goto(`${h.server.url}/bare-sanitised.html`);
  for (const link of await page.locator('a').all()) await link.click({ timeout: 1000 }).catch(() => {});
  await page.mouse.move(50, 50);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), undefined);
  assert.equal(await page.title(), 'Archived page');
  assert.equal(await page.locator('#archived-heading').innerText(), 'kept');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(h.escaped, []);
});

function rawGet(path: string, host: string): Promise<number> {
  const { port } = new URL(h.server.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: host } }, (response) => { response.resume(); resolve(response.statusCode ?? 0); });
    request.on('error', reject);
    request.end();
  });
}

test('a Host header naming another site is refused (DNS rebinding); loopback names are answered', async () => {
  const { port } = new URL(h.server.url);
  assert.equal(await rawGet('/', `127.0.0.1:${port}`), 200);
  assert.equal(await rawGet('/', `localhost:${port}`), 200);
  assert.equal(await rawGet('/', 'LOCALHOST'), 200);
  for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1.attacker.example:${port}`, 'localhost.attacker.example', '127.0.0.2', 'a b']) {
    assert.equal(await rawGet(`/report/${h.fixture.reports.muye2021}`, host), 421, `Host "${host}"`);
  }
});

test('exports start only from this server\'s button: GET, no token, a wrong token and another origin\'s form are refused', async () => {
  const url = `${h.server.url}/export/reports_wide.csv`;
  assert.equal((await fetch(url)).status, 405, 'a link (GET) starts nothing');
  const form = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  assert.equal((await form('')).status, 403);
  assert.equal((await form('token=guess')).status, 403);
  const exportPage = await h.newPage();
  await exportPage.goto(`${h.server.url}/export`);
  const token = await exportPage.locator('form[action="/export/reports_wide.csv"] input[name="token"]').getAttribute('value');
  assert.ok(token && token.length >= 24);
  assert.equal((await form(`token=${token}`, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  assert.equal((await fetch(url, { method: 'POST', body: `token=${token}`, headers: { 'Content-Type': 'text/plain' } })).status, 415);
  const download = exportPage.waitForEvent('download');
  await exportPage.locator('form[action="/export/reports_wide.csv"] button').click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  assert.match(readFileSync(file, 'utf8').split('\n')[0], /organ/);

  // Another origin's page (another port on loopback) posting a form by itself, as a hostile page would.
  const attacker: Server = createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<form id="f" method="post" action="${url}"><input name="token" value="guess"></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const context = await h.browser.newContext();
  try {
    const page = await context.newPage();
    const response = page.waitForResponse((r) => r.url() === url);
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    assert.equal((await response).status(), 403);
  } finally {
    await context.close();
    attacker.close();
  }
});
