// Captures, bodies, portals and runs on a real archive file: dedup by sha256, versions of a URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  capturesOfUrl, finishRun, getBody, getCapture, getCaptureBody, getPortal, getRun, listPortals, listRuns,
  markInterruptedRuns, openArchive, removePortal, sha256Hex, startRun, storeCapture, updatePortal, upsertPortal,
} from '../../storage/index.ts';
import { tempArchivePath } from '../helpers/storage-fixtures.ts';

const pdfBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 7), Buffer.from('\n%%EOF')]);

test('the same bytes from two URLs are stored once; each fetch is a capture with its own facts', () => {
  const archive = openArchive(tempArchivePath());
  const portal = upsertPortal(archive, 'http://127.0.0.2/', { name: '测试县人民政府', divisionCode: '410711', level: 'county' });
  const runId = startRun(archive, 'crawl');
  const first = storeCapture(archive, {
    url: 'http://127.0.0.2/P020220121.pdf', status: 200, bytes: pdfBytes, runId, portalId: portal.id,
    headers: { 'Content-Type': 'application/pdf', ETag: '"abc"', 'Last-Modified': 'Fri, 21 Jan 2022 08:00:00 GMT' },
    referrerUrl: 'http://127.0.0.2/art/2022/1/21/art_1.html', linkText: '2021年度报告.pdf', label: 'attachment',
  });
  const mirror = storeCapture(archive, { url: 'http://127.0.0.2/wap/P020220121.pdf', status: 200, bytes: pdfBytes, runId, portalId: portal.id });
  assert.equal(first.isNew, true);
  assert.equal(first.bodyIsNew, true);
  assert.equal(mirror.isNew, true);
  assert.equal(mirror.bodyIsNew, false);
  assert.equal(first.sha256, sha256Hex(pdfBytes));
  assert.equal(archive.db.prepare('SELECT count(*) FROM bodies').pluck().get(), 1);
  const stored = getCapture(archive, first.id)!;
  assert.equal(stored.contentType, 'application/pdf');
  assert.equal(stored.etag, '"abc"');
  assert.equal(stored.lastModified, 'Fri, 21 Jan 2022 08:00:00 GMT');
  assert.equal(stored.size, pdfBytes.length);
  assert.equal(stored.linkText, '2021年度报告.pdf');
  assert.equal(stored.runId, runId);
  assert.deepEqual(getCaptureBody(archive, mirror.id), pdfBytes);
  assert.deepEqual(getBody(archive, first.sha256!), pdfBytes);
  archive.close();
});

test('fetching a URL again: same bytes update the capture, changed bytes add one and keep the old', () => {
  const archive = openArchive(tempArchivePath());
  const url = 'http://127.0.0.3/col/col123/index.html';
  const v1 = storeCapture(archive, { url, status: 200, bytes: Buffer.from('<html>list v1</html>'), fetchedAt: '2026-01-01T02:00:00.000Z' });
  const again = storeCapture(archive, { url, status: 200, bytes: Buffer.from('<html>list v1</html>'), fetchedAt: '2026-01-02T02:00:00.000Z' });
  const v2 = storeCapture(archive, { url, status: 200, bytes: Buffer.from('<html>list v2</html>'), fetchedAt: '2026-01-03T02:00:00.000Z' });
  assert.equal(again.id, v1.id);
  assert.equal(again.isNew, false);
  assert.notEqual(v2.id, v1.id);
  const history = capturesOfUrl(archive, url);
  assert.equal(history.length, 2);
  assert.equal(history[0].seenCount, 2);
  assert.equal(history[0].lastSeenAt, '2026-01-02T02:00:00.000Z');
  assert.equal(getCaptureBody(archive, history[0].id)!.toString(), '<html>list v1</html>');
  assert.equal(getCaptureBody(archive, history[1].id)!.toString(), '<html>list v2</html>');
  archive.close();
});

test('failed fetches are captures without a body; a different error is a new capture', () => {
  const archive = openArchive(tempArchivePath());
  const url = 'http://127.0.0.4/slow.html';
  const timeout = storeCapture(archive, { url, status: null, error: 'timeout after 30 s' });
  const sameTimeout = storeCapture(archive, { url, status: null, error: 'timeout after 30 s' });
  const challenge = storeCapture(archive, { url, status: 412, error: 'challenge-412', bytes: Buffer.from('<script>$_ts=1</script>') });
  assert.equal(sameTimeout.id, timeout.id);
  assert.notEqual(challenge.id, timeout.id);
  assert.equal(getCapture(archive, timeout.id)!.sha256, null);
  assert.equal(getCaptureBody(archive, timeout.id), undefined);
  assert.equal(getCapture(archive, challenge.id)!.status, 412);
  archive.close();
});

test('portals: upsert keeps one row per URL, flags set and cleared, removal disables a crawled one', () => {
  const archive = openArchive(tempArchivePath());
  const a = upsertPortal(archive, 'http://127.0.0.2/', { name: 'A' });
  const again = upsertPortal(archive, 'http://127.0.0.2/', { divisionCode: '410711' });
  assert.equal(again.id, a.id);
  assert.equal(again.name, 'A');
  assert.equal(again.divisionCode, '410711');
  const blocked = updatePortal(archive, a.id, { blockedReason: 'challenge-412', needsBrowser: true, robotsTxt: 'User-agent: *\nDisallow: /private/' });
  assert.equal(blocked.blockedReason, 'challenge-412');
  assert.ok(blocked.blockedAt);
  assert.equal(blocked.needsBrowser, true);
  assert.ok(blocked.robotsFetchedAt);
  assert.equal(updatePortal(archive, a.id, { blockedReason: null }).blockedAt, null);
  const b = upsertPortal(archive, 'http://127.0.0.3/');
  storeCapture(archive, { url: 'http://127.0.0.2/', status: 200, bytes: Buffer.from('home'), portalId: a.id });
  assert.equal(removePortal(archive, a.id), 'disabled');
  assert.equal(removePortal(archive, b.id), 'deleted');
  assert.equal(removePortal(archive, 999), 'absent');
  assert.deepEqual(listPortals(archive).map((p) => [p.url, p.enabled]), [['http://127.0.0.2/', false]]);
  assert.equal(listPortals(archive, { enabledOnly: true }).length, 0);
  assert.equal(getPortal(archive, 'http://127.0.0.2/')!.id, a.id);
  archive.close();
});

test('runs: started, finished with a summary, and a run a kill left running is marked interrupted', () => {
  const archive = openArchive(tempArchivePath());
  const left = startRun(archive, 'crawl');
  const done = startRun(archive, 'crawl');
  finishRun(archive, done, 'problems', { newReports: 3, failures: { timeout: 1 } });
  assert.deepEqual(getRun(archive, done)!.summary, { newReports: 3, failures: { timeout: 1 } });
  assert.equal(getRun(archive, done)!.status, 'problems');
  assert.equal(markInterruptedRuns(archive, 'crawl', new Date(Date.now() + 1000).toISOString()), 1);
  assert.equal(getRun(archive, left)!.status, 'interrupted');
  assert.deepEqual(listRuns(archive).map((r) => r.id), [done, left]);
  archive.close();
});
