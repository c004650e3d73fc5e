// The application table's row-group headers (三、本年度办理结果, （三）不予公开…) are printed one or a
// few characters per line in a narrow column; their pieces land between the real rows as junk
// lines or as a stray first cell. They carry no figures, so the pieces are dropped from the rows.
import type { Row } from '../types.ts';

const VERTICAL_HEADERS = ['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理', '申请人情况', '法人或其他组织'];

function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** A short piece of one of the vertical headers (but not a whole numbered label like `（三）`). */
export function isVerticalHeaderPiece(text: string): boolean {
  const piece = normalise(text);
  if (piece.length === 0 || piece.length > 5 || /\d/.test(piece)) return false;
  return VERTICAL_HEADERS.some((header) => header.includes(piece) && header !== piece);
}

/** Drops vertical-header pieces: whole one-cell rows, and a stray first cell before a label cell. */
export function dropVerticalHeaderPieces(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    if (row.cells.length === 1 && isVerticalHeaderPiece(row.cells[0].text)) continue;
    if (row.cells.length > 2 && isVerticalHeaderPiece(row.cells[0].text) && /[\u4e00-\u9fff]/.test(row.cells[1].text)) {
      out.push({ ...row, cells: row.cells.slice(1) });
    } else out.push(row);
  }
  return out;
}
