// Paper made evenly white before the page is thresholded. A photographed sheet is lit unevenly
// (a lamp to one side, the phone's shadow over an edge): its paper runs from near white to a grey
// darker than the ink of the bright side, so no one threshold for the page separates ink from
// paper. The paper's own brightness is estimated block by block (the bright end of each block's
// greys: every block of a printed page shows paper between strokes) and each pixel is divided by
// it. Outside the sheet (the desk at the photo's edges) is made white too.
import type { GreyImage } from './rules.ts';

// Blocks of this side (pixels at 300 dpi, ~5 mm): larger than any stroke, smaller than a shadow's edge.
const BLOCK = 40;
// The grey a block's paper has: this share of its pixels is darker.
const PAPER_PERCENTILE = 0.9;
// Paper this even (darkest block / brightest) needs no flattening: a clean scan stays untouched.
const EVEN_PAPER = 0.9;
// A region reaching the image edge that is darker than this after flattening is not the sheet: the
// desk is flattened to white, but the strip where its blocks meet the sheet's stays dark. Print
// never reaches the edge (the sheet's margins). The original greys cannot tell: paper deep in a
// phone's shadow is as dark as the desk.
const OFF_SHEET = 200;

/** The paper grey of each block (percentile of its histogram; -1 when every pixel is ignored). */
function blockPaper(image: GreyImage, cols: number, rows: number, ignore: Uint8Array | null): Float64Array {
  const paper = new Float64Array(cols * rows);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      histogram.fill(0);
      const [x0, y0] = [bx * BLOCK, by * BLOCK];
      const [x1, y1] = [Math.min(image.width, x0 + BLOCK), Math.min(image.height, y0 + BLOCK)];
      let counted = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
        const i = y * image.width + x;
        if (ignore && ignore[i]) continue;
        histogram[image.pixels[i]]++;
        counted++;
      }
      const target = counted * PAPER_PERCENTILE;
      let [seen, value] = [0, counted ? 255 : -1];
      if (!counted) { paper[by * cols + bx] = -1; continue; }
      for (let v = 0; v < 256; v++) { seen += histogram[v]; if (seen >= target) { value = v; break; } }
      paper[by * cols + bx] = value;
    }
  }
  return paper;
}

/**
 * Each block's paper, smoothed: the brightest of its 3×3 neighbours (a block filled by a bold
 * title or a seal's dark ring shows no paper of its own), then the mean of those over 3×3.
 */
function smoothPaper(paper: Float64Array, cols: number, rows: number): Float64Array {
  const pass = (source: Float64Array, pick: (values: number[]) => number) => {
    const out = new Float64Array(source.length);
    for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) {
      const values: number[] = [];
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const [xx, yy] = [x + dx, y + dy];
        if (xx >= 0 && yy >= 0 && xx < cols && yy < rows) values.push(source[yy * cols + xx]);
      }
      out[y * cols + x] = pick(values);
    }
    return out;
  };
  const brightest = pass(paper, (v) => Math.max(...v));
  const known = [...brightest].filter((v) => v >= 0).sort((a, b) => a - b);
  const fallback = known.length ? known[known.length >> 1] : 255;
  for (let i = 0; i < brightest.length; i++) if (brightest[i] < 0) brightest[i] = fallback;
  return pass(brightest, (v) => v.reduce((a, b) => a + b, 0) / v.length);
}

/** Whites out dark regions connected to the image edge (the desk round a photographed sheet). */
function clearOffSheet(image: GreyImage): number {
  const { width, height, pixels } = image;
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const push = (i: number) => {
    if (!seen[i] && pixels[i] < OFF_SHEET) { seen[i] = 1; stack.push(i); }
  };
  for (let x = 0; x < width; x++) { push(x); push((height - 1) * width + x); }
  for (let y = 0; y < height; y++) { push(y * width); push(y * width + width - 1); }
  let cleared = 0;
  while (stack.length) {
    const i = stack.pop()!;
    pixels[i] = 255;
    cleared++;
    const x = i % width;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (i >= width) push(i - width);
    if (i + width < pixels.length) push(i + width);
  }
  return cleared;
}

/**
 * Each pixel's local paper grey (bilinear between block centres), or null when the page's paper
 * is already even (a clean scan is left untouched). Pixels set in `ignore` (coloured ink) do not
 * count toward the paper's grey.
 */
export function paperMap(image: GreyImage, ignore: Uint8Array | null = null): Float32Array | null {
  const { width, height } = image;
  const [cols, rows] = [Math.ceil(width / BLOCK), Math.ceil(height / BLOCK)];
  const paper = smoothPaper(blockPaper(image, cols, rows, ignore), cols, rows);
  const sorted = [...paper].sort((a, b) => a - b);
  const [dark, bright] = [sorted[Math.floor(sorted.length * 0.02)], sorted[sorted.length - 1]];
  if (bright > 0 && dark / bright >= EVEN_PAPER) return null;
  const local = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, (y - BLOCK / 2) / BLOCK));
    const y0 = Math.floor(fy);
    const [y1, wy] = [Math.min(rows - 1, y0 + 1), fy - y0];
    for (let x = 0; x < width; x++) {
      const fx = Math.min(cols - 1, Math.max(0, (x - BLOCK / 2) / BLOCK));
      const x0 = Math.floor(fx);
      const [x1, wx] = [Math.min(cols - 1, x0 + 1), fx - x0];
      const top = paper[y0 * cols + x0] * (1 - wx) + paper[y0 * cols + x1] * wx;
      const bottom = paper[y1 * cols + x0] * (1 - wx) + paper[y1 * cols + x1] * wx;
      local[y * width + x] = Math.max(1, top * (1 - wy) + bottom * wy);
    }
  }
  return local;
}

/** The page divided by its paper map (see paperMap), the desk round the sheet made white. */
export function flattenBackground(image: GreyImage, paper: Float32Array | null): GreyImage {
  if (!paper) return image;
  const pixels = new Uint8Array(image.pixels.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(255, Math.round((image.pixels[i] * 255) / paper[i]));
  const flat = { ...image, pixels };
  clearOffSheet(flat);
  return flat;
}
