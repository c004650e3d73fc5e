// A Stata .dta file (format 118, read by Stata 14 and later, pandas.read_stata, R's haven) of an
// export table: variable names from stata-names.ts (≤ 32 characters, unique), variable labels
// from the data dictionary, counts as long, amounts as double, dates as %td, text as str# (strL
// beyond 2045 bytes), blanks as Stata's missing value `.`. Written row by row in chunks.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Archive } from './archive.ts';
import { reportChunks, tableRowCount, typedSql, type ExportColumn, type ExportTable } from './export-tables.ts';
import { stataNames } from './stata-names.ts';

const LONG_MISSING = 0x7fffffe5;
const DOUBLE_MISSING = Buffer.from([0, 0, 0, 0, 0, 0, 0xe0, 0x7f]).readDoubleLE(0);
const STR_MAX = 2045;
const DAYS_1960_TO_1970 = 3653;

interface StataVar { column: ExportColumn; name: string; type: number; width: number; format: string }

function fixed(text: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > size - 1) bytes = Buffer.from(Array.from(bytes.toString('utf8')).slice(0, -1).join(''), 'utf8');
  bytes.copy(out);
  return out;
}

function tag(name: string, body: Buffer | string = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from(`<${name}>`), typeof body === 'string' ? Buffer.from(body) : body, Buffer.from(`</${name}>`)]);
}

function u16(n: number): Buffer { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; }

function variablesOf(archive: Archive, table: ExportTable): StataVar[] {
  const names = stataNames(table.columns.map((c) => c.name));
  const texts = table.columns.filter((c) => c.kind === 'text');
  const widths = texts.length
    ? archive.db.prepare(`SELECT ${texts.map((c) => `max(length(CAST(${c.sql} AS BLOB)))`).join(', ')} ${table.from.replace(/WHERE .*? BETWEEN \? AND \?/s, '').replace(/ORDER BY .*$/s, '')}`).raw(true).get() as (number | null)[]
    : [];
  return table.columns.map((column, i) => {
    if (column.kind === 'text') {
      const width = Math.max(1, widths[texts.indexOf(column)] ?? 1);
      return width > STR_MAX ? { column, name: names[i], type: 32768, width: 8, format: '%9s' } : { column, name: names[i], type: width, width, format: `%-${Math.min(width, 48)}s` };
    }
    if (column.kind === 'real') return { column, name: names[i], type: 65526, width: 8, format: '%10.0g' };
    if (column.kind === 'bool') return { column, name: names[i], type: 65530, width: 1, format: '%8.0g' };
    return { column, name: names[i], type: 65528, width: 4, format: column.kind === 'date' ? '%td' : '%12.0g' };
  });
}

function timestamp(date = new Date()): string {
  const month = date.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())} ${month} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/** Writes a table as .dta; returns the row count. */
