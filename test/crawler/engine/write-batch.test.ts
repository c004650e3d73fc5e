// The run's batched writer on a real archive: writes queued in one turn of the event loop commit in
// one transaction; one that throws rejects alone and leaves nothing behind, the others land.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToFrontier, frontierEntries, openArchive, upsertPortal } from '../../../storage/index.ts';
import { WriteBatcher } from '../../../crawler/engine/write-batch.ts';

test('writes of one turn share a batch; a failing write rejects alone', async () => {
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-writer-')), 'archive.sqlite'));
  try {
    const portal = upsertPortal(archive, 'http://127.0.0.9/', {});
    const writer = new WriteBatcher(archive);
    const add = (path: string) => writer.write(() => addToFrontier(archive, portal.id, [{ url: `http://127.0.0.9/${path}`, label: 'list' }])[0].id);
    const results = await Promise.allSettled([
      add('a'), add('b'),
      writer.write(() => { addToFrontier(archive, portal.id, [{ url: 'http://127.0.0.9/broken', label: 'list' }]); throw new Error('bad page'); }),
      add('c'),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((results[2] as PromiseRejectedResult).reason), /bad page/);
    assert.deepEqual(writer.stats, { batches: 1, writes: 4 });
    assert.deepEqual(frontierEntries(archive, portal.id).map((e) => e.url.slice(-1)), ['a', 'b', 'c']);
    await add('d');
    assert.equal(writer.stats.batches, 2, 'a later turn makes a new batch');
  } finally {
    archive.close();
  }
});
