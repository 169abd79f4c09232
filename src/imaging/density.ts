// Writes a resolution into PNG and JPEG headers without adding EXIF, which sharp would do.
import { pngChunk, pngChunks, PNG_SIGNATURE } from './png-chunk.js';

/** Returns a copy of `png` whose pHYs chunk says `dpi` (replacing any existing one). */
export function setPngDensity(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys.writeUInt8(1, 8); // unit: metre
  const parts: Buffer[] = [png.subarray(0, PNG_SIGNATURE.length)];
  for (const chunk of pngChunks(png)) {
    if (chunk.type !== 'pHYs') parts.push(chunk.framed);
    if (chunk.type === 'IHDR') parts.push(pngChunk('pHYs', phys));
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
