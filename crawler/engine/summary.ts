// The run summary: per portal and in total, new and changed reports, failures by reason, blocked
// portals. Stored on the run as JSON and printed by the CLI.
import type { Portal } from '../../storage/index.ts';
import type { PortalTally, TrapNote } from './crawl-state.ts';

/** One portal's line of the summary. */
export interface PortalSummary {
  portalId: number;
  url: string;
  name: string | null;
  fetched: number;
  notModified: number;
  reportsFound: number;
  newReports: number;
  changedCaptures: number;
  failuresByReason: Record<string, number>;
  skippedByReason: Record<string, number>;
  deferred: number;
  /** Scans stored unread, left for `nianbao reparse --failed ocr_deferred` (crawl --ocr-later). */
  ocrDeferred: number;
  blockedReason: string | null;
  usedBrowser: boolean;
  /** URLs refused for leaving the portal's scope (out_of_scope, private_address), by reason. */
  refusedByReason: Record<string, number>;
  /** Traps found on this portal (each also makes the run's status `problems`). */
  traps: TrapNote[];
}

/** The whole run. `status` follows the crawl_runs vocabulary. */
export interface RunSummary {
  runId: number;
  startedAt: string;
  finishedAt: string;
  status: 'ok' | 'problems' | 'failed';
  portals: PortalSummary[];
  totals: { portals: number; fetched: number; reportsFound: number; newReports: number; failures: number; blocked: number; deferred: number; ocrDeferred: number; refused: number; traps: number };
  failuresByReason: Record<string, number>;
  blockedPortals: { url: string; reason: string }[];
  /** Every trap found, with its portal. */
  traps: (TrapNote & { portal: string })[];
}

function countBy(notes: { reason: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const note of notes) {
    const key = note.reason.replace(/^(error|network|parse error|browser|out_of_scope|private_address|too_large): .*/s, '$1');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Reports counted once per URL (an attachment and its page each count when both parse as reports). */
function distinctReports(tally: PortalTally) {
  return [...new Map(tally.reports.map((r) => [r.url, r])).values()];
}

/** A portal's summary line from its tally. */
export function summarisePortal(portal: Portal, tally: PortalTally): PortalSummary {
  const reports = distinctReports(tally);
  return {
    portalId: portal.id, url: portal.url, name: portal.name, fetched: tally.fetched, notModified: tally.notModified,
    reportsFound: reports.length, newReports: reports.filter((r) => r.isNew).length, changedCaptures: tally.changedCaptures,
    failuresByReason: countBy(tally.failed), skippedByReason: countBy(tally.skipped), deferred: tally.deferred, ocrDeferred: tally.ocrDeferred,
    blockedReason: tally.blockedReason, usedBrowser: tally.usedBrowser,
    refusedByReason: countBy(tally.refused ?? []), traps: tally.traps ?? [],
  };
}

/** The run's summary; `problems` when a portal was blocked, pages failed or a trap was found, `failed` when no portal got anywhere. */
export function summariseRun(runId: number, startedAt: string, portals: PortalSummary[]): RunSummary {
  const failuresByReason: Record<string, number> = {};
  for (const p of portals) for (const [reason, n] of Object.entries(p.failuresByReason)) failuresByReason[reason] = (failuresByReason[reason] ?? 0) + n;
  const sum = (pick: (p: PortalSummary) => number) => portals.reduce((total, p) => total + pick(p), 0);
  const totals = {
    portals: portals.length, fetched: sum((p) => p.fetched), reportsFound: sum((p) => p.reportsFound), newReports: sum((p) => p.newReports),
    failures: sum((p) => Object.values(p.failuresByReason).reduce((a, b) => a + b, 0)), blocked: portals.filter((p) => p.blockedReason).length,
    deferred: sum((p) => p.deferred), ocrDeferred: sum((p) => p.ocrDeferred ?? 0),
    refused: sum((p) => Object.values(p.refusedByReason).reduce((a, b) => a + b, 0)), traps: sum((p) => p.traps.length),
  };
  const nothingWorked = portals.length > 0 && portals.every((p) => p.fetched === 0 || (p.blockedReason !== null && p.reportsFound === 0));
  const status = nothingWorked ? 'failed' : totals.failures > 0 || totals.blocked > 0 || totals.traps > 0 ? 'problems' : 'ok';
  return {
    runId, startedAt, finishedAt: new Date().toISOString(), status, portals, totals, failuresByReason,
    blockedPortals: portals.filter((p) => p.blockedReason).map((p) => ({ url: p.url, reason: p.blockedReason! })),
    traps: portals.flatMap((p) => p.traps.map((t) => ({ ...t, portal: p.url }))),
  };
}
