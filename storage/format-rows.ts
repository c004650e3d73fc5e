// Writing query results and exports as JSON, newline-delimited JSON, CSV or an aligned text table.
// Writers take a `write(chunk)` sink so large results stream instead of piling up in memory.

/** Where formatted text goes (process.stdout.write, a file writer…). */
export type Sink = (chunk: string) => void;

/** Blobs as sqlite-utils writes them in JSON, so binary columns survive a round trip. */
function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $base64: true, encoded: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function rowObject(columns: string[], row: unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  columns.forEach((name, i) => { object[name] = jsonValue(row[i]); });
  return object;
}

/** A JSON array of objects, one per row. */
export function writeJson(columns: string[], rows: Iterable<unknown[]>, write: Sink): number {
  let count = 0;
  write('[');
  for (const row of rows) write(`${count++ === 0 ? '\n' : ',\n'}  ${JSON.stringify(rowObject(columns, row))}`);
  write(count === 0 ? ']\n' : '\n]\n');
  return count;
}

/** One JSON object per line. */
export function writeNdjson(columns: string[], rows: Iterable<unknown[]>, write: Sink): number {
  let count = 0;
  for (const row of rows) { write(`${JSON.stringify(rowObject(columns, row))}\n`); count++; }
  return count;
}

/** A CSV field: quoted when it holds the separator, a quote or a line break (RFC 4180); NULL is empty. */
export function csvField(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with a header line and CRLF line ends. */
export function writeCsv(columns: string[], rows: Iterable<unknown[]>, write: Sink): number {
  return writeSeparated(columns, rows, write, ',');
}

/** Tab-separated values (quoted like CSV where a value holds a tab, quote or line break). */
export function writeTsv(columns: string[], rows: Iterable<unknown[]>, write: Sink): number {
  return writeSeparated(columns, rows, write, '\t');
}

function writeSeparated(columns: string[], rows: Iterable<unknown[]>, write: Sink, separator: string): number {
  let count = 0;
  const line = (values: unknown[]) => values.map((v) => csvField(v, separator)).join(separator);
  write(`${line(columns)}\r\n`);
  let buffer = '';
  for (const row of rows) {
    buffer += `${line(row)}\r\n`;
    if (buffer.length > 1 << 16) { write(buffer); buffer = ''; }
    count++;
  }
  if (buffer) write(buffer);
  return count;
}

/** A JSON array of arrays, one per row, in column order (sqlite-utils --arrays). */
export function writeArrays(columns: string[], rows: Iterable<unknown[]>, write: Sink): number {
  let count = 0;
  write('[');
  for (const row of rows) write(`${count++ === 0 ? '\n' : ',\n'}  ${JSON.stringify(row.map(jsonValue))}`);
  write(count === 0 ? ']\n' : '\n]\n');
  return count;
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return `<blob ${value.length} bytes>`;
  return String(value).replace(/\s+/g, ' ');
}

/** An aligned table for a terminal; long cells are cut at `maxCellWidth`. */
export function writeTable(columns: string[], rows: Iterable<unknown[]>, write: Sink, maxCellWidth = 40): number {
  const cut = (text: string) => {
    if (displayWidth(text) <= maxCellWidth) return text;
    let out = '';
    for (const char of text) { if (displayWidth(out + char) > maxCellWidth - 1) break; out += char; }
    return `${out}…`;
  };
  const body = [...rows].map((row) => row.map((value) => cut(cellText(value))));
  const header = columns.map(cut);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((row) => displayWidth(row[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join('  ').trimEnd();
  write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of body) write(`${line(row)}\n`);
  return body.length;
}
