// The 8-connected walk that splits ink into pieces: marks (marks.ts), pen strokes (pen.ts) and the
// pieces of a set of pixels all use it, each with its own rule for which pixels join.
import type { GreyImage } from './rules.ts';

/**
 * Walks the pixels 8-connected to `start` (already taken by the caller) that `joins` takes: it is
 * asked once per neighbour and must remember what it took, so each pixel is visited once. `stack`
 * may be a reused buffer of at least width × height entries (a walk over a whole page).
 */
export function walkConnected(
  width: number, height: number, start: number, joins: (j: number) => boolean, visit: (i: number, x: number, y: number) => void,
  stack: Int32Array | number[] = [],
): void {
  let size = 0;
  stack[size++] = start;
  while (size) {
    const i = stack[--size];
    const x = i % width;
    const y = (i - x) / width;
    visit(i, x, y);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const [xx, yy] = [x + dx, y + dy];
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
      const j = yy * width + xx;
      if (joins(j)) stack[size++] = j;
    }
  }
}

/** The 8-connected pieces of a set of pixels of an image `width` wide. */
export function pieces(pixels: number[], image: Pick<GreyImage, 'width' | 'height'>): number[][] {
  const left = new Set(pixels);
  const found: number[][] = [];
  for (const start of pixels) {
    if (!left.delete(start)) continue;
    const piece: number[] = [];
    walkConnected(image.width, image.height, start, (j) => left.delete(j), (i) => piece.push(i));
    found.push(piece);
  }
  return found;
}
