// A figure cell of an annotated copy without the reader's marks, for the digits-only reading. A
// reviewer's pen or pencil rings a figure, underlines it, ticks it; chi_sim then reads 0 as ©
// or 0_ and the figure is lost (or, worse, a tick joins the digits). Printed digits are solid,
// near-black, close together on one line, and none encloses another: a stroke that encloses the
// rest (a ring), lies wholly under or over the figures (an underline), is light all through (pencil,
// a coloured mark's faded fringe) or stands apart from the run of digits (a tick) is not the figure
// and is whitened. Only the figure pass uses this:
// Chinese glyphs (回, 国) do enclose parts of themselves.
import type { GreyImage } from './rules.ts';
import { CROP_MARGIN } from './table.ts';
import { pieces, walkConnected } from './connected.ts';

// Ink for this purpose; a component whose darkest pixel is lighter than PRINT_CORE is not print.
const INK = 170;
const PRINT_CORE = 105;
// Components smaller than this (pixels) are specks, left alone (a decimal point is one).
const SPECK = 6;
// Pixels this close to a mark and lighter than INK are its edge.
const HALO = 2;
// Glyphs of one figure stand at most this share of its height apart (digits of a printed figure
// ~0.2, a tick after it 0.4–1: a tick this close stays and leaves the cell unread, never a digit lost).
const RUN_GAP = 0.6;
// A glyph at the run's right end with fewer pixels than this share of the largest one is not a
// digit (a "1" has ~0.3 of a "0"; a tick's end or a dot ~0.1).
const TRAILING_SHARE = 0.2;
// A glyph ending this close (pixels) to the crop's right edge runs into the ruling (whose pixels
// were left out of the crop, so the glyph stops a little short of the edge).
const EDGE_SLACK = 4;
// Digits of one figure share their top and foot within this share of its height.
const ALIGN = 0.15;
// A piece whose top is more than this many pixels below the figure's foot stands under the line.
const BELOW_GAP = 2;

interface Component {
  pixels: number[];
  left: number;
  top: number;
  right: number;
  bottom: number;
  darkest: number;
}

function components(image: GreyImage): Component[] {
  const { width, height, pixels } = image;
  const label = new Int32Array(width * height).fill(-1);
  const found: Component[] = [];
  for (let start = 0; start < pixels.length; start++) {
    if (pixels[start] >= INK || label[start] >= 0) continue;
    const c: Component = { pixels: [], left: width, top: height, right: -1, bottom: -1, darkest: 255 };
    label[start] = found.length;
    const joins = (j: number) => {
      if (label[j] >= 0 || pixels[j] >= INK) return false;
      label[j] = found.length;
      return true;
    };
    walkConnected(width, height, start, joins, (i, x, y) => {
      c.pixels.push(i);
      c.left = Math.min(c.left, x); c.right = Math.max(c.right, x);
      c.top = Math.min(c.top, y); c.bottom = Math.max(c.bottom, y);
      c.darkest = Math.min(c.darkest, pixels[i]);
    });
    found.push(c);
  }
  return found;
}

/**
 * A figure ends in a digit: what ends the run at its right and is much smaller than a digit, or
 * does not stand on the digits' line (top and foot both with the largest glyph's: lining figures
 * are all one height), or runs into the cell's right ruling (print keeps clear of it; a tick in a
 * narrow column is cut there), is a tick or its end, not print. Only the right end: a minus sign
 * leads a figure and is small and off the line too.
 */
function dropTrailingFragments(run: Component[], main: Component, marks: Set<Component>, cellRight: number): void {
  const kept = [...run].sort((a, b) => a.right - b.right);
  const height = main.bottom - main.top + 1;
  const onDigitLine = (c: Component) => Math.abs(c.top - main.top) <= ALIGN * height && Math.abs(c.bottom - main.bottom) <= ALIGN * height;
  while (kept.length > 1) {
    const last = kept[kept.length - 1];
    const print = last.pixels.length >= TRAILING_SHARE * main.pixels.length && onDigitLine(last) && last.right < cellRight;
    if (last === main || print) return;
    marks.add(last);
    kept.pop();
  }
}

function encloses(a: Component, b: Component): boolean {
  return a !== b && a.left < b.left && a.right > b.right && a.top < b.top && a.bottom > b.bottom;
}

// A print pixel lies this close (pixels) to the dark core of its stroke; a light pixel of the same
// connected piece farther out belongs to something else (a pencil line drawn through the digit's foot).
const CORE_REACH = 3;

/** Bounds of a set of pixels of an image `width` wide. */
function boundsOf(pixels: number[], width: number): Omit<Component, 'pixels' | 'darkest'> {
  const b = { left: Infinity, top: Infinity, right: -1, bottom: -1 };
  for (const i of pixels) {
    const [x, y] = [i % width, Math.floor(i / width)];
    b.left = Math.min(b.left, x); b.right = Math.max(b.right, x);
    b.top = Math.min(b.top, y); b.bottom = Math.max(b.bottom, y);
  }
  return b;
}

