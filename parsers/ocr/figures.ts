// A second reading of the figure cells. chi_sim reads a lone digit on a poor scan as a look-alike
// glyph (0 as 人, 站, 册), and a wrong figure is worse than none. The figure cells of a table are
// read again by tesseract's English model, one line each; the two readings
// decide together, and a cell they cannot agree on is left empty (null) rather than guessed.
// The English model reads digits well on its own; tesseract 5's character whitelist made it
// return nothing for many faint zeros, so none is set: a non-digit answer simply does not count.
import type { GridTable } from './grid.ts';
import { UNREAD } from '../document/unread.ts';
import type { CellReading } from './table.ts';

const FIGURE = /^[+-]?\d+(\.\d+)?$/;
// Dashes and 无 mean "nothing here": the digit model must not turn them into figures.
const NULL_MARKER = /^[/／\\、…—–―－-]+$|^(无|不涉及|空)$/;
// An English reading below this confidence is no better than chi_sim's look-alike glyph.
const MIN_DIGIT_CONFIDENCE = 80;
// An English reading this sure outweighs a less sure, different chi_sim figure.
const SURE_DIGIT_CONFIDENCE = 90;
// Longest chi_sim misreading of a figure worth a second look ("人0", "站", "00人").
const MAX_GLYPHS = 3;
// Longest misreading of a figure cell amid figures (both its row and its column) worth that look.
const MAX_GARBLED = 6;

/** The figure pass settings for tesseract: English model, one text line per cell. */
export const FIGURE_MODE = { lang: 'eng', psm: 7 };
/**
 * The tie-break settings: chi_sim again, but on the crop without marks and as one line (psm 7)
 * rather than a block. Read so, a 0 that a pen stroke made chi_sim's block reading "0." or "人"
 * comes out clean; it is a third opinion, never a reading on its own.
 */
export const TIE_BREAK_MODE = { lang: 'chi_sim', psm: 7 };

function isFigure(text: string): boolean {
  return FIGURE.test(text);
}

/**
 * Cells worth a digit reading: short or figure readings in a row or column that holds figures
 * elsewhere (two figures at least), so labels and headers are never re-read as digits. A cell
 * that had coloured ink over it (`stamped`: a seal's stroke read as 人) needs one figure beside
 * it: a small table's row (政府集中采购 | 0 | 0) has no more, and its misread figure must be
 * judged by both readings rather than pass as text.
 */
export function figureCandidates(table: GridTable, readings: CellReading[], stamped: boolean[] = []): number[] {
  const rowFigures = new Map<number, number>();
  const colFigures = new Map<number, number>();
  table.cells.forEach((cell, i) => {
    if (!isFigure(readings[i].text)) return;
    rowFigures.set(cell.row, (rowFigures.get(cell.row) ?? 0) + 1);
    colFigures.set(cell.col, (colFigures.get(cell.col) ?? 0) + 1);
  });
  return table.cells.flatMap((cell, i) => {
    const text = readings[i].text;
    if (readings[i].confidence === 100 && text === '') return []; // no ink: certainly blank
    if (NULL_MARKER.test(text)) return [];
    if (!isFigure(text) && /[\u4e00-\u9fff]{2}/.test(text) && !/\d/.test(text)) return []; // a short label (其他, 总计)
    const own = isFigure(text) ? 1 : 0;
    const [inRow, inCol] = [(rowFigures.get(cell.row) ?? 0) - own, (colFigures.get(cell.col) ?? 0) - own];
    const glyphs = [...text].length;
    // Longer garbage ("广内三0;", a ring round a 0 under a seal) is a figure misread only where
    // both its row and its column are figures: a label's column and a header's row are not.
    if (!isFigure(text) && glyphs > MAX_GLYPHS) return glyphs <= MAX_GARBLED && inRow >= 2 && inCol >= 2 ? [i] : [];
    const needed = stamped[i] ? 1 : 2;
    return inRow >= needed || inCol >= needed ? [i] : [];
  });
}

/**
 * The cell's reading once both models have spoken: agreement keeps the figure; a figure that
 * only the English model sees, with confidence, replaces a look-alike glyph; two different
 * figures are settled for the English model only when it is sure and surer than chi_sim (chi_sim
 * reads 26 as 20 and 66 as 00 with confidence 90, English reads them right at 97); a sure chi_sim
 * figure that English does not read as any figure stands; anything else leaves the cell empty.
 */
export function decideFigure(first: CellReading, digits: CellReading): CellReading {
  const [a, b] = [first.text, digits.text];
  if (isFigure(a) && a === b) return { text: a, confidence: Math.max(first.confidence, digits.confidence) };
  const englishSure = isFigure(b) && digits.confidence >= MIN_DIGIT_CONFIDENCE;
  if (englishSure && !isFigure(a)) return { text: b, confidence: digits.confidence };
  if (englishSure && digits.confidence >= SURE_DIGIT_CONFIDENCE && digits.confidence > first.confidence) return { text: b, confidence: digits.confidence };
  // English saw no figure at all (a blank, or "(" for a large serif 0): chi_sim's sure figure stands.
  if (isFigure(a) && !isFigure(b) && first.confidence >= MIN_DIGIT_CONFIDENCE) return first;
  return UNREAD;
}

/**
 * A cell the two readings left empty, given a third reading: it stands only when it is a sure
 * figure (confidence ≥ 90) and one of the earlier readings is that very figure, so two models (or
 * one model on two crops) saw the same figure and no figure rests on a single reading.
 */
export function settleByThirdReading(first: CellReading, digits: CellReading, third: CellReading): CellReading {
  if (!isFigure(third.text) || third.confidence < SURE_DIGIT_CONFIDENCE) return UNREAD;
  return third.text === first.text || third.text === digits.text ? third : UNREAD;
}
