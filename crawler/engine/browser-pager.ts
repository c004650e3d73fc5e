// In the browser: a list whose pager only scripts follow (下一页 → `javascript:;`, a POST search API,
// a pager drawn from JSON) is followed by clicking 下一页 until the list stops changing, and the JSON
// answers the page fetches for itself on the way are kept.
import type { Page, Response } from 'playwright-core';

const NEXT = /^\s*(下一页|下页|后一页|后页|下一頁)\s*(>>|»|›)?\s*$/;

async function linkSignature(page: Page): Promise<string> {
  return page.evaluate(() => Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href).join('\n'));
}

/** Waits (at most `timeoutMs`) for the page's links to change from `before`, then for them to stop changing. */
async function waitForChange(page: Page, before: string, requested: () => boolean, timeoutMs = 10_000): Promise<string> {
  const started = Date.now();
  let now = await linkSignature(page);
  while (now === before && Date.now() - started < timeoutMs) {
    // A click that asked for nothing within 1.5 s and changed nothing was the last page's 下一页.
    if (!requested() && Date.now() - started > 1500) return now;
    await page.waitForTimeout(200);
    now = await linkSignature(page);
  }
  if (now === before) return now;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(250);
    const again = await linkSignature(page);
    if (again === now) return now;
    now = again;
  }
  return now;
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
  let requests = 0;
  page.on('request', () => { requests++; });
  let last = await linkSignature(page);
  for (let i = 0; i < maxClicks; i++) {
    let next = null;
    for (const selector of ['a', 'button', 'input[type="button"]', 'span', 'li']) {
      const candidate = page.locator(selector).filter({ hasText: NEXT }).first();
      if (await candidate.count() > 0 && await candidate.isVisible().catch(() => false)) { next = candidate; break; }
    }
    if (!next) break;
    await hooks.before();
    const before = requests;
    const clicked = await next.click({ timeout: 5000 }).then(() => true, () => false);
    const now = clicked ? await waitForChange(page, last, () => requests > before) : last;
    hooks.after();
    if (now === last) break;
    last = now;
    states.push(await page.content());
  }
  return states;
}
