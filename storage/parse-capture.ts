// Parsing stored captures: the bridge from archived bytes to recorded parses, used by the crawler
// right after a fetch and by `nianbao reparse` over the whole archive. No network.
import { parseDocumentSafely, PARSER_VERSION, type DocumentParser, type ParseHints } from '../parsers/index.ts';
import type { Archive } from './archive.ts';
import { getCapture, getCaptureBody, type Capture } from './captures.ts';
import { recordParse, type RecordedParse } from './parses.ts';

/** The parser's hints from what the capture recorded: file name from the URL, the content type. */
export function hintsForCapture(capture: Pick<Capture, 'url' | 'finalUrl' | 'contentType'>): ParseHints {
  const hints: ParseHints = {};
  try {
    const name = new URL(capture.finalUrl ?? capture.url).pathname.split('/').pop();
    if (name) hints.fileName = safeDecode(name);
  } catch { /* not a URL (a local file path): no file name hint */ }
  if (capture.contentType) {
    hints.contentType = capture.contentType;
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(capture.contentType)?.[1];
    if (charset) hints.headerCharset = charset;
  }
  return hints;
}

function safeDecode(text: string): string {
  try { return decodeURIComponent(text); } catch { return text; }
}

/**
 * Parses a stored capture's bytes and records the parse (and the report it feeds); with `parser`
 * (a worker pool) the parsing runs off this thread.
 */
export async function parseCapture(archive: Archive, captureId: number, parser?: DocumentParser): Promise<RecordedParse> {
  const capture = getCapture(archive, captureId);
  if (!capture) throw new Error(`no capture with id ${captureId}`);
  const body = getCaptureBody(archive, captureId);
  if (!body) throw new Error(`capture ${captureId} has no body to parse (${capture.error ?? `status ${capture.status}`})`);
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const result = parser ? await parser.parse(bytes, hintsForCapture(capture)) : await parseDocumentSafely(bytes, hintsForCapture(capture));
  return recordParse(archive, captureId, result);
}

/**
 * Report pages and attachments of a portal that an interrupted crawl stored but did not parse
 * (their parse was still running in a worker when the crawl was killed): the restart parses them,
 * since it will not fetch them again.
 */
export function capturesLeftUnparsed(archive: Archive, portalId: number): number[] {
  return archive.db.prepare(`SELECT c.id FROM captures c JOIN crawl_runs r ON r.id = c.run_id
    WHERE c.portal_id = ? AND r.status = 'interrupted' AND c.label IN ('report', 'attachment')
      AND c.sha256 IS NOT NULL AND (c.status IS NULL OR c.status BETWEEN 200 AND 299) AND c.error IS NULL
      AND NOT EXISTS (SELECT 1 FROM parses WHERE capture_id = c.id) ORDER BY c.id`).pluck().all(portalId) as number[];
}

/** Compares dotted versions numerically ('0.10.0' > '0.9.1'); negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Which captures a reparse covers. */
export interface ReparseSelection {
  /** Every parsed capture, whatever its parser version. */
  all?: boolean;
  /** Also captures with a body that were never parsed (a crawl killed between fetch and parse). */
  includeUnparsed?: boolean;
  /** The version to compare against (the running parser's by default). */
  parserVersion?: string;
  /**
   * Only captures whose latest parse failed with one of these codes (`ocr_deferred` after a crawl
   * with --ocr-later, `ocr_unavailable` once tesseract is installed), whatever its parser version.
   */
  failedWith?: string[];
}

/**
 * The captures to reparse, oldest first: those whose latest parse is older than the parser
 * (never those a newer parser made), all parsed ones with `all`, or only those that failed with
 * the codes of `failedWith`; plus the unparsed on request.
 */
export function capturesToReparse(archive: Archive, selection: ReparseSelection = {}): number[] {
  const current = selection.parserVersion ?? PARSER_VERSION;
  const parsed = archive.db.prepare(`SELECT p.capture_id AS id, p.parser_version AS version, p.reason FROM parses p
    WHERE p.id = (SELECT MAX(id) FROM parses WHERE capture_id = p.capture_id) ORDER BY p.capture_id`).all() as { id: number; version: string; reason: string | null }[];
  const chosen = selection.failedWith?.length
    ? (p: (typeof parsed)[number]) => selection.failedWith!.some((code) => p.reason?.startsWith(`${code}:`))
    : (p: (typeof parsed)[number]) => selection.all || compareVersions(p.version, current) < 0;
  const ids = parsed.filter(chosen).map((p) => p.id);
  if (selection.includeUnparsed) {
    const unparsed = archive.db.prepare(`SELECT c.id FROM captures c WHERE c.sha256 IS NOT NULL
      AND (c.status IS NULL OR c.status BETWEEN 200 AND 299) AND c.error IS NULL
      AND NOT EXISTS (SELECT 1 FROM parses WHERE capture_id = c.id) ORDER BY c.id`).pluck().all() as number[];
    ids.push(...unparsed);
  }
  return ids.sort((a, b) => a - b);
}
