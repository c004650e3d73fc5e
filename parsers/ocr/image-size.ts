// An image's width and height read from its header, before anything decodes it: a 30000×30000 PNG
// (a few KB compressed) took tesseract to 2.9 GB. PNG, JPEG, GIF, BMP and TIFF headers are read;
// an image whose header gives no size is refused.

export interface ImageSize {
  width: number;
  height: number;
}

function be16(b: Uint8Array, at: number): number { return (b[at] << 8) | b[at + 1]; }
function be32(b: Uint8Array, at: number): number { return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3]; }
function le16(b: Uint8Array, at: number): number { return b[at] | (b[at + 1] << 8); }
function le32(b: Uint8Array, at: number): number { return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + ((b[at + 3] << 24) >>> 0); }

function jpegSize(b: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    const length = be16(b, at + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: be16(b, at + 5), width: be16(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function tiffSize(b: Uint8Array): ImageSize | null {
  const little = b[0] === 0x49;
  const u16 = (at: number) => (little ? le16(b, at) : be16(b, at));
  const u32 = (at: number) => (little ? le32(b, at) : be32(b, at));
  const ifd = u32(4);
  if (ifd + 2 > b.length) return null;
  const count = u16(ifd);
  let width = 0;
  let height = 0;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > b.length) break;
    const tag = u16(entry);
    const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width && height ? { width, height } : null;
}

/** The size an image's header declares, or null when the header cannot be read. */
export function imageSize(b: Uint8Array): ImageSize | null {
  if (b.length < 26) return null;
  if (b[0] === 0x89 && b[1] === 0x50) return { width: be32(b, 16), height: be32(b, 20) }; // PNG IHDR
  if (b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  if (b[0] === 0x47 && b[1] === 0x49) return { width: le16(b, 6), height: le16(b, 8) }; // GIF
  if (b[0] === 0x42 && b[1] === 0x4d) return { width: Math.abs(le32(b, 18) | 0), height: Math.abs(le32(b, 22) | 0) }; // BMP
  if ((b[0] === 0x49 && b[1] === 0x49) || (b[0] === 0x4d && b[1] === 0x4d)) return tiffSize(b);
  return null;
}
