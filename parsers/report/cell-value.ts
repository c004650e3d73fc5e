// Reads one cell's string as a figure, by the value rules of the contract: integers for counts,
// decimals as printed for 万元 amounts, signs kept, blanks and dashes null (never 0), units converted.

export type CellKind = 'number' | 'blank' | 'null-marker' | 'text';

export interface CellReading {
  kind: CellKind;
  value: number | null;
  /** The unit printed in the cell itself, if any (`394432.52元`). */
  unit?: string;
}

/** Strings that mean "nothing here" in a published table: they read as null, never as 0. */
const NULL_MARKERS = new Set(['/', '-', '--', '—', '——', '–', '－', '―', '无', '不涉及', '空', '×', '\\', '／', '、', '…']);

function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．]/g, '.')
    .replace(/[，]/g, ',')
    .replace(/[＋]/g, '+')
    .replace(/[－−]/g, '-');
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const WITH_UNIT = /^([+-]?[\d,]+(?:\.\d+)?)(万元|元|件|条|个|项|次|人次)$/;

/** Reads a cell for a field of the given unit. */
export function readCell(raw: string, unit: 'count' | '10k_yuan' = 'count'): CellReading {
  const text = toHalfWidth(raw).replace(/\s+/g, '');
  if (text === '') return { kind: 'blank', value: null };
  if (NULL_MARKERS.has(text)) return { kind: 'null-marker', value: null };
  if (NUMBER.test(text)) return { kind: 'number', value: Number(text.replace(/,/g, '')) };
  const withUnit = text.match(WITH_UNIT);
  if (withUnit) {
    const amount = Number(withUnit[1].replace(/,/g, ''));
    // A 10k-yuan column that prints plain 元 is converted; the raw string is kept beside the value.
    const value = unit === '10k_yuan' && withUnit[2] === '元' ? roundDecimal(amount / 10000, 8) : amount;
    return { kind: 'number', value, unit: withUnit[2] };
  }
  return { kind: 'text', value: null };
}

/** Rounds away binary noise from a decimal conversion (元 → 万元 divides by 10,000). */
export function roundDecimal(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** True when the cell can stand in a value column (a figure, a blank or a null marker). */
export function isValueCell(raw: string): boolean {
  return readCell(raw).kind !== 'text';
}

/** True when the cell holds an actual figure. */
export function isNumberCell(raw: string): boolean {
  return readCell(raw).kind === 'number';
}
