// A ballpoint mark (tick, ring, underline) is coloured only where its stroke is wide: JPEG keeps
// colour at half resolution, so a thin arm of a navy tick comes out a neutral grey that no colour
// test can tell from print, and once the coloured part is dropped the grey arm stays beside the
// figure, joins its run of digits and leaves the cell unread. The stroke is still one connected
// piece of ink, part of it coloured: such a piece, small (a mark, not a seal over a table) and not
// reaching far from its coloured part (the grey is only the stroke's thin ends, never a digit
// beside it), goes as a whole. A seal's red is left to colour.ts (print
// under it is recovered there); a pen stroke that touches a printed digit reaches that far through
// the digit and so stays as it was (its coloured part dropped, the cell judged as stamped).
import { longRunMask, type GreyImage } from './rules.ts';
import { PEN_STROKE } from './colour.ts';

// A tick in a narrow column touches the cell's ruling: long straight runs (the rulings, as grid.ts
// finds them: this long, this dark) are not part of any mark and stop the walk.
const RULING_RUN = 80;
const RULING_DARK = 200;
// Ink of a stroke for this purpose (flattened grey); the halo lighter than this is left to whitening.
const STROKE = 200;
// A mark fits in this box (pixels at 300 dpi, ~20 mm): a ring round a figure, a tick; a seal does not.
const MAX_MARK = 240;
// The grey parts of a pen stroke lie this close (pixels) to its coloured part: JPEG's colour is
// smeared over 2×2 blocks of the 150 dpi photo, so a thin arm keeps no colour for a few blocks.
// A printed digit touching the mark has ink farther away than this.
const NEAR_COLOUR = 12;
// Neutral pixels at least this dark count as ink for that distance (lighter ones are halo).
const NEUTRAL_INK = 150;
// A piece needs this many saturated pixels to count as a pen mark (a few tinted pixels round print do not).
const MIN_COLOURED = 8;

interface Piece {
  pixels: number[];
  left: number;
  top: number;
  width: number;
  height: number;
  coloured: number;
  red: number;
}

/** Whether a saturated pixel is a seal's red rather than a pen's blue (or another ink). */
function isRed(rgb: Uint8Array, i: number): boolean {
  const [r, g, b] = [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
  return r > g && r > b;
}

function pieceAt(start: number, image: GreyImage, coloured: Uint8Array, rgb: Uint8Array, seen: Uint8Array, stack: Int32Array): Piece {
  // `seen` starts with the rulings set, so the walk never enters them.
  const { width, height, pixels } = image;
  const piece: Piece = { pixels: [], left: 0, top: 0, width: 0, height: 0, coloured: 0, red: 0 };
  let [left, right, top, bottom] = [width, -1, height, -1];
  let size = 0;
  stack[size++] = start;
  seen[start] = 1;
  while (size) {
    const i = stack[--size];
    const [x, y] = [i % width, (i - (i % width)) / width];
    piece.pixels.push(i);
    [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
    if (coloured[i] === 1) { piece.coloured++; if (isRed(rgb, i)) piece.red++; }
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const [xx, yy] = [x + dx, y + dy];
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
      const j = yy * width + xx;
      if (!seen[j] && (coloured[j] || pixels[j] < STROKE)) { seen[j] = 1; stack[size++] = j; }
    }
    // A piece past the size of a mark is not one: its pixels are still visited (marked seen) to
    // keep the walk linear, but are not kept.
    if (piece.pixels.length > MAX_MARK * MAX_MARK) piece.pixels.length = 0;
  }
  [piece.left, piece.top, piece.width, piece.height] = [left, top, right - left + 1, bottom - top + 1];
  return piece;
}

/**
 * Whether every neutral ink pixel of the piece lies within NEAR_COLOUR of a coloured one
 * (chessboard distance, two passes over the piece's box).
 */
function hugsItsColour(p: Piece, image: GreyImage, coloured: Uint8Array): boolean {
  const { width: w, height: h } = p;
  const far = NEAR_COLOUR + 1;
  const distance = new Uint8Array(w * h).fill(far);
  for (const i of p.pixels) if (coloured[i] === 1) distance[(Math.floor(i / image.width) - p.top) * w + (i % image.width) - p.left] = 0;
  const relax = (k: number, x: number, y: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const j = y * w + x;
    if (distance[j] + 1 < distance[k]) distance[k] = distance[j] + 1;
  };
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const k = y * w + x; relax(k, x - 1, y); relax(k, x - 1, y - 1); relax(k, x, y - 1); relax(k, x + 1, y - 1); }
  for (let y = h - 1; y >= 0; y--) for (let x = w - 1; x >= 0; x--) { const k = y * w + x; relax(k, x + 1, y); relax(k, x + 1, y + 1); relax(k, x, y + 1); relax(k, x - 1, y + 1); }
  return p.pixels.every((i) => coloured[i] || image.pixels[i] >= NEUTRAL_INK
    || distance[(Math.floor(i / image.width) - p.top) * w + (i % image.width) - p.left] <= NEAR_COLOUR);
}

function isPenMark(p: Piece, image: GreyImage, coloured: Uint8Array): boolean {
  return p.coloured >= MIN_COLOURED && p.red * 2 < p.coloured && p.width <= MAX_MARK && p.height <= MAX_MARK
    && p.pixels.length > 0 && hugsItsColour(p, image, coloured);
}

/**
 * Extends the coloured-ink mask (colour.ts, on the flattened page `image`) over the whole stroke
 * of every small non-red mark that is partly coloured (PEN_STROKE). Returns the mask.
 */
export function withPenStrokes(image: GreyImage, coloured: Uint8Array | null, rgb: Uint8Array | null): Uint8Array | null {
  if (!coloured || !rgb) return coloured;
  const seen = longRunMask(image, RULING_RUN, RULING_DARK);
  const stack = new Int32Array(coloured.length);
  for (let start = 0; start < coloured.length; start++) {
    if (coloured[start] !== 1 || seen[start]) continue;
    const piece = pieceAt(start, image, coloured, rgb, seen, stack);
    if (isPenMark(piece, image, coloured)) for (const i of piece.pixels) if (!coloured[i]) coloured[i] = PEN_STROKE;
  }
  return coloured;
}
