// Places rows of figures that lost their label (PDF→text conversions often print a vertical or
// wrapped label away from its row) by the template's row order: a run of such rows between two
// rows that kept their labels fills the template rows left free between those two, but only when
// the counts match exactly and every row fits the columns. Otherwise nothing is guessed.
import { fitValues } from './row-values.ts';
import type { Cell } from '../document/types.ts';

/** What the walker saw in table "applications", in reading order. */
export type AppsEvent = { kind: 'row'; id: string } | { kind: 'bare'; values: Cell[] };

/** A label-less row and the template row it was placed in. */
export interface Placement {
  id: string;
  values: Cell[];
}

/** Where the label-less rows went, and a doubt for every run (placed by order, or left out). */
export interface RunOutcome {
  placements: Placement[];
  doubts: { ids: string[]; message: string }[];
}

interface Run {
  before: string | null;
  after: string | null;
  rows: Cell[][];
}

/** The application row ids of a template, in printed order, from its field keys. */
export function applicationRowOrder(keys: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const key of keys) {
    const m = key.match(/^apps\.([a-z_]+)\.total$/);
    if (m) ids.push(m[1]);
  }
  return ids;
}

function runsOf(events: AppsEvent[]): Run[] {
  const runs: Run[] = [];
  let before: string | null = null;
  let current: Run | null = null;
  for (const event of events) {
    if (event.kind === 'row') {
      if (current) runs.push({ ...current, after: event.id });
      current = null;
      before = event.id;
    } else {
      current ??= { before, after: null, rows: [] };
      current.rows.push(event.values);
    }
  }
  if (current) runs.push(current);
  return runs;
}

/** Template rows strictly between the run's neighbours not yet read; null when a neighbour is unknown or they are out of order. */
function freeSlots(run: Run, order: string[], isRead: (id: string) => boolean): string[] | null {
  const from = run.before === null ? -1 : order.indexOf(run.before);
  const to = run.after === null ? order.length : order.indexOf(run.after);
  const unknown = (run.before !== null && from < 0) || to < 0;
  if (unknown || from >= to) return null;
  return order.slice(from + 1, to).filter((id) => !isRead(id));
}

function describe(run: Run): string {
  const where = `between ${run.before ?? 'the table head'} and ${run.after ?? 'the table end'}`;
  return `${run.rows.length} row(s) of figures with no label ${where}`;
}

/** Decides where each run of label-less rows goes; `isRead` says whether a template row already has figures. */
export function placeUnlabelledRows(events: AppsEvent[], order: string[], columns: number, isRead: (id: string) => boolean): RunOutcome {
  const out: RunOutcome = { placements: [], doubts: [] };
  const placed = new Set<string>();
  const taken = (id: string) => placed.has(id) || isRead(id);
  for (const run of runsOf(events)) {
    const slots = freeSlots(run, order, taken);
    const fits = run.rows.every((values) => values.length >= columns && !fitValues(values, columns).doubt);
    if (slots && slots.length === run.rows.length && fits) {
      run.rows.forEach((values, i) => out.placements.push({ id: slots[i], values }));
      slots.forEach((id) => placed.add(id));
      // Placed by order, not by a label: an inference, kept as a doubt so a failing sum blames the parse.
      out.doubts.push({ ids: slots, message: `${describe(run)} placed by template order (${slots.join(', ')})` });
    } else {
      const why = !slots ? 'its neighbours are out of template order' : !fits ? 'a row does not fit the columns' : `${slots.length} template row(s) free there`;
      out.doubts.push({ ids: slots ?? [], message: `${describe(run)} left out: ${why}` });
    }
  }
  return out;
}
