// A Flate stream that inflates to a gigabyte (1 MB in the file) took pdfjs 105 s and 2.3 GB. Before
// the PDF is opened, every Flate stream that is not an image is inflated once with a cap (pdfjs reads
// content streams, fonts and object streams whole; images it never decodes for the text layer), and
// a PDF past the cap is refused as too_complex.
import { constants, inflateSync } from 'node:zlib';
import { UnreadableDocumentError } from '../document/errors.ts';

/** More than any page's content, font or object stream of a report inflates to. */
export const MAX_STREAM_BYTES = 64 * 1024 * 1024;
/** All of a PDF's non-image Flate streams together. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

function tooLarge(what: string): UnreadableDocumentError {
  return new UnreadableDocumentError(`a PDF stream inflates to over ${what}: no report is that large`, 'too_complex');
}

/** Throws too_complex when a non-image Flate stream inflates past MAX_STREAM_BYTES, or all of them past MAX_INFLATED_BYTES. */
export function checkStreamBounds(bytes: Uint8Array): void {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = pdf.indexOf('stream'); at !== -1; at = pdf.indexOf('stream', at + 6)) {
    if (at >= 3 && pdf.toString('latin1', at - 3, at) === 'end') continue;
    const dictStart = Math.max(0, pdf.lastIndexOf('obj', at));
    if (at - dictStart > 8192) continue;
    const dict = pdf.toString('latin1', dictStart, at);
    if (!dict.includes('/FlateDecode') || /\/Subtype\s*\/Image/.test(dict)) continue;
    let start = at + 6;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf('endstream', start);
    const data = pdf.subarray(start, end === -1 ? pdf.length : end);
    const cap = Math.min(MAX_STREAM_BYTES, MAX_INFLATED_BYTES - total);
    let inflated = 0;
    try {
      inflated = inflateSync(data, { maxOutputLength: cap + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooLarge(cap === MAX_STREAM_BYTES ? `${MAX_STREAM_BYTES / 1048576} MiB` : `${MAX_INFLATED_BYTES / 1048576} MiB in all`);
      }
      continue; // not Flate after all, encrypted, damaged: pdfjs decides
    }
    if (inflated > cap) throw tooLarge(`${cap / 1048576} MiB`);
    total += inflated;
    if (end !== -1) at = end;
  }
}
