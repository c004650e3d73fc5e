// In the browser: a list whose pager only scripts follow (下一页 → `javascript:;`, a POST search API,
// a pager drawn from JSON) is followed by clicking 下一页 until the list stops changing, and the JSON
// answers the page fetches for itself on the way are kept.
import type { Page, Response } from 'playwright-core';

const NEXT = /^\s*(下一页|下页|后一页|后页|下一頁)\s*(>>|»|›)?\s*$/;

async function linkSignature(page: Page): Promise<string> {
  return page.evaluate(() => Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href).join('\n'));
}

async function waitUntilSettled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
  let last = '';
  for (let i = 0; i < 12; i++) {
    const now = await linkSignature(page);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
}

/** Starts keeping the same-host JSON answers the page receives; returns them when asked. */
export function keepJsonAnswers(page: Page, host: string): () => Promise<string[]> {
  const kept: Promise<string | null>[] = [];
  page.on('response', (response: Response) => {
    const type = response.headers()['content-type'] ?? '';
    let sameHost = false;
    try { sameHost = new URL(response.url()).host === host; } catch { /* not a URL */ }
    if (sameHost && /json/i.test(type) && response.status() === 200) kept.push(response.text().catch(() => null));
  });
  return async () => (await Promise.all(kept)).filter((t): t is string => t !== null);
}

/** Clicks 下一页 (at most `maxClicks` times) and returns the page's HTML after every click that changed its links. */
export async function clickThroughPager(page: Page, hooks: { before(): Promise<void>; after(): void }, maxClicks = 60): Promise<string[]> {
  const states: string[] = [];
  let last = await linkSignature(page);
  for (let i = 0; i < maxClicks; i++) {
    let next = null;
    for (const selector of ['a', 'button', 'input[type="button"]', 'span', 'li']) {
      const candidate = page.locator(selector).filter({ hasText: NEXT }).first();
      if (await candidate.count() > 0 && await candidate.isVisible().catch(() => false)) { next = candidate; break; }
    }
    if (!next) break;
    await hooks.before();
    const clicked = await next.click({ timeout: 3000 }).then(() => true, () => false);
    await waitUntilSettled(page);
    hooks.after();
    if (!clicked) break;
    const now = await linkSignature(page);
    if (now === last) break;
    last = now;
    states.push(await page.content());
  }
  return states;
}
