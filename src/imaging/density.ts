// Writes a resolution into PNG and JPEG headers without adding EXIF, which sharp would do.
import { crc32 } from 'node:zlib';

const PNG_SIGNATURE_BYTES = 8;

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** Returns a copy of `png` whose pHYs chunk says `dpi` (replacing any existing one). */
export function setPngDensity(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys.writeUInt8(1, 8); // unit: metre
  const parts: Buffer[] = [png.subarray(0, PNG_SIGNATURE_BYTES)];
  let at = PNG_SIGNATURE_BYTES;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (type !== 'pHYs') parts.push(png.subarray(at, end));
    if (type === 'IHDR') parts.push(pngChunk('pHYs', phys));
    at = end;
  }
  return Buffer.concat(parts);
}

/** Returns a copy of `jpeg` with a JFIF APP0 segment that says `dpi` (replacing any existing one). */
export function setJpegDensity(jpeg: Buffer, dpi: number): Buffer {
  const density = Math.max(1, Math.min(65535, Math.round(dpi)));
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0, 0, 0, 0, 0x00, 0x00,
  ]);
  app0.writeUInt16BE(density, 12);
  app0.writeUInt16BE(density, 14);
  let rest = 2; // after SOI
  const isJfif =
    jpeg[2] === 0xff && jpeg[3] === 0xe0 && jpeg.toString('latin1', 6, 11) === 'JFIF\0';
  if (isJfif) rest = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(rest)]);
}
