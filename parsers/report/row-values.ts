// Splits a row into its label and its value cells, and fits the value cells to the number of
// columns the row should have, tolerating the stray empty or extra cells real tables carry.
import { isNumberCell, isValueCell } from './cell-value.ts';
import type { Cell, Row } from '../document/types.ts';

export interface RowParts {
  label: string;
  values: Cell[];
  /** The row has cells after its label (blank or not): a table row, not a wrapped label line. */
  hasValueCells: boolean;
  numbers: number;
}

/** Label = the text cells; values = every cell after the last text cell (merged positions skipped). */
export function splitRow(row: Row): RowParts {
  const cells = row.cells.filter((c) => !c.continuation);
  let lastLabel = -1;
  cells.forEach((c, i) => {
    if (!isValueCell(c.text)) lastLabel = i;
  });
  const label = cells.slice(0, lastLabel + 1).map((c) => c.text.trim()).join('');
  const values = cells.slice(lastLabel + 1);
  return {
    label,
    values,
    hasValueCells: values.length > 0,
    numbers: values.filter((c) => isNumberCell(c.text)).length,
  };
}

export interface FittedValues {
  cells: (Cell | null)[];
  /** Why the fit is doubtful, when it is (extra or missing cells). */
  doubt?: string;
}

function isBlank(cell: Cell): boolean {
  return cell.text.trim() === '';
}

/**
 * Chooses `count` consecutive cells: the window whose outside cells are all blank, else the one
 * with the fewest figures left outside (leftmost on a tie, with a doubt recorded).
 */
export function fitValues(values: Cell[], count: number): FittedValues {
  if (values.length === count) return { cells: values };
  if (values.length < count) {
    // Blank cells vanished (space-separated text): the figures cannot be placed, so none is.
    const figures = values.filter((c) => !isBlank(c)).length;
    const doubt = figures === 0 ? `no cells for ${count} columns` : `${values.length} cells for ${count} columns: positions unknown`;
    return { cells: Array(count).fill(null), doubt };
  }
  let best = { start: 0, outsideFigures: Infinity };
  for (let start = 0; start + count <= values.length; start++) {
    const outside = [...values.slice(0, start), ...values.slice(start + count)];
    const outsideFigures = outside.filter((c) => !isBlank(c)).length;
    if (outsideFigures < best.outsideFigures) best = { start, outsideFigures };
  }
  const cells = values.slice(best.start, best.start + count);
  return best.outsideFigures === 0
    ? { cells }
    : { cells, doubt: `${values.length} cells for ${count} columns: ${best.outsideFigures} extra figure(s) dropped` };
}
