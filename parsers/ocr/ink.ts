// Paper set to pure white before OCR. Tesseract binarises each image on its own, and in a crop
// that is nearly all paper it takes scanner noise and paper grain for ink and reads them as
// strings of 人人0，，; a page-wide threshold between paper and ink avoids that.
import type { GreyImage } from './rules.ts';

function histogramOf(image: GreyImage): Float64Array {
  // Counted in integers by index: a for-of over a typed array of 9 million pixels is several times slower.
  const counts = new Uint32Array(256);
  const pixels = image.pixels;
  for (let i = 0; i < pixels.length; i++) counts[pixels[i]]++;
  return Float64Array.from(counts);
}

/** Otsu's threshold of the page: the grey level that best separates paper from ink. */
export function otsuThreshold(histogram: Float64Array): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v];
  let [best, bestVariance, weightBelow, sumBelow] = [128, -1, 0, 0];
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t];
    sumBelow += t * histogram[t];
    const weightAbove = total - weightBelow;
    if (weightBelow === 0 || weightAbove === 0) continue;
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sumAll - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) [best, bestVariance] = [t, variance];
  }
  return best;
}

/**
 * Halfway between Otsu's threshold and the paper's median grey: Otsu alone would also erase the
 * grey edges of thin strokes, which tesseract needs on a 150 dpi scan rendered at 300 dpi.
 */
export function inkThreshold(image: GreyImage): number {
  const histogram = histogramOf(image);
  const otsu = otsuThreshold(histogram);
  const paperPixels = histogram.slice(otsu + 1).reduce((a, b) => a + b, 0);
  let [paper, seen] = [255, 0];
  for (let v = otsu + 1; v < 256; v++) {
    seen += histogram[v];
    if (seen >= paperPixels / 2) { paper = v; break; }
  }
  return Math.round((otsu + paper) / 2);
}

/** The page with every pixel lighter than the threshold made white; ink keeps its grey edges. */
export function whitenPaper(image: GreyImage, threshold = inkThreshold(image)): GreyImage {
  const pixels = new Uint8Array(image.pixels.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = image.pixels[i] > threshold ? 255 : image.pixels[i];
  return { ...image, pixels };
}
