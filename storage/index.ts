// The archive's public face: open it, write what the crawler fetched and the parsers found, read
// it back. Everything SQL stays inside storage/; other folders use these functions.
export { openArchive, DEFAULT_ARCHIVE_PATH } from './archive.ts';
export type { Archive, OpenArchiveOptions } from './archive.ts';
export { ArchiveError } from './errors.ts';
export { latestSchemaVersion, schemaVersion } from './migrate.ts';
export { upsertPortal, updatePortal, getPortal, listPortals, removePortal } from './portals.ts';
export type { Portal, PortalPatch } from './portals.ts';
export { startRun, finishRun, markInterruptedRuns, listRuns, getRun } from './runs.ts';
export type { CrawlRun, RunStatus } from './runs.ts';
export { storeCapture, getCapture, capturesOfUrl, latestCapture, getBody, getCaptureBody, sha256Hex } from './captures.ts';
export type { CaptureInput, StoredCapture, Capture } from './captures.ts';
export { recordParse, latestParse, reselectAllReports, normalizeOrgan } from './parses.ts';
export type { RecordedParse } from './parses.ts';
export { rankCandidates } from './report-selection.ts';
export type { Candidate } from './report-selection.ts';
export { WIDE_REPORT_COLUMNS } from './wide-columns.ts';
export { addToFrontier, relabelEntry, queuedEntries, frontierEntry, frontierEntries, settleEntry, requeueForRevisit, requeueFailed, frontierCounts, inTransaction } from './frontier.ts';
export type { FrontierEntry, NewFrontierEntry, FetchOutcome } from './frontier.ts';
