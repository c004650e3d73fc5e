// Shared set-up of the web browser tests: the fixture archive served read-only on 127.0.0.1 and
// Debian's Chromium through playwright-core, with every request the browser makes recorded (and
// any request that would leave the server aborted and listed, so a failing test still sends nothing out).
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openArchive, type Archive } from '../../storage/index.ts';
import { startServer, type RunningServer } from '../../scripts/serve/server.ts';
import { buildBrowseArchive, type BrowseFixture } from './fixtures.ts';

/** Everything a browser test needs. */
export interface BrowserHarness {
  fixture: BrowseFixture;
  archive: Archive;
  server: RunningServer;
  browser: Browser;
  screenshotDir: string;
  /** URLs the browser requested (or attempted: a request blocked by CSP is reported too), every page, every context. */
  requests: string[];
  /** Requests that reached the network layer for anywhere but the server (aborted there): must stay empty. */
  escaped: string[];
  /** Failed requests as "URL reason" ('csp' when the browser's CSP blocked it before sending). */
  failures: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the archive, serves it and launches Chromium. */
export async function startHarness(): Promise<BrowserHarness> {
  const fixture = await buildBrowseArchive();
  const archive = openArchive(fixture.path, { readonly: true });
  const server = await startServer(archive, { host: '127.0.0.1', port: 0, onError: (error, url) => console.error('serve error', url, error) });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const requests: string[] = [];
  const escaped: string[] = [];
  const failures: string[] = [];
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.on('request', (request) => requests.push(request.url()));
    context.on('requestfailed', (request) => failures.push(`${request.url()} ${request.failure()?.errorText}`));
    await context.route((url) => !url.href.startsWith(`${server.url}/`) && !url.href.startsWith('data:'), (route) => {
      escaped.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    return context.newPage();
  };
  const close = async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser.close();
    await server.close();
    archive.close();
  };
  return { escaped, failures, fixture, archive, server, browser, screenshotDir: mkdtempSync(join(tmpdir(), 'nianbao-serve-shots-')), requests, newPage, close };
}

/** Takes a full-page screenshot and returns its path and size in bytes. */
export async function screenshot(page: Page, dir: string, name: string): Promise<{ path: string; bytes: number }> {
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return { path, bytes: statSync(path).size };
}

/** This server's form token, read from its export page as a browser would see it. */
export async function formToken(serverUrl: string): Promise<string> {
  const page = await (await fetch(`${serverUrl}/export`)).text();
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no form token on /export');
  return token;
}

/** POSTs a form with the server's token, as its buttons do. */
export async function postWithToken(serverUrl: string, path: string, fields: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams({ ...fields, token: await formToken(serverUrl) });
  return fetch(`${serverUrl}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}
