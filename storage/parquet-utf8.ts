// A text column as SQLite hands it over cheapest: every value's UTF-8 bytes end to end in one
// buffer (group_concat cast to a BLOB) and each value's byte length (null for a missing value).
// No JavaScript string is made per value: the dictionary hashes byte ranges, PLAIN copies them.

/** A text column as UTF-8 bytes: `lengths[i]` bytes of `bytes` per value, in order; null = missing. */
export interface Utf8Column {
  lengths: readonly (number | null)[];
  bytes: Uint8Array;
}

/** Whether a column's values are given as UTF-8 bytes rather than as JavaScript values. */
export function isUtf8Column(values: unknown): values is Utf8Column {
  return typeof values === 'object' && values !== null && 'bytes' in values;
}

/** The distinct byte ranges (start, length in `bytes`) and each present value's index into them. */
export interface Utf8Dictionary {
  starts: Int32Array;
  lengths: Int32Array;
  count: number;
  indexes: Int32Array;
}

// Both loops take four bytes a step: on the long table's keys and provenance (20-30 bytes each,
// 200,000 a chunk) hashing and comparing bytes one at a time cost more than everything else.
const word = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  let i = 0;
  for (; i + 4 <= length; i += 4) if (word(bytes, a + i) !== word(bytes, b + i)) return false;
  for (; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** FNV-1a over 4-byte words, then the tail, then murmur3's finaliser to spread the bits. */
function hashOf(bytes: Uint8Array, start: number, length: number): number {
  let hash = 0x811c9dc5 ^ length;
  let i = start;
  const end = start + length;
  for (; i + 4 <= end; i += 4) hash = Math.imul(hash ^ word(bytes, i), 0x01000193);
  for (; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** The column's dictionary, or null once it would hold more than `limit` distinct values. */
export function utf8Dictionary(column: Utf8Column, present: number, limit: number): Utf8Dictionary | null {
  const { lengths, bytes } = column;
  const slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, 2 * Math.min(limit + 1, present))))).fill(-1);
  const mask = slots.length - 1;
  const starts = new Int32Array(limit + 1);
  const sizes = new Int32Array(limit + 1);
  const indexes = new Int32Array(present);
  let count = 0;
  let at = 0;
  let offset = 0;
  let previous = -1;
  for (const length of lengths) {
    if (length === null) continue;
    // Runs (one unit, one cell state after another) cost a byte comparison, not a hash.
    if (previous >= 0 && sizes[previous] === length && sameBytes(bytes, starts[previous], offset, length)) {
      indexes[at++] = previous;
      offset += length;
      continue;
    }
    let slot = hashOf(bytes, offset, length) & mask;
    let entry = slots[slot];
    while (entry >= 0 && !(sizes[entry] === length && sameBytes(bytes, starts[entry], offset, length))) {
      slot = (slot + 1) & mask;
      entry = slots[slot];
    }
    if (entry < 0) {
      if (count >= limit) return null;
      entry = count++;
      starts[entry] = offset;
      sizes[entry] = length;
      slots[slot] = entry;
    }
    indexes[at++] = entry;
    previous = entry;
    offset += length;
  }
  return present === 0 ? null : { starts, lengths: sizes, count, indexes };
}

/** PLAIN BYTE_ARRAY bytes of the dictionary's distinct values. */
export function plainDictionary(column: Utf8Column, dictionary: Utf8Dictionary): Uint8Array {
  let size = 0;
  for (let i = 0; i < dictionary.count; i++) size += 4 + dictionary.lengths[i];
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < dictionary.count; i++) {
    out.writeUInt32LE(dictionary.lengths[i], at);
    out.set(column.bytes.subarray(dictionary.starts[i], dictionary.starts[i] + dictionary.lengths[i]), at + 4);
    at += 4 + dictionary.lengths[i];
  }
  return out;
}

/** PLAIN BYTE_ARRAY bytes of every present value: its 4-byte length, then its bytes. */
export function plainUtf8(column: Utf8Column): Uint8Array {
  let present = 0;
  for (const length of column.lengths) if (length !== null) present++;
  const out = Buffer.allocUnsafe(present * 4 + column.bytes.length);
  const source = Buffer.from(column.bytes.buffer, column.bytes.byteOffset, column.bytes.byteLength);
  let at = 0;
  let offset = 0;
  for (const length of column.lengths) {
    if (length === null) continue;
    out.writeUInt32LE(length, at);
    source.copy(out, at + 4, offset, offset + length);
    at += 4 + length;
    offset += length;
  }
  return out;
}
