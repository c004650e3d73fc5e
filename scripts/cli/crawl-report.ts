// How seed, crawl and demo print a run: a summary for people, progress through the progress
// reporter, and the exit code the run deserves.
import { frontierCounts, type Archive, type Portal } from '../../storage/index.ts';
import type { PortalTally, RunSummary } from '../../crawler/index.ts';
import { ExitCode } from './command.ts';
import type { Progress } from './progress.ts';

/** The exit code of a crawl run: ok, problems (failures or blocked portals), failure (nothing worked). */
export function exitCodeOf(summary: RunSummary): number {
  if (summary.status === 'failed') return ExitCode.failure;
  if (summary.status === 'problems') return ExitCode.problems;
  return ExitCode.ok;
}

function reasons(counts: Record<string, number>): string {
  return Object.entries(counts).map(([r, n]) => `${r} ×${n}`).join(', ');
}

/** The printed run summary. */
export function formatSummary(summary: RunSummary): string {
  const t = summary.totals;
  const lines = [
    `run ${summary.runId}: ${summary.status} — ${t.portals} portal(s), ${t.fetched} fetched, ${t.reportsFound} report document(s) (${t.newReports} new), ${t.failures} failure(s), ${t.blocked} blocked${t.traps ? `, ${t.traps} trap(s)` : ''}${t.refused ? `, ${t.refused} refused (out of scope)` : ''}${t.deferred ? `, ${t.deferred} left for the next run` : ''}`,
  ];
  if (t.ocrDeferred) lines.push(`${t.ocrDeferred} scan(s) stored unread for OCR later: nianbao reparse --failed ocr_deferred`);
  for (const p of summary.portals) {
    const extra = [
      p.notModified ? `${p.notModified} not modified` : '',
      p.usedBrowser ? 'browser used' : '',
      p.blockedReason ? `BLOCKED (${p.blockedReason})` : '',
      Object.keys(p.failuresByReason).length ? `failures: ${reasons(p.failuresByReason)}` : '',
      Object.keys(p.refusedByReason ?? {}).length ? `refused: ${reasons(p.refusedByReason)}` : '',
      p.traps?.length ? `TRAPS: ${p.traps.length}` : '',
    ].filter(Boolean).join('; ');
    lines.push(`  ${p.name ?? p.url}  ${p.fetched} fetched, ${p.reportsFound} reports (${p.newReports} new)${extra ? `; ${extra}` : ''}`);
  }
  if (Object.keys(summary.failuresByReason).length) lines.push(`failures by reason: ${reasons(summary.failuresByReason)}`);
  for (const b of summary.blockedPortals) lines.push(`blocked: ${b.url} (${b.reason})`);
  for (const t of summary.traps ?? []) lines.push(`trap: ${t.kind} at ${t.url} (${t.detail})`);
  return lines.join('\n');
}

/**
 * The crawler's onProgress callback, fed into the progress reporter: portals done of portals for a
 * run of several, pages fetched of pages known so far (the frontier grows as links are found) for
 * one portal.
 */
export function crawlProgress(progress: Progress, archive: Archive, portals: Portal[]) {
  const done = new Set<number>();
  const fetched = new Map<number, number>();
  const reports = new Map<number, number>();
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  let known = 0;
  let knownAt = 0;
  return (portal: Portal, tally: PortalTally, finished: boolean) => {
    fetched.set(portal.id, tally.fetched);
    reports.set(portal.id, new Set(tally.reports.map((r) => r.url)).size);
    if (finished) {
      done.add(portal.id);
      progress.log(`${new Date().toISOString()} portal ${portal.url}: ${tally.fetched} fetched, ${reports.get(portal.id)} reports, ${tally.failed.length} failures${tally.blockedReason ? `, blocked (${tally.blockedReason})` : ''}`);
    }
    if (portals.length > 1) {
      progress.update(done.size, portals.length, `${sum(fetched)} pages fetched, ${sum(reports)} reports`);
      return;
    }
    if (Date.now() - knownAt > 500 || finished) {
      const counts = frontierCounts(archive, portal.id);
      known = tally.fetched + counts.queued;
      knownAt = Date.now();
    }
    progress.update(tally.fetched, finished ? tally.fetched : Math.max(known, tally.fetched), `pages; ${sum(reports)} reports`);
  };
}
