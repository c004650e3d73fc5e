// The OCR reader's one entry: scanned PDFs (pdf.ts: pages rendered by pdftoppm in colour, coloured
// ink such as seals and pen marks dropped (colour.ts), unevenly lit paper flattened (background.ts),
// straightened, ruled tables found and cut into cells, every crop read by tesseract chi_sim in a few
// batched runs) and images (image.ts). Both give the common document with `ocr: true` and a confidence on every cell.
export { ocrPdf } from './pdf.ts';
export { extractImage } from './image.ts';
// The ruled-table finder, for the fixture generator that stamps and annotates table cells.
export { findTables, type GridTable } from './grid.ts';
export type { GreyImage } from './rules.ts';
