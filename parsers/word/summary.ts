// Title, author and dates of an OLE document, from its \x05SummaryInformation property set, under
// the names the DOCX and PDF extractors use (Title, Author, Subject, CreationDate, ModDate).
import iconv from 'iconv-lite';

const PROPERTY_NAMES: Record<number, string> = { 2: 'Title', 3: 'Subject', 4: 'Author', 12: 'CreationDate', 13: 'ModDate' };
const PID_CODEPAGE = 1;
const VT_I2 = 0x02;
const VT_LPSTR = 0x1e;
const VT_LPWSTR = 0x1f;
const VT_FILETIME = 0x40;
/** 100-ns ticks between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_UNIX_OFFSET = 116444736000000000n;

/** The stream's name inside the OLE container. */
export const SUMMARY_STREAM = '\u0005SummaryInformation';

/** Decodes 8-bit property strings by their codepage (iconv-lite knows cp936/GBK and the Windows pages). */
function decodeCodepage(bytes: Uint8Array, codepage: number): string {
  const name = codepage === 65001 ? 'utf8' : codepage === 1200 ? 'utf16le' : `cp${codepage}`;
  return iconv.decode(Buffer.from(bytes), iconv.encodingExists(name) ? name : 'win1252');
}

function fileTime(view: DataView, at: number): string | undefined {
  const ticks = view.getBigUint64(at, true);
  if (ticks <= FILETIME_UNIX_OFFSET) return undefined;
  const ms = Number((ticks - FILETIME_UNIX_OFFSET) / 10000n);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() > 2200 ? undefined : date.toISOString().replace(/\.000Z$/, 'Z');
}

/** Reads the summary properties; a missing or malformed stream gives {} (metadata is optional). */
export function readSummaryInformation(stream: Uint8Array | undefined): Record<string, string> {
  if (!stream || stream.length < 48) return {};
  try {
    const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
    const section = view.getUint32(44, true);
    const count = Math.min(view.getUint32(section + 4, true), 256);
    const entries: [number, number][] = [];
    for (let i = 0; i < count; i++) entries.push([view.getUint32(section + 8 + i * 8, true), section + view.getUint32(section + 12 + i * 8, true)]);
    const codepageAt = entries.find(([pid]) => pid === PID_CODEPAGE)?.[1];
    const codepage = codepageAt !== undefined && view.getUint16(codepageAt, true) === VT_I2 ? view.getUint16(codepageAt + 4, true) : 1252;
    const meta: Record<string, string> = {};
    for (const [pid, at] of entries) {
      const name = PROPERTY_NAMES[pid];
      if (!name) continue;
      const type = view.getUint16(at, true);
      let value: string | undefined;
      if (type === VT_LPSTR) {
        const size = view.getUint32(at + 4, true);
        value = decodeCodepage(stream.subarray(at + 8, at + 8 + Math.min(size, 4096)), codepage);
      } else if (type === VT_LPWSTR) {
        const chars = view.getUint32(at + 4, true);
        value = new TextDecoder('utf-16le').decode(stream.subarray(at + 8, at + 8 + Math.min(chars * 2, 8192)));
      } else if (type === VT_FILETIME) {
        value = fileTime(view, at + 4);
      }
      value = value?.replace(/\0+$/, '').trim();
      if (value) meta[name] = value;
    }
    return meta;
  } catch {
    return {};
  }
}
