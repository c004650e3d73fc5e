// A crawl killed while a worker still parsed a stored page or attachment leaves that capture
// without a parse; the restart does not fetch it again (it is stored), so it parses it here, in the
// background like any attachment, before the portal closes. Without this a kill -9 at the wrong
// moment would lose a report for good.
import { capturesLeftUnparsed, getCapture, getCaptureBody, hintsForCapture } from '../../storage/index.ts';
import { recordInBackground } from '../routes/commit.ts';
import type { PortalCrawlState } from './crawl-state.ts';
import { ocrWhen } from './settings.ts';

/** Starts parsing this portal's captures an interrupted crawl left unparsed; the portal waits for them at its close. */
export function resumeUnfinishedParses(state: PortalCrawlState): void {
  if (!state.parser) return;
  for (const captureId of capturesLeftUnparsed(state.archive, state.portal.id)) {
    const capture = getCapture(state.archive, captureId);
    const body = getCaptureBody(state.archive, captureId);
    if (!capture || !body) continue;
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    const parsing = state.parser.parse(bytes, { ...hintsForCapture(capture), ocr: ocrWhen(state.settings) });
    recordInBackground(state, { url: capture.url, label: capture.label, pageUrl: capture.referrerUrl, captureId, isNew: true }, parsing);
  }
}
