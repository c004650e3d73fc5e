// Colour pages made grey for OCR, with coloured ink marked to be dropped. Photographed and stamped copies carry
// ink that is not the report's print: red seals (公章) stamped over table cells and over the date,
// blue ballpoint ticks and rings beside figures. Print is black: a pixel whose colour is strongly
// saturated is another ink and becomes paper, while black print under a seal (black × red is still
// nearly black, hardly saturated) stays. Trade-off: print in colour (a red 红头 header) is dropped
// too; the report's title and tables are black in every report seen. The mask is applied once the
// paper has been flattened (page.ts), so the pixels under a seal do not count as paper or as ink.
import { pnmHeader, readPgm, type GreyImage } from './rules.ts';

/** Mask value of a pen stroke's neutral (grey) part, joined to its coloured part (pen.ts). */
export const PEN_STROKE = 3;

// Saturated: the channels spread this far apart (0..255) and by this share of the brightest one.
// Cream or yellowed paper (scaled to white) spreads ~30 and ~0.12; a thin ballpoint stroke keeps
// ~45 after JPEG has halved the colour resolution.
const MIN_CHROMA = 40;
const MIN_SATURATION = 0.25;
// Just below MIN_CHROMA: a pixel rejected against it could not pass MIN_CHROMA by a rounding.
const NEAR_MIN_CHROMA = MIN_CHROMA - 0.001;
// The fringe of a coloured mark (JPEG halves colour resolution, so its edges fade into paper and
// print) is coloured ink too when it lies this close (pixels) to a saturated pixel and is tinted
// at least this much; black print, neutral, never is.
const FRINGE = 3;
const FRINGE_CHROMA = 18;
const FRINGE_SATURATION = 0.1;
// Black print under a seal is dark red, not fringe: a fringe pixel is at least this bright.
const FRINGE_BRIGHT = 90;

// Coloured ink is bright in its own colour's channel (a seal's red, a pen's blue, on paper made
// white): a dark stroke with a colour cast (JPEG puts the paper's tint round black print) is print.
const MIN_BRIGHT = 110;

/** Whether an RGB pixel (scaled to white paper) is coloured ink, not black print or paper. */
export function isColouredInk(r: number, g: number, b: number): boolean {
  const max = Math.max(r, g, b);
  const chroma = max - Math.min(r, g, b);
  return max >= MIN_BRIGHT && chroma >= MIN_CHROMA && chroma >= MIN_SATURATION * max;
}

function isFringe(r: number, g: number, b: number): boolean {
  const max = Math.max(r, g, b);
  const chroma = max - Math.min(r, g, b);
  return max >= FRINGE_BRIGHT && chroma >= FRINGE_CHROMA && chroma >= FRINGE_SATURATION * max;
}

/** A page read for OCR: its greys (luminance) and, for a colour page, its RGB pixels. */
export interface PageScan {
  image: GreyImage;
  rgb: Uint8Array | null;
}

/**
 * The coloured-ink pixels of an RGB page (null when there are none). `paper` gives each pixel's
 * local paper grey (photographed sheets), so colours are judged as if the paper were white.
 */
export function colouredInkMask(width: number, height: number, rgb: Uint8Array, paper: Float32Array | null = null): Uint8Array | null {
  const mask = new Uint8Array(width * height);
  // Every pixel is looked at, so the test is written out here rather than through isColouredInk:
  // a grey pixel (most of a page) is rejected before any scaling or division.
  let coloured = 0;
  for (let i = 0, j = 0; i < mask.length; i++, j += 3) {
    const [r, g, b] = [rgb[j], rgb[j + 1], rgb[j + 2]];
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    // Scaling to white paper stretches the chroma by 255 / paper at most (less where it clips).
    if (chroma * 255 < NEAR_MIN_CHROMA * (paper ? paper[i] : 255)) continue;
    const ink = paper
      ? isColouredInk(scaledToPaper(r, paper[i]), scaledToPaper(g, paper[i]), scaledToPaper(b, paper[i]))
      : isColouredInk(r, g, b);
    if (ink) { mask[i] = 1; coloured++; }
  }
  if (!coloured) return null;
  // The fringe: tinted pixels near coloured ones.
  const scaled = (i: number, c: number) => (paper ? scaledToPaper(rgb[3 * i + c], paper[i]) : rgb[3 * i + c]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] !== 1) continue;
      for (let dy = -FRINGE; dy <= FRINGE; dy++) for (let dx = -FRINGE; dx <= FRINGE; dx++) {
        const [xx, yy] = [x + dx, y + dy];
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        const i = yy * width + xx;
        if (!mask[i] && isFringe(scaled(i, 0), scaled(i, 1), scaled(i, 2))) mask[i] = 2;
      }
    }
  }
  return mask;
}

/** A channel as if the pixel's paper (grey `paper`) were white. */
function scaledToPaper(value: number, paper: number): number {
  return Math.min(255, (value * 255) / paper);
}

/** The share of a mask's pixels that are set. */
export function maskShare(mask: Uint8Array | null): number {
  if (!mask) return 0;
  let set = 0;
  for (const v of mask) if (v) set++;
  return set / mask.length;
}

// Red seal ink is light in the red channel while black print stays dark in every channel: under a
// seal, a pixel whose red (scaled to white paper) is darker than this is print seen through the
// ink (print alone ~120, print under the seal 115-145, the seal's own densest strokes 150 and up).
const PRINT_UNDER_SEAL = 150;

/**
 * The page with its coloured ink made paper (white). Done after the paper is flattened (which
 * leaves these pixels out of its estimate), so a seal leaves no grey disc behind. Where `rgb` is
 * given, a red pixel keeps the grey of its red channel when that is dark: the print under a seal
 * is read through the red channel rather than blanked with the seal.
 */
export function dropColouredInk(image: GreyImage, coloured: Uint8Array | null, rgb: Uint8Array | null = null, paper: Float32Array | null = null): GreyImage {
  if (!coloured) return image;
  const pixels = new Uint8Array(image.pixels);
  for (let i = 0; i < pixels.length; i++) {
    if (!coloured[i]) continue;
    pixels[i] = rgb && coloured[i] !== PEN_STROKE ? printUnderRed(rgb, i, paper) : 255;
  }
  return { ...image, pixels };
}

/** A coloured pixel's grey seen through the red channel when it is red ink over print; else paper. */
function printUnderRed(rgb: Uint8Array, i: number, paper: Float32Array | null): number {
  const [r, g, b] = [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
  if (r < g || r < b) return 255;
  const red = paper ? Math.min(255, Math.round((r * 255) / paper[i])) : r;
  return red < PRINT_UNDER_SEAL ? red : 255;
}

/** Reads a binary PGM (P5) or PPM (P6) page: its greys, and a PPM's colours. */
export function readPnm(bytes: Uint8Array): PageScan {
  const { magic, width, height, offset } = pnmHeader(bytes);
  if (magic === 'P5') return { image: readPgm(bytes), rgb: null };
  if (magic !== 'P6') throw new Error(`not a binary PGM or PPM (${magic})`);
  const rgb = bytes.subarray(offset, offset + width * height * 3);
  const pixels = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < pixels.length; i++, j += 3) pixels[i] = (rgb[j] * 299 + rgb[j + 1] * 587 + rgb[j + 2] * 114 + 500) / 1000;
  return { image: { width, height, pixels }, rgb };
}