export function writeStataTable(archive: Archive, table: ExportTable, path: string, label: string, onChunk?: (reportsDone: number) => void): number {
  const vars = variablesOf(archive, table);
  const rows = tableRowCount(archive, table);
  const rowWidth = vars.reduce((n, v) => n + v.width, 0);
  const n = Buffer.alloc(8); n.writeBigUInt64LE(BigInt(rows));
  const labelBytes = fixed(label, 321).subarray(0, Math.min(80, Buffer.byteLength(label)));
  const header = tag('header', Buffer.concat([tag('release', '118'), tag('byteorder', 'LSF'), tag('K', u16(vars.length)), tag('N', n),
    tag('label', Buffer.concat([u16(labelBytes.length), labelBytes])), tag('timestamp', Buffer.concat([Buffer.from([17]), Buffer.from(timestamp())]))]));
  const sections: [string, Buffer][] = [
    ['variable_types', Buffer.concat(vars.map((v) => u16(v.type)))],
    ['varnames', Buffer.concat(vars.map((v) => fixed(v.name, 129)))],
    ['sortlist', Buffer.alloc(2 * (vars.length + 1))],
    ['formats', Buffer.concat(vars.map((v) => fixed(v.format, 57)))],
    ['value_label_names', Buffer.alloc(129 * vars.length)],
    ['variable_labels', Buffer.concat(vars.map((v) => fixed(Array.from(v.column.label).slice(0, 80).join(''), 321)))],
    ['characteristics', Buffer.alloc(0)],
  ];
  const fd = openSync(path, 'w');
  let offset = 0;
  const write = (bytes: Buffer) => { writeSync(fd, bytes); offset += bytes.length; };
  const map: number[] = [0];
  try {
    write(Buffer.from('<stata_dta>'));
    write(header);
    const mapAt = offset;
    map.push(mapAt);
    write(tag('map', Buffer.alloc(14 * 8)));
    for (const [name, body] of sections) { map.push(offset); write(tag(name, body)); }
    map.push(offset);
    write(Buffer.from('<data>'));
    const strls = writeData(archive, table, vars, rowWidth, write, onChunk);
    write(Buffer.from('</data>'));
    map.push(offset);
    write(tag('strls', strls));
    map.push(offset);
    write(tag('value_labels'));
    map.push(offset);
    write(Buffer.from('</stata_dta>'));
    map.push(offset);
    const mapBody = Buffer.alloc(14 * 8);
    map.forEach((o, i) => mapBody.writeBigUInt64LE(BigInt(o), i * 8));
    writeSync(fd, mapBody, 0, mapBody.length, mapAt + '<map>'.length);
  } finally {
    closeSync(fd);
  }
  return rows;
}

function writeData(archive: Archive, table: ExportTable, vars: StataVar[], rowWidth: number, write: (b: Buffer) => void, onChunk?: (reportsDone: number) => void): Buffer {
  const statement = archive.db.prepare(`SELECT ${table.columns.map(typedSql).join(', ')} ${table.from}`).raw(true);
  const strls: Buffer[] = [];
  let row = 0;
  let reports = 0;
  for (const [from, to] of reportChunks(archive, 500)) {
    const values = statement.all(from, to) as unknown[][];
    const block = Buffer.alloc(rowWidth * values.length);
    let at = 0;
    for (const record of values) {
      row++;
      vars.forEach((v, i) => {
        at = writeCell(block, at, v, record[i], i + 1, row, strls);
      });
    }
    write(block);
    reports += 500;
    onChunk?.(reports);
  }
  return Buffer.concat(strls);
}

function writeCell(block: Buffer, at: number, v: StataVar, value: unknown, varIndex: number, row: number, strls: Buffer[]): number {
  if (v.type === 65526) { block.writeDoubleLE(value === null ? DOUBLE_MISSING : Number(value), at); return at + 8; }
  if (v.type === 65528) {
    const number = value === null ? LONG_MISSING : Number(value) + (v.column.kind === 'date' ? DAYS_1960_TO_1970 : 0);
    block.writeInt32LE(number, at);
    return at + 4;
  }
  if (v.type === 65530) { block.writeInt8(value === null ? 101 : Number(value), at); return at + 1; }
  const text = value === null || value === undefined ? '' : String(value);
  if (v.type === 32768) {
    if (text) {
      const bytes = Buffer.from(`${text}\0`, 'utf8');
      const gso = Buffer.alloc(3 + 4 + 8 + 1 + 4);
      gso.write('GSO'); gso.writeUInt32LE(varIndex, 3); gso.writeBigUInt64LE(BigInt(row), 7); gso.writeUInt8(130, 15); gso.writeUInt32LE(bytes.length, 16);
      strls.push(gso, bytes);
      block.writeUInt16LE(varIndex, at);
      block.writeUIntLE(row, at + 2, 6);
    }
    return at + 8;
  }
  block.write(text, at, v.width, 'utf8');
  return at + v.width;
}
