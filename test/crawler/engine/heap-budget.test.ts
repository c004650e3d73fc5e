// The crawl's heap budget: past it, a full collection is asked for, so garbage a crawl churns
// through does not sit in the heap until V8's own first full collection at ~256 MiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { heapBudget } from '../../../crawler/engine/heap-budget.ts';

const usedMiB = () => v8.getHeapStatistics().used_heap_size / 1048576;

test('past the budget the heap is collected down to what is live', () => {
  const check = heapBudget(usedMiB() + 40);
  // Garbage that survives scavenges (it is referenced while it is built): old-generation garbage.
  let garbage: { i: number; s: string }[] | null = [];
  for (let i = 0; i < 1_500_000; i++) garbage.push({ i, s: `row ${i}` });
  garbage = null;
  const before = usedMiB();
  assert.ok(before > 80, `the garbage is in the heap (${before.toFixed(0)} MiB)`);
  for (let i = 0; i < 16; i++) check();
  const after = usedMiB();
  assert.ok(after < before / 2, `collected: ${before.toFixed(0)} → ${after.toFixed(0)} MiB`);
});
