// Plain-text reports: decoded from their bytes (BOM, UTF-8 validity, else GB18030), then split into
// rows by the shared text-rows reader (space- or tab-separated cells, one cell per line, Markdown).
import { decodePlainBytes } from '../document/decode.ts';
import { rowsFromText } from '../document/text-rows.ts';
import type { ExtractedDocument, ParseHints } from '../document/types.ts';

/** Reads a plain-text document into rows (the `text` format of the contract). */
export async function extractText(bytes: Uint8Array, _hints: ParseHints = {}): Promise<ExtractedDocument> {
  const { text, encoding } = decodePlainBytes(bytes);
  const normalised = text.replace(/\r\n?/g, '\n');
  return {
    format: 'text',
    text: normalised,
    rows: rowsFromText(normalised),
    meta: { encoding },
    warnings: [],
  };
}
