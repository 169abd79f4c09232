// A small BMP decoder (sharp's libvips build has no BMP loader): uncompressed and bit-field BMPs.
import { RedactifyError } from '../errors.js';

export interface BmpHeader {
  width: number;
  height: number;
  /** Rows stored top-down (negative height in the file). */
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  dataOffset: number;
  /** Pixels per metre, converted to DPI; undefined when the file says 0. */
  dpi: number | undefined;
  palette: Array<[number, number, number]>;
  masks: [number, number, number] | undefined;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;

const corrupt = () => new RedactifyError('CORRUPT_INPUT', 'The BMP file is damaged or truncated');

/** Reads the BMP headers only: enough to check limits before any pixel is decoded. */
export function readBmpHeader(bmp: Buffer): BmpHeader {
  if (bmp.length < 26 || bmp.toString('latin1', 0, 2) !== 'BM') throw corrupt();
  const dataOffset = bmp.readUInt32LE(10);
  const infoSize = bmp.readUInt32LE(14);
  if (infoSize < 40 || bmp.length < 14 + infoSize) {
    throw new RedactifyError(
      'UNSUPPORTED_TYPE',
      'Only Windows BMP files (BITMAPINFOHEADER or later) are supported',
    );
  }
  const rawHeight = bmp.readInt32LE(22);
  const bitsPerPixel = bmp.readUInt16LE(28);
  const compression = bmp.readUInt32LE(30);
  const ppm = bmp.readInt32LE(38);
  if (!(
    compression === BI_RGB ||
    (compression === BI_BITFIELDS && (bitsPerPixel === 16 || bitsPerPixel === 32))
  )) {
    throw new RedactifyError(
      'UNSUPPORTED_TYPE',
      'Compressed (RLE, JPEG or PNG) BMP files are not supported',
    );
  }
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) throw corrupt();
  let masks: BmpHeader['masks'];
  if (compression === BI_BITFIELDS) {
    const at = infoSize >= 52 ? 54 : 14 + infoSize; // V4/V5 headers hold the masks; else they follow
    if (at + 12 > bmp.length) throw corrupt();
    masks = [bmp.readUInt32LE(at), bmp.readUInt32LE(at + 4), bmp.readUInt32LE(at + 8)];
  } else if (bitsPerPixel === 16) {
    masks = [0x7c00, 0x03e0, 0x001f];
  }
  const palette: BmpHeader['palette'] = [];
  if (bitsPerPixel <= 8) {
    const colours = bmp.readUInt32LE(46) || 1 << bitsPerPixel;
    const start = 14 + infoSize;
    for (let i = 0; i < colours && start + i * 4 + 3 <= bmp.length; i++) {
      const at = start + i * 4;
      palette.push([bmp[at + 2] ?? 0, bmp[at + 1] ?? 0, bmp[at] ?? 0]);
    }
  }
  return {
    width: bmp.readInt32LE(18),
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitsPerPixel,
    compression,
    dataOffset,
    dpi: ppm > 0 ? Math.round(ppm * 0.0254) : undefined,
    palette,
    masks,
  };
}

function channelFromMask(value: number, mask: number): number {
  if (mask === 0) return 0;
  const shift = Math.clz32(mask & -mask) ^ 31; // index of the lowest set bit
  const max = mask >>> shift;
  return Math.round((((value & mask) >>> shift) * 255) / max);
}

/** Decodes a BMP into raw 8-bit RGB, top row first. */
export function decodeBmp(
  bmp: Buffer,
  header = readBmpHeader(bmp),
): { data: Buffer; width: number; height: number } {
  const { width, height, bitsPerPixel: bpp, palette, masks } = header;
  if (width <= 0 || height <= 0) throw corrupt();
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (header.dataOffset + stride * height > bmp.length) throw corrupt();
  const out = Buffer.alloc(width * height * 3);
  for (let row = 0; row < height; row++) {
    const src = header.dataOffset + (header.topDown ? row : height - 1 - row) * stride;
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      if (bpp <= 8) {
        const bit = x * bpp;
        const byte = bmp[src + (bit >> 3)] ?? 0;
        const index = (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        rgb = palette[index] ?? [0, 0, 0];
      } else if (bpp === 24) {
        const at = src + x * 3;
        rgb = [bmp[at + 2] ?? 0, bmp[at + 1] ?? 0, bmp[at] ?? 0];
      } else {
        const value = bpp === 16 ? bmp.readUInt16LE(src + x * 2) : bmp.readUInt32LE(src + x * 4);
        rgb = masks
          ? [
              channelFromMask(value, masks[0]),
              channelFromMask(value, masks[1]),
              channelFromMask(value, masks[2]),
            ]
          : [(value >>> 16) & 255, (value >>> 8) & 255, value & 255];
      }
      out.set(rgb, (row * width + x) * 3);
    }
  }
  return { data: out, width, height };
}
