// Greyscale page images for OCR: PGM in and out, and the ruling lines of tables, found as long
// dark runs, so they can be cut along (cells) or removed (tesseract reads them as "|" and "一").

/** A binary (P5) greyscale PGM image. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** The header of a binary PNM file (P5 greys, P6 colours): its magic, size, and where the pixels start. */
export function pnmHeader(bytes: Uint8Array): { magic: string; width: number; height: number; offset: number } {
  const header: string[] = [];
  let offset = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset]))) offset++;
    if (bytes[offset] === 0x23) { while (bytes[offset] !== 0x0a) offset++; continue; }
    let token = '';
    while (offset < bytes.length && !/\s/.test(String.fromCharCode(bytes[offset]))) token += String.fromCharCode(bytes[offset++]);
    header.push(token);
  }
  // The single whitespace after maxval.
  return { magic: header[0], width: Number(header[1]), height: Number(header[2]), offset: offset + 1 };
}

export function readPgm(bytes: Uint8Array): GreyImage {
  const { magic, width, height, offset } = pnmHeader(bytes);
  if (magic !== 'P5') throw new Error(`not a binary PGM (${magic})`);
  return { width, height, pixels: bytes.subarray(offset, offset + width * height) };
}

export function writePgm(image: GreyImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(head.length + image.pixels.length);
  out.set(head);
  out.set(image.pixels, head.length);
  return out;
}

/** Mask bits: a pixel of a horizontal line, of a vertical line (both at crossings). */
export const HORIZONTAL = 1;
export const VERTICAL = 2;

/**
 * Marks every pixel of a dark horizontal run (HORIZONTAL) or vertical run (VERTICAL) at least
 * `minRun` pixels long: the ruling lines of a table, not the strokes of a character. A run may
 * bridge `gap` light pixels (a faint line of a photographed page breaks up into dashes). Pixels set
 * in `overInk` (where a seal or pen lay) neither start a run nor count toward its length, but do
 * not break it: a ruling crossed by a seal goes on through the gap where the red ink was, while
 * the seal's own strokes (the print seen through it, colour.ts) never make a ruling by themselves.
 */
export function longRunMask(image: GreyImage, minRun: number, dark: number, gap = 0, overInk: Uint8Array | null = null): Uint8Array {
  const mask = new Uint8Array(image.width * image.height);
  markRuns(image, minRun, dark, gap, overInk, mask, HORIZONTAL);
  markRuns(image, minRun, dark, gap, overInk, mask, VERTICAL);
  return mask;
}

/**
 * The runs of one direction of `longRunMask`. The image is always read row after row: a column's
 * run is kept in arrays (one entry per column) while the rows go by, because walking one column
 * from top to bottom touches a new cache line at every pixel (a third of the preparation's time).
 * A row's run is the same walk with one entry, ended at each row's end.
 */
function markRuns(image: GreyImage, minRun: number, dark: number, gap: number, overInk: Uint8Array | null, mask: Uint8Array, bit: number): void {
  const { width, height, pixels } = image;
  const vertical = bit === VERTICAL;
  const lanes = vertical ? width : 1;
  // `passed`: pixels over ink since the run's start; `passedToLast`: of those, before its last dark pixel.
  const start = new Int32Array(lanes).fill(-1);
  const last = new Int32Array(lanes);
  const lastAny = new Int32Array(lanes);
  const passed = new Int32Array(lanes);
  const passedToLast = new Int32Array(lanes);
  // Ends the run of `lane` (a column, or the row `y`), marking it when long enough.
  const close = (lane: number, y: number) => {
    if (last[lane] + 1 - start[lane] - passedToLast[lane] >= minRun) {
      for (let k = start[lane]; k <= last[lane]; k++) mask[vertical ? k * width + lane : y * width + k] |= bit;
    }
    start[lane] = -1;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const lane = vertical ? x : 0;
      const k = vertical ? y : x;
      const over = overInk !== null && overInk[i] !== 0;
      if (over && start[lane] >= 0) { lastAny[lane] = k; passed[lane]++; continue; }
      if (!over && pixels[i] < dark) {
        if (start[lane] < 0) { start[lane] = k; passed[lane] = 0; }
        last[lane] = k;
        lastAny[lane] = k;
        passedToLast[lane] = passed[lane];
        continue;
      }
      if (start[lane] >= 0 && k - lastAny[lane] > gap) close(lane, y);
    }
    if (!vertical && start[0] >= 0) close(0, y);
  }
  if (vertical) for (let x = 0; x < width; x++) if (start[x] >= 0) close(x, height - 1);
}

/** Whitens every dark horizontal or vertical run longer than `minRun` pixels (a ruling line). */
export function removeRulingLines(image: GreyImage, minRun = 120, dark = 160): GreyImage {
  const mask = longRunMask(image, minRun, dark);
  const pixels = image.pixels.map((value, i) => (mask[i] ? 255 : value));
  return { width: image.width, height: image.height, pixels };
}
