// A scan fed into the scanner at a slight angle: ruled lines step from one pixel row to the next,
// the line finder keeps only pieces of them, and the leftover pieces reach into the cell crops as
// dotted strokes that tesseract reads as a line of text. Straightening the page first avoids that.
import type { GreyImage } from './rules.ts';

const MAX_SKEW_DEGREES = 2;
const STEP_DEGREES = 0.05;
const DARK = 128;
// Below this the page is left alone: a tilt of 0.05° moves a line by 2 pixels across the page.
const MIN_CORRECTION_DEGREES = 0.04;

/** Dark pixels, sampled to keep the search cheap. */
function darkPoints(image: GreyImage, stride = 2): Int32Array {
  const points: number[] = [];
  for (let y = 0; y < image.height; y += stride) {
    for (let x = 0; x < image.width; x += stride) if (image.pixels[y * image.width + x] < DARK) points.push(x, y);
  }
  return Int32Array.from(points);
}

/**
 * How sharply the dark pixels fall into rows when the page is read at `degrees` of tilt. Bins are
 * as tall as the sampling stride: finer bins would favour 0° only because sampled rows are even.
 */
function rowSharpness(points: Int32Array, height: number, degrees: number, stride = 2): number {
  const slope = Math.tan((degrees * Math.PI) / 180);
  const bins = new Float64Array(Math.ceil(height / stride) + 2 * Math.ceil(Math.abs(slope) * 10000) + 2);
  const offset = (bins.length - Math.ceil(height / stride)) >> 1;
  for (let k = 0; k < points.length; k += 2) {
    const bin = Math.round((points[k + 1] - points[k] * slope) / stride) + offset;
    if (bin >= 0 && bin < bins.length) bins[bin]++;
  }
  let sum = 0;
  for (const b of bins) sum += b * b;
  return sum;
}

/** The page's tilt in degrees (positive: lines fall to the right), by projection profiles. */
export function estimateSkew(image: GreyImage): number {
  const points = darkPoints(image);
  if (points.length < 2000) return 0;
  let [best, bestScore] = [0, rowSharpness(points, image.height, 0)];
  for (let d = -MAX_SKEW_DEGREES; d <= MAX_SKEW_DEGREES + 1e-9; d += STEP_DEGREES) {
    const score = rowSharpness(points, image.height, d);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return Math.round(best * 100) / 100;
}

/** The page turned by `-degrees` about its centre (bilinear), white where nothing maps. */
export function rotate(image: GreyImage, degrees: number): GreyImage {
  const { width, height } = image;
  const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
  const [cx, cy] = [width / 2, height / 2];
  const pixels = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Source of output (x, y): turn it back by +degrees.
      const sx = cos * (x - cx) - sin * (y - cy) + cx;
      const sy = sin * (x - cx) + cos * (y - cy) + cy;
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const [fx, fy] = [sx - x0, sy - y0];
      const i = y0 * width + x0;
      const top = image.pixels[i] * (1 - fx) + image.pixels[i + 1] * fx;
      const bottom = image.pixels[i + width] * (1 - fx) + image.pixels[i + width + 1] * fx;
      pixels[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, pixels };
}

/** The page straightened when it is tilted enough to matter; the angle found, for warnings. */
export function deskew(image: GreyImage): { image: GreyImage; degrees: number } {
  const degrees = estimateSkew(image);
  return Math.abs(degrees) < MIN_CORRECTION_DEGREES ? { image, degrees: 0 } : { image: rotate(image, degrees), degrees };
}
