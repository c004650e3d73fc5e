// Encodes one column of one row group into the bodies of Parquet pages, straight from the array
// of values SQLite handed over: nulls become definition levels, numbers go into typed arrays whose
// bytes are the PLAIN encoding, and any column whose values repeat (the long table's report id,
// organ, year, key, unit, cell; the counts of the wide table) becomes a dictionary of its distinct
// values plus bit-packed indexes. One pass per column, no object per value.
import { ByteWriter } from 'hyparquet-writer';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { isUtf8Column, plainDictionary, plainUtf8, utf8Dictionary, type Utf8Column } from './parquet-utf8.ts';

/** The physical kinds the export writes: INT32, DOUBLE, UTF-8 BYTE_ARRAY, BOOLEAN. */
export type PhysicalKind = 'int' | 'real' | 'text' | 'bool';
export type { Utf8Column } from './parquet-utf8.ts';

/** One column chunk ready for its pages: levels and values apart, as data page v2 keeps them. */
export interface EncodedColumn {
  /** RLE/bit-packed definition levels (1 = a value, 0 = null). */
  levels: Uint8Array;
  nulls: number;
  encoding: 'PLAIN' | 'RLE_DICTIONARY';
  /** The data page body after the levels. */
  values: Uint8Array;
  /** The dictionary page body (PLAIN distinct values) when the encoding is RLE_DICTIONARY. */
  dictionary?: { count: number; bytes: Uint8Array };
}

// Typed arrays are written as their bytes, which Parquet wants little-endian.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the Parquet export needs a little-endian machine');

/** Past this many distinct values a dictionary stops paying for its bit width and its lookups. */
const MAX_DICTIONARY_VALUES = 1 << 16;

/** Encodes one column's values (null for a missing value), or a text column's UTF-8 bytes, as kind says. */
export function encodeColumn(values: readonly unknown[] | Utf8Column, kind: PhysicalKind): EncodedColumn {
  if (isUtf8Column(values)) return encodeUtf8(values);
  const [levels, nulls] = definitionLevels(values);
  const present = values.length - nulls;
  if (kind !== 'bool') {
    const dictionary = dictionaryOf(values, present);
    if (dictionary) {
      return { levels, nulls, encoding: 'RLE_DICTIONARY', values: dictionaryIndexes(dictionary.indexes, dictionary.distinct.length), dictionary: { count: dictionary.distinct.length, bytes: plainValues(dictionary.distinct, kind, dictionary.distinct.length) } };
    }
  }
  return { levels, nulls, encoding: 'PLAIN', values: plainValues(values, kind, present) };
}

function encodeUtf8(column: Utf8Column): EncodedColumn {
  let total = 0;
  for (const length of column.lengths) total += length ?? 0;
  if (total !== column.bytes.length) throw new Error(`parquet: text lengths add up to ${total} bytes, not the ${column.bytes.length} given`);
  const [levels, nulls] = definitionLevels(column.lengths);
  const present = column.lengths.length - nulls;
  const dictionary = utf8Dictionary(column, present, Math.min(MAX_DICTIONARY_VALUES, present >> 1));
  if (!dictionary) return { levels, nulls, encoding: 'PLAIN', values: plainUtf8(column) };
  return { levels, nulls, encoding: 'RLE_DICTIONARY', values: dictionaryIndexes(dictionary.indexes, dictionary.count), dictionary: { count: dictionary.count, bytes: plainDictionary(column, dictionary) } };
}

function definitionLevels(values: readonly unknown[]): [Uint8Array, number] {
  const levels = new Uint8Array(values.length);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else levels[i] = 1;
  }
  const writer = new ByteWriter(nulls === 0 ? 16 : (values.length >> 3) + 64);
  // No nulls (most columns): one RLE run of 1s, without a pass over the levels.
  if (nulls === 0) {
    writer.appendVarInt(values.length << 1);
    writer.appendUint8(1);
  } else {
    writeRleBitPackedHybrid(writer, levels, 1);
  }
  return [writer.getBytes(), nulls];
}

/** The distinct values and each present value's index, or null when they hardly repeat. */
function dictionaryOf(values: readonly unknown[], present: number): { distinct: unknown[]; indexes: Int32Array } | null {
  const limit = Math.min(MAX_DICTIONARY_VALUES, present >> 1);
  const index = new Map<unknown, number>();
  const distinct: unknown[] = [];
  const indexes = new Int32Array(present);
  let at = 0;
  // Values come in runs (a report's id and organ, a unit, a cell state): a run costs no lookup.
  let previous: unknown = null;
  let previousIndex = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (value === previous) {
      indexes[at++] = previousIndex;
      continue;
    }
    let i = index.get(value);
    if (i === undefined) {
      if (distinct.length >= limit) return null;
      i = distinct.length;
      index.set(value, i);
      distinct.push(value);
    }
    indexes[at++] = i;
    previous = value;
    previousIndex = i;
  }
  return present === 0 ? null : { distinct, indexes };
}

function dictionaryIndexes(indexes: Int32Array, distinct: number): Uint8Array {
  const bitWidth = distinct <= 1 ? 0 : 32 - Math.clz32(distinct - 1);
  const writer = new ByteWriter((indexes.length * bitWidth >> 3) + 64);
  writer.appendUint8(bitWidth);
  writeRleBitPackedHybrid(writer, indexes, bitWidth);
  return writer.getBytes();
}

/** PLAIN bytes of the present values (nulls skipped: the levels say where they were). */
function plainValues(values: readonly unknown[], kind: PhysicalKind, present: number): Uint8Array {
  if (kind === 'text') return plainText(values);
  if (kind === 'bool') return plainBooleans(values, present);
  const numbers = kind === 'int' ? new Int32Array(present) : new Float64Array(present);
  let at = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || (kind === 'int' && (value | 0) !== value)) throw new Error(`parquet: ${String(value)} is not ${kind === 'int' ? 'an INT32' : 'a number'}`);
    numbers[at++] = value;
  }
  return new Uint8Array(numbers.buffer);
}

/** Each value's UTF-8 bytes after their 4-byte length; a number in a text column is written as text. */
function plainText(values: readonly unknown[]): Uint8Array {
  let room = 0;
  for (const value of values) if (value !== null && value !== undefined) room += 4 + 3 * (typeof value === 'string' ? value.length : String(value).length);
  const bytes = Buffer.allocUnsafe(room);
  let at = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const length = bytes.write(typeof value === 'string' ? value : String(value), at + 4);
    bytes.writeUInt32LE(length, at);
    at += 4 + length;
  }
  return bytes.subarray(0, at);
}

/** Booleans one bit each, first value in the lowest bit; SQLite's 0/1 read as false/true. */
function plainBooleans(values: readonly unknown[], present: number): Uint8Array {
  const bytes = new Uint8Array((present + 7) >> 3);
  let at = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (value === true || value === 1) bytes[at >> 3] |= 1 << (at & 7);
    at++;
  }
  return bytes;
}
