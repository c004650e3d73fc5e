// V8 runs its first full collection only once the old generation has grown to about 256 MiB, and
// a crawl of many portals at once churns through that much short-lived garbage (parsed page
// trees, response buffers) while what it keeps stays under 100 MiB: 100 portals peaked at 360–390
// MiB of RSS (270 MiB with this budget), and the same crawl under a 128 MiB heap cap ran to its end
// at 224 MiB. A fixed cap
// would crash a crawl meeting one huge page, so instead the crawl asks for a full collection
// itself whenever the heap in use passes a budget; V8 still grows the heap past it when the live
// data needs more.
import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap in use (MiB) above which the crawl asks V8 for a full collection. */
export const HEAP_BUDGET_MIB = 112;
// Checked once per this many requests: reading the heap statistics is cheap but not free.
const CHECK_EVERY = 16;

let collector: (() => void) | null | undefined;

/** V8's full collection, made callable at run time (`--expose-gc` set now, `gc` taken from a fresh context). */
function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    v8.setFlagsFromString('--expose-gc');
    collector = vm.runInNewContext('gc') as () => void;
  } catch {
    collector = null;
  }
  return collector;
}

/** A check to call per request: every CHECK_EVERY calls, a full collection when the heap passed the budget. */
export function heapBudget(budgetMiB = HEAP_BUDGET_MIB): () => void {
  let calls = 0;
  let floor = budgetMiB;
  return () => {
    if (++calls % CHECK_EVERY !== 0) return;
    if (v8.getHeapStatistics().used_heap_size / 1048576 < floor) return;
    fullCollection()?.();
    // Live data above the budget: the next collection waits for the heap to grow by half again,
    // so a crawl that needs more memory is not collected over and over.
    const live = v8.getHeapStatistics().used_heap_size / 1048576;
    floor = Math.max(budgetMiB, live * 1.5);
  };
}
