// Removes table ruling lines from a greyscale page image before OCR: tesseract reads ruled cells
// as "|" and "一", which would turn into junk cells and digits.

/** A binary (P5) greyscale PGM image. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function readPgm(bytes: Uint8Array): GreyImage {
  const header: string[] = [];
  let offset = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset]))) offset++;
    if (bytes[offset] === 0x23) { while (bytes[offset] !== 0x0a) offset++; continue; }
    let token = '';
    while (offset < bytes.length && !/\s/.test(String.fromCharCode(bytes[offset]))) token += String.fromCharCode(bytes[offset++]);
    header.push(token);
  }
  offset++; // the single whitespace after maxval
  if (header[0] !== 'P5') throw new Error(`not a binary PGM (${header[0]})`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: bytes.subarray(offset, offset + width * height) };
}

export function writePgm(image: GreyImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(head.length + image.pixels.length);
  out.set(head);
  out.set(image.pixels, head.length);
  return out;
}

/** Whitens every dark horizontal or vertical run longer than `minRun` pixels (a ruling line). */
export function removeRulingLines(image: GreyImage, minRun = 120, dark = 160): GreyImage {
  const { width, height } = image;
  const pixels = new Uint8Array(image.pixels);
  const isDark = (i: number) => image.pixels[i] < dark;
  const whiten: number[] = [];
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      if (x < width && isDark(y * width + x)) { if (start < 0) start = x; continue; }
      if (start >= 0 && x - start >= minRun) for (let k = start; k < x; k++) whiten.push(y * width + k);
      start = -1;
    }
  }
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      if (y < height && isDark(y * width + x)) { if (start < 0) start = y; continue; }
      if (start >= 0 && y - start >= minRun) for (let k = start; k < y; k++) whiten.push(k * width + x);
      start = -1;
    }
  }
  for (const i of whiten) pixels[i] = 255;
  return { width, height, pixels };
}
