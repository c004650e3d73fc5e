// In Chromium a page downloads whatever its scripts ask for, past the byte cap every HTTP exchange
// of the crawl has (bounded-fetch.ts): an endless JSON answer kept the page's handler waiting on
// its body for a minute, then again on each retry, and a huge one was read whole into this
// process. Every byte the page receives is counted through Chromium's own network events (a CDP
// session of the page). The first answer whose Content-Length is over the cap, or a total past it,
// closes the page, and the entry fails as too_large once, without retries.
import type { Page } from 'playwright-core';

/** What a watched page has been refused for, if anything. */
export interface PageBytesWatch {
  refusal(): string | null;
}

interface ResponseReceived { response: { url: string; headers: Record<string, string> } }
interface DataReceived { dataLength: number; encodedDataLength: number }

function declaredLength(headers: Record<string, string>): number {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === 'content-length');
  return key ? Number(headers[key]) : NaN;
}

/** Counts what `page` receives; past `maxBytes` it is closed and `onRefused` told why. */
export async function watchPageBytes(page: Page, maxBytes: number, onRefused: (reason: string) => void): Promise<PageBytesWatch> {
  let received = 0;
  let reason: string | null = null;
  const refuse = (why: string) => {
    if (reason) return;
    reason = `too_large: ${why} (the cap is ${maxBytes} bytes)`;
    onRefused(reason);
    void page.close().catch(() => {});
  };
  const session = await page.context().newCDPSession(page);
  session.on('Network.responseReceived', ({ response }: ResponseReceived) => {
    if (declaredLength(response.headers) > maxBytes) refuse(`${response.url} declares Content-Length ${declaredLength(response.headers)}`);
  });
  session.on('Network.dataReceived', ({ dataLength, encodedDataLength }: DataReceived) => {
    // The larger of the two: a compressed answer is counted as it inflates.
    received += Math.max(dataLength, encodedDataLength);
    if (received > maxBytes) refuse(`the page and what its scripts fetched passed ${received} bytes`);
  });
  await session.send('Network.enable');
  return { refusal: () => reason };
}
