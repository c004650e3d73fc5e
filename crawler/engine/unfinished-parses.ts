// A crawl killed while a worker still parsed a stored page or attachment leaves that capture
// without a parse; the restart does not fetch it again (it is stored), so it parses it here, in the
// background like any attachment, before the portal closes. Without this a kill -9 at the wrong
// moment would lose a report for good.
import { capturesLeftUnparsed, getCapture, getCaptureBody, hintsForCapture, recordParse } from '../../storage/index.ts';
import type { PortalCrawlState } from './crawl-state.ts';

async function parseLeftCapture(state: PortalCrawlState, captureId: number): Promise<void> {
  const capture = getCapture(state.archive, captureId);
  const body = getCaptureBody(state.archive, captureId);
  if (!capture || !body || !state.parser) return;
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const parse = await state.parser.parse(bytes, { ...hintsForCapture(capture), ocr: state.settings.ocrLater ? 'later' : 'now' });
  const recorded = await state.write(() => recordParse(state.archive, captureId, parse));
  if (parse.template === null) return;
  state.tally.reports.push({
    organ: parse.organ, year: parse.year, template: parse.template, title: parse.title, url: capture.url,
    label: capture.label === 'attachment' ? 'attachment' : 'report', pageUrl: capture.referrerUrl, captureId, isNew: recorded.isNew,
  });
}

/** Starts parsing this portal's captures an interrupted crawl left unparsed; the portal waits for them at its close. */
export function resumeUnfinishedParses(state: PortalCrawlState): void {
  if (!state.parser) return;
  for (const captureId of capturesLeftUnparsed(state.archive, state.portal.id)) {
    const done: Promise<void> = parseLeftCapture(state, captureId)
      .catch((error: Error) => { state.tally.failed.push({ url: getCapture(state.archive, captureId)?.url ?? `capture ${captureId}`, reason: `parse error: ${error.message.slice(0, 100)}` }); })
      .finally(() => state.pendingParses.delete(done));
    state.pendingParses.add(done);
  }
}
