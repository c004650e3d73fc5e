// Minimal PDFs written byte by byte for hostile-input tests: N blank pages (a few bytes each, so a
// 5000-page file is 0.5 MB), pages of any size with a drawn box and no text layer, and pages whose
// content stream is a Flate bomb. Nothing here is committed as a large file.
import { deflateSync } from 'node:zlib';

export interface MinimalPage {
  width?: number;
  height?: number;
  /** The page's content stream (drawing operators), uncompressed unless `deflated`. */
  content?: Uint8Array | string;
  deflated?: boolean;
}

/** A valid PDF 1.4 of the given pages (objects 1 catalog, 2 pages, then a page and its content each). */
export function minimalPdf(pages: MinimalPage[]): Buffer {
  const objects: Buffer[] = [];
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  const kids: string[] = [];
  const pageObjects: Buffer[] = [];
  let next = 3;
  for (const page of pages) {
    const pageNumber = next++;
    kids.push(`${pageNumber} 0 R`);
    const box = `/MediaBox [0 0 ${page.width ?? 595} ${page.height ?? 842}]`;
    if (page.content === undefined) {
      pageObjects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R ${box} >>`));
      continue;
    }
    const contentNumber = next++;
    pageObjects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R ${box} /Contents ${contentNumber} 0 R >>`));
    const raw = typeof page.content === 'string' ? Buffer.from(page.content, 'latin1') : Buffer.from(page.content);
    const body = page.deflated ? deflateSync(raw, { level: 9 }) : raw;
    pageObjects.push(Buffer.concat([
      Buffer.from(`<< /Length ${body.length}${page.deflated ? ' /Filter /FlateDecode' : ''} >>\nstream\n`), body, Buffer.from('\nendstream'),
    ]));
  }
  objects.push(Buffer.from(`<< /Type /Pages /Count ${pages.length} /Kids [${kids.join(' ')}] >>`));
  objects.push(...pageObjects);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** `count` blank pages (A4, no content). */
export function blankPdf(count: number): Buffer {
  return minimalPdf(Array.from({ length: count }, () => ({})));
}
