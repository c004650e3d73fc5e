// The Word family's one entry: DOCX (an OOXML package: ooxml-package.ts, ooxml-table.ts), DOC and
// WPS (Word binary inside an OLE container: ole.ts, fib.ts, papx.ts, blocks.ts, grid.ts) and RTF
// (rtf.ts). Each reader turns bytes into the common document (text blocks and cell grids, with
// table/row/col provenance); document.ts joins blocks and grids the same way for DOC, WPS and RTF.
export { extractDocx } from './docx.ts';
export { extractDoc } from './doc.ts';
export { extractRtf } from './rtf.ts';
