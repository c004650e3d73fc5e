// A small reader for OLE compound files (the container of Word 97 .doc and WPS .wps files): it
// follows the sector chains defensively, so a truncated or hostile file is refused with a reason
// instead of looping or reading out of bounds.
import { UnreadableDocumentError } from '../document/errors.ts';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;

function damaged(detail: string): UnreadableDocumentError {
  return new UnreadableDocumentError(`the OLE (Word 97) container is damaged or truncated: ${detail}`, 'ole_damaged');
}

class CompoundFile {
  private readonly view: DataView;
  private readonly sectorSize: number;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private readonly fat: number[];
  private miniFat: number[] = [];
  private miniStream: Uint8Array = new Uint8Array(0);
  readonly streams = new Map<string, Uint8Array>();
  readonly names: string[] = [];

  constructor(private readonly bytes: Uint8Array, private readonly wanted: Set<string>) {
    if (bytes.length < 512 || !SIGNATURE.every((b, i) => bytes[i] === b)) throw damaged('no compound-file header');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sectorShift = this.view.getUint16(0x1e, true);
    const miniShift = this.view.getUint16(0x20, true);
    if (sectorShift < 7 || sectorShift > 16 || miniShift > sectorShift) throw damaged(`sector shift ${sectorShift}`);
    this.sectorSize = 1 << sectorShift;
    this.miniSectorSize = 1 << miniShift;
    this.miniCutoff = this.view.getUint32(0x38, true);
    this.fat = this.readFat();
    this.readDirectory();
  }

  private u32(offset: number): number {
    if (offset + 4 > this.bytes.length) throw damaged(`read past the end at byte ${offset}`);
    return this.view.getUint32(offset, true);
  }

  private sectorOffset(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  private sectorWords(sector: number): number[] {
    const start = this.sectorOffset(sector);
    const words: number[] = [];
    for (let i = 0; i < this.sectorSize / 4; i++) words.push(this.u32(start + i * 4));
    return words;
  }

  private readFat(): number[] {
    const fatSectors: number[] = [];
    for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) fatSectors.push(this.u32(0x4c + i * 4));
    let difat = this.u32(0x44);
    for (let hops = 0; difat !== END_OF_CHAIN && difat !== FREE_SECTOR; hops++) {
      if (hops > 10_000) throw damaged('DIFAT chain loops');
      const words = this.sectorWords(difat);
      fatSectors.push(...words.slice(0, -1));
      difat = words[words.length - 1];
    }
    const fat: number[] = [];
    for (const sector of fatSectors) if (sector !== FREE_SECTOR && sector !== END_OF_CHAIN) fat.push(...this.sectorWords(sector));
    return fat;
  }

  private chain(start: number, table: number[]): number[] {
    const sectors: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== END_OF_CHAIN; s = table[s]) {
      if (s === undefined || s >= table.length || seen.has(s)) throw damaged(`broken sector chain at ${s}`);
      seen.add(s);
      sectors.push(s);
    }
    return sectors;
  }

  private readChain(start: number, size: number): Uint8Array {
    const out = new Uint8Array(size);
    let filled = 0;
    for (const sector of this.chain(start, this.fat)) {
      if (filled >= size) break;
      const from = this.sectorOffset(sector);
      const take = Math.min(this.sectorSize, size - filled);
      if (from + take > this.bytes.length) throw damaged(`sector ${sector} lies past the end of the file`);
      out.set(this.bytes.subarray(from, from + take), filled);
      filled += take;
    }
    if (filled < size) throw damaged(`a stream is shorter than its declared ${size} bytes`);
    return out;
  }

  private readMini(start: number, size: number): Uint8Array {
    const out = new Uint8Array(size);
    let filled = 0;
    for (const sector of this.chain(start, this.miniFat)) {
      if (filled >= size) break;
      const from = sector * this.miniSectorSize;
      const take = Math.min(this.miniSectorSize, size - filled);
      if (from + take > this.miniStream.length) throw damaged(`mini sector ${sector} lies past the mini stream`);
      out.set(this.miniStream.subarray(from, from + take), filled);
      filled += take;
    }
    if (filled < size) throw damaged(`a small stream is shorter than its declared ${size} bytes`);
    return out;
  }

  private readDirectory(): void {
    const dirSectors = this.chain(this.u32(0x30), this.fat);
    const entries: { name: string; type: number; start: number; size: number }[] = [];
    for (const sector of dirSectors) {
      const base = this.sectorOffset(sector);
      if (base + this.sectorSize > this.bytes.length) throw damaged(`directory sector ${sector} lies past the end of the file`);
      for (let at = base; at + 128 <= base + this.sectorSize; at += 128) {
        const nameBytes = Math.min(this.view.getUint16(at + 0x40, true), 64);
        const name = Buffer.from(this.bytes.subarray(at, at + Math.max(0, nameBytes - 2))).toString('utf16le');
        entries.push({ name, type: this.bytes[at + 0x42], start: this.u32(at + 0x74), size: this.u32(at + 0x78) });
      }
    }
    const root = entries.find((e) => e.type === 5);
    if (!root) throw damaged('no root directory entry');
    if (root.size > 0) this.miniStream = this.readChain(root.start, root.size);
    const miniFatStart = this.u32(0x3c);
    if (miniFatStart !== END_OF_CHAIN) this.miniFat = this.chain(miniFatStart, this.fat).flatMap((s) => this.sectorWords(s));
    for (const entry of entries) {
      if (entry.type === 2) this.names.push(entry.name.replace(/[\x00-\x1f]/g, ''));
      if (entry.type !== 2 || this.streams.has(entry.name) || !this.wanted.has(entry.name)) continue;
      if (entry.size > this.bytes.length * 2 + 65536) throw damaged(`stream ${entry.name} claims ${entry.size} bytes`);
      this.streams.set(entry.name, entry.size < this.miniCutoff ? this.readMini(entry.start, entry.size) : this.readChain(entry.start, entry.size));
    }
  }
}

/** An OLE file's wanted streams (storages flattened; absent ones missing) and the names of all its streams. */
export interface OleFile {
  streams: Map<string, Uint8Array>;
  names: string[];
}

/** Reads the wanted streams of an OLE compound file; damaged files throw UnreadableDocumentError. */
export function readOleStreams(bytes: Uint8Array, wanted: string[]): OleFile {
  try {
    const file = new CompoundFile(bytes, new Set(wanted));
    return { streams: file.streams, names: file.names };
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    throw damaged(error instanceof Error ? error.message : String(error));
  }
}
