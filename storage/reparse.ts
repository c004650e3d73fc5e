// Re-running the parsers over stored captures (no fetching): after a parser improves, or to
// finish captures a killed crawl never parsed.
import { PARSER_VERSION } from '../parsers/index.ts';
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

/**
 * Parses the selected captures one by one; each is recorded in its own transaction, so an
 * interrupted reparse keeps what it finished and the next run picks up the rest.
 */
export async function reparseArchive(
  archive: Archive,
  selection: ReparseSelection = {},
  onProgress?: (done: number, total: number) => void,
): Promise<ReparseSummary> {
  const ids = capturesToReparse(archive, selection);
  // A reparse killed earlier left its run `running`: it is marked interrupted now (its work is kept).
  markInterruptedRuns(archive, 'reparse', new Date().toISOString());
  const runId = startRun(archive, 'reparse');
  const summary: ReparseSummary = { parserVersion: PARSER_VERSION, selected: ids.length, changed: 0, unchanged: 0, reports: 0, failed: [], organsMoved: 0 };
  try {
    for (const [index, captureId] of ids.entries()) {
      try {
        const recorded = await parseCapture(archive, captureId);
        if (recorded.isNew) summary.changed++;
        else summary.unchanged++;
        if (recorded.reportId !== null) summary.reports++;
      } catch (error) {
        summary.failed.push({ captureId, error: (error as Error).message });
      }
      onProgress?.(index + 1, ids.length);
    }
    if (selection.all) summary.organsMoved = reresolveAliases(archive, reselectOrganYear);
  } finally {
    finishRun(archive, runId, summary.failed.length > 0 ? 'problems' : 'ok', summary);
  }
  return summary;
}
