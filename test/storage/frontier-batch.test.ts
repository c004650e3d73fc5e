// Batched writes and the growing frontier read as a crawl reads it, on a real SQLite archive: one
// piece of a batch that throws is undone alone while the others commit; queued rows are read past
// a cursor, oldest first, without the pages a browser must render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToFrontier, frontierEntries, inBatch, openArchive, queuedEntriesAfter, settleEntry, upsertPortal } from '../../storage/index.ts';

function freshArchive() {
  return openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-batch-')), 'archive.sqlite'));
}

test('inBatch: a throwing piece is undone alone, the others commit together', () => {
  const archive = freshArchive();
  try {
    const portal = upsertPortal(archive, 'http://127.0.0.9/', {});
    const outcomes = inBatch(archive, [
      () => addToFrontier(archive, portal.id, [{ url: 'http://127.0.0.9/a', label: 'list' }]).length,
      () => {
        addToFrontier(archive, portal.id, [{ url: 'http://127.0.0.9/b', label: 'list' }]);
        throw new Error('half-written page');
      },
      () => addToFrontier(archive, portal.id, [{ url: 'http://127.0.0.9/c', label: 'list' }]).length,
    ]);
    assert.deepEqual(outcomes.map((o) => o.ok), [true, false, true]);
    assert.match(String((outcomes[1] as { error: Error }).error.message), /half-written page/);
    assert.deepEqual(frontierEntries(archive, portal.id).map((e) => e.url), ['http://127.0.0.9/a', 'http://127.0.0.9/c']);
  } finally {
    archive.close();
  }
});

test('queuedEntriesAfter reads queued rows past a cursor, oldest first, leaving browser pages out', () => {
  const archive = freshArchive();
  try {
    const portal = upsertPortal(archive, 'http://127.0.0.9/', {});
    const added = addToFrontier(archive, portal.id, ['a', 'b', 'c', 'd', 'e'].map((p, i) => ({ url: `http://127.0.0.9/${p}`, label: i === 2 ? 'browser' : 'list' })));
    settleEntry(archive, added[1].id, { status: 'done' });
    const first = queuedEntriesAfter(archive, portal.id, 0, 2);
    assert.deepEqual(first.map((e) => e.url), ['http://127.0.0.9/a', 'http://127.0.0.9/d']);
    const rest = queuedEntriesAfter(archive, portal.id, first[first.length - 1].id, 10);
    assert.deepEqual(rest.map((e) => e.url), ['http://127.0.0.9/e']);
    assert.deepEqual(queuedEntriesAfter(archive, portal.id, rest[0].id, 10), []);
  } finally {
    archive.close();
  }
});
