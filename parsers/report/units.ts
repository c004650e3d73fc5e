// Units of amounts. The template prints 万元, but a table may declare another unit for a column
// (`采购总金额（元）`), for the whole table (`单位：元` above it), or in the cell (`251000元`): the
// unit printed nearest the figure wins, the figure is converted to 万元, and the unit it was read
// in is kept in its provenance. A figure far off any plausible size for its unit is a doubt.
import { readCell, roundDecimal } from './cell-value.ts';
import type { Provenance } from '../document/types.ts';

export type AmountUnit = '元' | '万元';

const UNIT_IN_TEXT = /(?:单位\s*[:：]\s*)?(万元|元)(?=\s*[）)，,]|\s*$)/;

/** The unit a header cell declares for its column (`采购总金额（元）`, `本年收费金额（单位：万元）`). */
export function unitInHeader(text: string): AmountUnit | null {
  const bracket = text.match(/[（(][^）)]*?(万元|元)[^）)]*[）)]/);
  if (bracket) return bracket[1] as AmountUnit;
  const plain = text.replace(/\s+/g, '').match(UNIT_IN_TEXT);
  return plain && /单位|金额|费/.test(text) ? (plain[1] as AmountUnit) : null;
}

/** A note that gives the unit of a whole table: `单位：元`, `（单位：万元）`, `金额单位：元`. */
export function tableUnitNote(text: string): AmountUnit | null {
  const m = text.replace(/\s+/g, '').match(/^[（(]?(?:金额)?单位[:：](万元|元)[）)]?$/);
  return m ? (m[1] as AmountUnit) : null;
}

export interface AmountReading {
  value: number | null;
  unit: AmountUnit;
  unitFrom: NonNullable<Provenance['unitFrom']>;
  /** Why the figure is doubtful for its unit, when it is. */
  doubt?: string;
}

/** Beyond these a 万元 figure is implausible: 100亿元 for an organ's fees or procurement, and 1亿元 when no unit is printed. */
const MAX_DECLARED_10K = 1_000_000;
const MAX_UNDECLARED_10K = 10_000;

/** Reads an amount cell: the cell's own unit, else the column's or the table's, else the template's 万元. */
export function readAmount(raw: string, columnUnit: AmountUnit | null, tableUnit: AmountUnit | null): AmountReading {
  const cell = readCell(raw, '10k_yuan');
  const cellUnit = cell.unit === '元' || cell.unit === '万元' ? cell.unit : null;
  const unit = cellUnit ?? columnUnit ?? tableUnit ?? '万元';
  const unitFrom = cellUnit ? 'cell' : columnUnit ? 'header' : tableUnit ? 'table note' : 'template';
  if (cell.value === null) return { value: null, unit, unitFrom };
  // readCell already converted a cell that prints 元; a bare figure under a 元 header is converted here.
  const value = unit === '元' && !cellUnit ? roundDecimal(cell.value / 10000, 8) : cell.value;
  const limit = unitFrom === 'template' ? MAX_UNDECLARED_10K : MAX_DECLARED_10K;
  const doubt = Math.abs(value) >= limit
    ? `${raw.trim()} read in ${unit}${unitFrom === 'template' ? ' (no unit printed)' : ''} is ${value} 万元, implausibly large: the unit may be misprinted`
    : undefined;
  return { value, unit, unitFrom, doubt };
}