/**
 * The pixels of a pencil underline that touches the digit above it and so is one connected piece
 * with it (the flat-and-low test below never sees it apart). The digit's light pixels hug its
 * dark core; the underline's lie far from any core pixel. A connected run of those far pixels is
 * taken as a mark only when it is flat, wide and below the rest of the piece: an underline, never
 * a faint part of a digit.
 */
function joinedUnderline(image: GreyImage, c: Component): number[] {
  const { width, pixels } = image;
  const near = new Set<number>();
  for (const i of c.pixels) {
    if (pixels[i] >= PRINT_CORE) continue;
    const [x, y] = [i % width, Math.floor(i / width)];
    for (let dy = -CORE_REACH; dy <= CORE_REACH; dy++) for (let dx = -CORE_REACH; dx <= CORE_REACH; dx++) near.add((y + dy) * width + x + dx);
  }
  const rest = boundsOf(c.pixels.filter((i) => near.has(i)), width);
  const height = rest.bottom - rest.top + 1;
  return pieces(c.pixels.filter((i) => !near.has(i)), image).filter((piece) => {
    const line = boundsOf(piece, width);
    const flatAndWide = line.bottom - line.top + 1 < height / 3 && line.right - line.left + 1 >= height * 0.6;
    return flatAndWide && line.top > rest.bottom - height / 6;
  }).flat();
}

/** The crop with pencil underlines joined to print whitened; the crop itself when it has none. */
function withoutJoinedUnderlines(image: GreyImage): GreyImage {
  const lines = components(image).filter((c) => c.darkest <= PRINT_CORE).map((c) => joinedUnderline(image, c)).filter((l) => l.length);
  return lines.length ? whitened(image, lines) : image;
}

/** The crop with rings, underlines and light (pencil) strokes whitened; the crop itself when it has none. */
export function withoutMarks(crop: GreyImage): GreyImage {
  const image = withoutJoinedUnderlines(crop);
  const all = components(image);
  const parts = all.filter((c) => c.pixels.length >= SPECK);
  const marks = new Set<Component>();
  for (const c of parts) {
    if (c.darkest > PRINT_CORE || parts.some((other) => other.pixels.length >= SPECK && encloses(c, other))) marks.add(c);
  }
  const figures = parts.filter((c) => !marks.has(c));
  if (figures.length) {
    const main = figures.reduce((a, b) => (b.pixels.length > a.pixels.length ? b : a));
    const height = main.bottom - main.top + 1;
    for (const c of figures) {
      // Wholly below or above the figure's line, flat and wide: an underline or overline (a decimal
      // point is flat and low too, but narrow).
      const flat = c.bottom - c.top + 1 < height / 3 && c.right - c.left + 1 >= height * 0.6;
      if (flat && (c.top > main.bottom - height / 6 || c.bottom < main.top + height / 6)) marks.add(c);
      // Wholly below the figure's foot, whatever its shape: digits have no descenders and a decimal
      // point stands on the line, so this is a tick's end or a pen stroke's remnant.
      if (c.top > main.bottom + BELOW_GAP) marks.add(c);
    }
    // The figure is one run of glyphs on the main one's line, each close to the next; what stands
    // apart from the run (a tick after the figure, a remnant of a dropped pen stroke) is not part of it.
    // Specks count here: a decimal point links the digits on either side of it.
    const onLine = all.filter((c) => !marks.has(c) && c.bottom >= main.top && c.top <= main.bottom);
    let [left, right] = [main.left, main.right];
    for (let grown = true; grown;) {
      grown = false;
      for (const c of onLine) {
        if (c.left >= left && c.right <= right) continue;
        const gap = c.left > right ? c.left - right : left > c.right ? left - c.right : 0;
        if (gap <= RUN_GAP * height) { [left, right] = [Math.min(left, c.left), Math.max(right, c.right)]; grown = true; }
      }
    }
    for (const c of figures) if (c.right < left || c.left > right) marks.add(c);
    dropTrailingFragments(onLine.filter((c) => !marks.has(c) && c.left >= left && c.right <= right), main, marks, image.width - CROP_MARGIN - 1 - EDGE_SLACK);
  }
  if (marks.size === 0) return image; // the crop itself, or the crop without a joined underline
  return whitened(image, [...marks].map((c) => c.pixels));
}

/** The image with the marks' pixels made paper, and their grey edge (anti-aliasing, JPEG) with them. */
function whitened(image: GreyImage, marks: number[][]): GreyImage {
  const pixels = new Uint8Array(image.pixels);
  const { width, height } = image;
  for (const mark of marks) {
    for (const i of mark) {
      pixels[i] = 255;
      // A near print pixel (darker than INK) stays.
      const [x, y] = [i % width, Math.floor(i / width)];
      for (let dy = -HALO; dy <= HALO; dy++) for (let dx = -HALO; dx <= HALO; dx++) {
        const [xx, yy] = [x + dx, y + dy];
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        if (image.pixels[yy * width + xx] >= INK) pixels[yy * width + xx] = 255;
      }
    }
  }
  return { ...image, pixels };
}
