// Compression bombs for hostile portals (the hostile-server tests, the attack battery): megabytes of zeros compressed
// by streaming, so the inflated bytes are never held in memory here either.
import zlib from 'node:zlib';

const MiB = 1024 * 1024;

/** `inflatedMiB` MiB of zeros, compressed as gzip, deflate or br. */
export async function compressionBomb(encoding: 'gzip' | 'deflate' | 'br', inflatedMiB: number): Promise<Buffer> {
  const compressor = encoding === 'gzip' ? zlib.createGzip({ level: 9 })
    : encoding === 'deflate' ? zlib.createDeflate({ level: 9 })
    : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
  const chunks: Buffer[] = [];
  compressor.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => compressor.on('end', resolve));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < inflatedMiB; i++) if (!compressor.write(zeros)) await new Promise((r) => compressor.once('drain', r));
  compressor.end();
  await done;
  return Buffer.concat(chunks);
}
