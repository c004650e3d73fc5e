// The raw captures as a WARC 1.1 file (webrecorder's warcio), gzipped record by record, so the
// archive replays in ReplayWeb.page or pywb and web archivists can take it in: a warcinfo record,
// then per capture with a body a `response` record (status line, the headers as received, the
// bytes as stored) under the URL that answered; a body already written once becomes a `revisit`
// record (identical payload digest) pointing at the first. The stored body is the decoded one, so
// Content-Encoding, Transfer-Encoding and Content-Length are kept as X-Archive-Orig-* headers and
// Content-Length is set to the stored size. Redirect hops were not stored by the crawler, so none
// is invented here.
import { closeSync, openSync, writeSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Archive } from './archive.ts';

interface CaptureRow { id: number; url: string; final_url: string | null; fetched_at: string; status: number; headers: string | null; sha256: string; bytes: Buffer }

const RENAMED = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

function httpHeaders(stored: string | null, size: number): [string, string][] {
  const headers: [string, string][] = [];
  const parsed = stored ? (JSON.parse(stored) as Record<string, string | string[]>) : {};
  for (const [name, value] of Object.entries(parsed)) {
    for (const one of Array.isArray(value) ? value : [value]) headers.push([RENAMED.has(name.toLowerCase()) ? `X-Archive-Orig-${name}` : name, String(one)]);
  }
  headers.push(['Content-Length', String(size)]);
  return headers;
}

/** Writes every capture that has a body; returns the number of capture records written. */
export async function writeWarc(archive: Archive, path: string, software: string, onRecord?: (done: number, total: number) => void): Promise<number> {
  const { WARCRecord, WARCSerializer } = await import('warcio');
  const total = archive.db.prepare('SELECT count(*) FROM captures WHERE sha256 IS NOT NULL AND status IS NOT NULL').pluck().get() as number;
  const fd = openSync(path, 'w');
  const serialize = async (record: InstanceType<typeof WARCRecord>) => {
    writeSync(fd, await WARCSerializer.serialize(record, { gzip: true, digest: { algo: 'sha-256', prefix: 'sha256:', base32: false } }));
  };
  let written = 0;
  try {
    await serialize(WARCRecord.createWARCInfo({ filename: path.split('/').pop(), warcVersion: 'WARC/1.1' }, {
      software, format: 'WARC File Format 1.1', description: 'raw captures of a nianbao archive (政府信息公开工作年度报告)',
    }));
    const first = new Map<string, { url: string; date: string }>();
    const rows = archive.db.prepare(`SELECT c.id, c.url, c.final_url, c.fetched_at, c.status, c.headers, c.sha256, b.bytes
      FROM captures c JOIN bodies b ON b.sha256 = c.sha256 WHERE c.status IS NOT NULL ORDER BY c.id`).iterate() as Iterable<CaptureRow>;
    for (const row of rows) {
      const url = row.final_url ?? row.url;
      const statusline = `HTTP/1.1 ${row.status} ${STATUS_CODES[row.status] ?? ''}`.trimEnd();
      const seen = first.get(row.sha256);
      const warcHeaders = { 'WARC-Payload-Digest': `sha256:${row.sha256}`, 'X-Nianbao-Capture-Id': String(row.id) };
      if (seen) {
        await serialize(WARCRecord.create({
          url, date: row.fetched_at, type: 'revisit', warcVersion: 'WARC/1.1', statusline, httpHeaders: httpHeaders(row.headers, row.bytes.length),
          refersToUrl: seen.url, refersToDate: seen.date,
          warcHeaders: { ...warcHeaders, 'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest' },
        }, []));
      } else {
        first.set(row.sha256, { url, date: row.fetched_at });
        await serialize(WARCRecord.create({ url, date: row.fetched_at, type: 'response', warcVersion: 'WARC/1.1', statusline, httpHeaders: httpHeaders(row.headers, row.bytes.length), warcHeaders }, [new Uint8Array(row.bytes)]));
      }
      onRecord?.(++written, total);
    }
  } finally {
    closeSync(fd);
  }
  return written;
}
