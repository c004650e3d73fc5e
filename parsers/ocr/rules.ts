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
 * bridge `gap` light pixels (a faint line of a photographed page breaks up into dashes).
 */
export function longRunMask(image: GreyImage, minRun: number, dark: number, gap = 0): Uint8Array {
  const { width, height, pixels } = image;
  const mask = new Uint8Array(width * height);
  const mark = (indexAt: (k: number) => number, length: number, bit: number) => {
    let [start, last] = [-1, -1];
    for (let k = 0; k <= length; k++) {
      if (k < length && pixels[indexAt(k)] < dark) {
        if (start < 0) start = k;
        last = k;
        continue;
      }
      if (start >= 0 && k < length && k - last <= gap) continue;
      if (start >= 0 && last + 1 - start >= minRun) for (let j = start; j <= last; j++) mask[indexAt(j)] |= bit;
      start = -1;
    }
  };
  for (let y = 0; y < height; y++) mark((x) => y * width + x, width, HORIZONTAL);
  for (let x = 0; x < width; x++) mark((y) => y * width + x, height, VERTICAL);
  return mask;
}

/** Whitens every dark horizontal or vertical run longer than `minRun` pixels (a ruling line). */
export function removeRulingLines(image: GreyImage, minRun = 120, dark = 160): GreyImage {
  const mask = longRunMask(image, minRun, dark);
  const pixels = image.pixels.map((value, i) => (mask[i] ? 255 : value));
  return { width: image.width, height: image.height, pixels };
}
