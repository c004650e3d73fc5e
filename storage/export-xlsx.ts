// A minimal XLSX writer (inline strings, numbers, one sheet per table) on fflate, which the
// project already uses: enough for analysts opening the wide table in Excel or LibreOffice.
import { writeFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';

/** One worksheet: its tab name, header and rows. */
export interface Sheet {
  name: string;
  columns: string[];
  rows: Iterable<unknown[]>;
}

/** Excel's hard limit on rows per sheet, header included. */
export const XLSX_MAX_ROWS = 1_048_576;

function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function cellXml(value: unknown, ref: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  const text = Buffer.isBuffer(value) ? `<blob ${value.length} bytes>` : String(value);
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text.slice(0, 32_767))}</t></is></c>`;
}

function sheetXml(sheet: Sheet): { xml: string; rows: number } {
  const parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  const row = (values: unknown[], r: number) => `<row r="${r}">${values.map((v, c) => cellXml(v, `${columnLetters(c)}${r}`)).join('')}</row>`;
  parts.push(row(sheet.columns, 1));
  let count = 0;
  for (const values of sheet.rows) {
    if (++count + 1 > XLSX_MAX_ROWS) throw new Error(`sheet ${sheet.name} has more rows than XLSX allows (${XLSX_MAX_ROWS}); use CSV or Parquet`);
    parts.push(row(values, count + 1));
  }
  parts.push('</sheetData></worksheet>');
  return { xml: parts.join(''), rows: count };
}

/** Writes the sheets to an .xlsx file; returns the number of data rows of the first sheet. */
export function writeXlsx(path: string, sheets: Sheet[]): number {
  const rendered = sheets.map(sheetXml);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`),
  };
  rendered.forEach((sheet, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet.xml); });
  writeFileSync(path, zipSync(files, { level: 6 }));
  return rendered[0]?.rows ?? 0;
}
