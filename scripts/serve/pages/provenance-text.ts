// A figure's origin in words: "PDF page 2 at (312, 540)", "table 1 row 5 col 3", "line 90 col 2".
import type { Provenance } from '../../../parsers/index.ts';

/** Where a figure was read, for a tooltip or a details row; 1-based for people. */
export function provenanceText(prov: Provenance | null | undefined): string {
  if (!prov) return 'no provenance recorded';
  const parts: string[] = [];
  if (prov.page !== undefined) parts.push(`PDF page ${prov.page}${prov.x !== undefined && prov.y !== undefined ? ` at (${Math.round(prov.x)}, ${Math.round(prov.y)})` : ''}`);
  if (prov.table !== undefined) parts.push(`table ${prov.table + 1}`);
  if (prov.line !== undefined) parts.push(`line ${prov.line}`);
  if (prov.row !== undefined) parts.push(`row ${prov.row + 1}`);
  if (prov.col !== undefined) parts.push(`col ${prov.col + 1}`);
  if (prov.ocr) parts.push(`OCR${prov.ocrConfidence !== undefined ? ` (confidence ${Math.round(prov.ocrConfidence)})` : ''}`);
  return parts.length ? parts.join(', ') : 'no provenance recorded';
}
