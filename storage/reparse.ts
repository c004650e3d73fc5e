// Re-running the parsers over stored captures (no fetching): after a parser improves, or to
// finish captures a killed crawl never parsed.
import pLimit from 'p-limit';
import { PARSER_VERSION, type DocumentParser } from '../parsers/index.ts';
import type { Archive } from './archive.ts';
import { capturesToReparse, parseCapture, type ReparseSelection } from './parse-capture.ts';
import { reresolveAliases } from './organs.ts';
import { reselectOrganYear } from './parses.ts';
import { finishRun, markInterruptedRuns, startRun } from './runs.ts';

/** What a reparse did. `changed`: a new parse row was stored; `unchanged`: same version, same result. */
export interface ReparseSummary {
  parserVersion: string;
  selected: number;
  changed: number;
  unchanged: number;
  reports: number;
  failed: { captureId: number; error: string }[];
  /** Printed names that resolve to another organ than before (resolved again with `all`; manual decisions stay). */
  organsMoved: number;
}

/** How a reparse parses: in this thread one at a time (default), or through a worker pool. */
export interface ReparseOptions {
  /** A pool of parse workers; `parser.jobs` captures are parsed at once. */
  parser?: DocumentParser & { jobs: number };
}

/**
 * Parses the selected captures (one by one, or as many at once as the pool has workers); each is
 * recorded in its own transaction as it finishes, so an interrupted reparse keeps what it finished
 * and the next run picks up the rest.
 */
export async function reparseArchive(
  archive: Archive,
  selection: ReparseSelection = {},
  onProgress?: (done: number, total: number) => void,
  options: ReparseOptions = {},
): Promise<ReparseSummary> {
  const ids = capturesToReparse(archive, selection);
  // A reparse killed earlier left its run `running`: it is marked interrupted now (its work is kept).
  markInterruptedRuns(archive, 'reparse', new Date().toISOString());
  const runId = startRun(archive, 'reparse');
  const summary: ReparseSummary = { parserVersion: PARSER_VERSION, selected: ids.length, changed: 0, unchanged: 0, reports: 0, failed: [], organsMoved: 0 };
  const limit = pLimit(options.parser?.jobs ?? 1);
  let done = 0;
  try {
    await Promise.all(ids.map((captureId) => limit(async () => {
      try {
        const recorded = await parseCapture(archive, captureId, options.parser);
        if (recorded.isNew) summary.changed++;
        else summary.unchanged++;
        if (recorded.reportId !== null) summary.reports++;
      } catch (error) {
        summary.failed.push({ captureId, error: (error as Error).message });
      }
      onProgress?.(++done, ids.length);
    })));
    summary.failed.sort((a, b) => a.captureId - b.captureId);
    if (selection.all) summary.organsMoved = reresolveAliases(archive, reselectOrganYear);
  } finally {
    finishRun(archive, runId, summary.failed.length > 0 ? 'problems' : 'ok', summary);
  }
  return summary;
}
