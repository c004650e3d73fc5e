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
import { walkConnected } from './connected.ts';

// A tick in a narrow column touches the cell's ruling: long straight runs (the rulings, as grid.ts
// finds them: this long, this dark) are not part of any mark and stop the walk.
const RULING_RUN = 80;
const RULING_DARK = 200;
// Ink of a stroke for this purpose (flattened grey); the halo lighter than this is left to whitening.
const STROKE = 200;
// A mark fits in this box (pixels at 300 dpi, ~20 mm): a ring round a figure, a tick; a seal does not.
const MAX_MARK = 240;
// The grey parts of a pen stroke lie this close (pixels) to its coloured part and are fewer than
// its coloured pixels: JPEG's colour is smeared over 2×2 blocks of the 150 dpi photo, so a thin
// arm or a ring's tail keeps no colour for a few blocks. A printed digit touching the mark has
// ink farther away than this, or more grey ink than the mark has colour.
const NEAR_COLOUR = 24;
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
  seen[start] = 1;
  const joins = (j: number) => {
    if (seen[j] || (coloured[j] === 0 && pixels[j] >= STROKE)) return false;
    seen[j] = 1;
    return true;
  };
  walkConnected(width, height, start, joins, (i, x, y) => {
    piece.pixels.push(i);
    [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
    if (coloured[i] === 1) { piece.coloured++; if (isRed(rgb, i)) piece.red++; }
    // A piece past the size of a mark is not one: its pixels are still visited (marked seen) to
    // keep the walk linear, but are not kept.
    if (piece.pixels.length > MAX_MARK * MAX_MARK) piece.pixels.length = 0;
  }, stack);
  [piece.left, piece.top, piece.width, piece.height] = [left, top, right - left + 1, bottom - top + 1];
  return piece;
}

/** Chessboard distance (two passes) from the pixels where `source` holds, capped at `cap`. */
function distanceFrom(width: number, height: number, cap: number, source: (k: number) => boolean): Uint8Array {
  const distance = new Uint8Array(width * height);
  for (let k = 0; k < distance.length; k++) distance[k] = source(k) ? 0 : cap;
  const relax = (k: number, x: number, y: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const j = y * width + x;
    if (distance[j] + 1 < distance[k]) distance[k] = distance[j] + 1;
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) { const k = y * width + x; relax(k, x - 1, y); relax(k, x - 1, y - 1); relax(k, x, y - 1); relax(k, x + 1, y - 1); }
  for (let y = height - 1; y >= 0; y--) for (let x = width - 1; x >= 0; x--) { const k = y * width + x; relax(k, x + 1, y); relax(k, x + 1, y + 1); relax(k, x, y + 1); relax(k, x - 1, y + 1); }
  return distance;
}

/** Whether the piece's neutral ink lies within NEAR_COLOUR of its coloured pixels and is less than they are. */
function hugsItsColour(p: Piece, image: GreyImage, coloured: Uint8Array): boolean {
  const inPiece = new Uint8Array(p.width * p.height);
  const local = (i: number) => (Math.floor(i / image.width) - p.top) * p.width + (i % image.width) - p.left;
  for (const i of p.pixels) if (coloured[i] === 1) inPiece[local(i)] = 1;
  const distance = distanceFrom(p.width, p.height, NEAR_COLOUR + 1, (k) => inPiece[k] === 1);
  let grey = 0;
  for (const i of p.pixels) {
    if (coloured[i] || image.pixels[i] >= NEUTRAL_INK) continue;
    if (distance[local(i)] > NEAR_COLOUR) return false;
    grey++;
  }
  return grey <= p.coloured;
}

function isPenMark(p: Piece, image: GreyImage, coloured: Uint8Array): boolean {
  return p.coloured >= MIN_COLOURED && p.red * 2 < p.coloured && p.width <= MAX_MARK && p.height <= MAX_MARK
    && p.pixels.length > 0 && hugsItsColour(p, image, coloured);
}

/**
 * Extends the coloured-ink mask (colour.ts, on the flattened page `image`) over the whole stroke
 * of every small non-red mark that is partly coloured, and over the grey fragments left beside
 * such ink (PEN_STROKE). Returns the mask.
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
  dropPenFragments(image, coloured, rgb, seen, stack);
  return coloured;
}

// A ring drawn in pen breaks, once its colour is dropped, into grey dashes with no coloured pixel
// of their own, each wrapped in the pen's tinted fringe: a piece of ink every pixel of which lies
// this close (pixels) to pen ink is such a dash. A printed digit inside the ring is farther away.
const NEAR_FRAGMENT = 4;

/** Marks (PEN_STROKE) the small grey pieces not yet walked that lie wholly against non-red coloured ink. */
function dropPenFragments(image: GreyImage, coloured: Uint8Array, rgb: Uint8Array, seen: Uint8Array, stack: Int32Array): void {
  const pen = (k: number) => coloured[k] === PEN_STROKE || (coloured[k] !== 0 && !isRed(rgb, k));
  const distance = distanceFrom(image.width, image.height, NEAR_FRAGMENT + 1, pen);
  for (let start = 0; start < coloured.length; start++) {
    if (seen[start] || coloured[start] || image.pixels[start] >= NEUTRAL_INK || distance[start] > NEAR_FRAGMENT) continue;
    const piece = pieceAt(start, image, coloured, rgb, seen, stack);
    if (piece.coloured > 0 || piece.pixels.length === 0 || piece.width > MAX_MARK || piece.height > MAX_MARK) continue;
    const against = piece.pixels.every((i) => coloured[i] || image.pixels[i] >= NEUTRAL_INK || distance[i] <= NEAR_FRAGMENT);
    if (against) for (const i of piece.pixels) if (!coloured[i]) coloured[i] = PEN_STROKE;
  }
}
