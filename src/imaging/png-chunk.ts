// PNG chunk framing: length, type, data, CRC over type and data.
import { crc32 } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** One chunk of a PNG: its type, its data, and the whole chunk as framed in the file. */
export interface PngChunk {
  type: string;
  data: Buffer;
  framed: Buffer;
}

/** The chunks of a PNG in file order (CRCs are not checked: the bytes are our own). */
export function* pngChunks(png: Buffer): Generator<PngChunk> {
  let at = PNG_SIGNATURE.length;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > png.length) return;
    yield {
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
      framed: png.subarray(at, end),
    };
    at = end;
  }
}

/** The compressed pixels of an 8-bit grey or RGB PNG, as a PDF can hold them without re-encoding. */
export interface PngDeflateImage {
  width: number;
  height: number;
  colors: 1 | 3;
  /** The zlib stream of all IDAT chunks: rows, each led by its PNG filter byte. */
  deflated: Buffer;
}

/**
 * The PNG's pixel stream when a PDF can use it as is (FlateDecode with PNG predictors): 8-bit
 * grey or RGB, not interlaced. `undefined` for anything else (alpha, palette, 16-bit, interlaced).
 */
export function pngDeflateImage(png: Buffer): PngDeflateImage | undefined {
  if (!png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return undefined;
  const idat: Buffer[] = [];
  let header: Omit<PngDeflateImage, 'deflated'> | undefined;
  for (const chunk of pngChunks(png)) {
    if (chunk.type === 'IHDR') {
      const [bitDepth, colourType, , , interlace] = chunk.data.subarray(8, 13);
      const colors = colourType === 0 ? 1 : colourType === 2 ? 3 : undefined;
      if (bitDepth !== 8 || interlace !== 0 || colors === undefined) return undefined;
      header = { width: chunk.data.readUInt32BE(0), height: chunk.data.readUInt32BE(4), colors };
    } else if (chunk.type === 'IDAT') idat.push(chunk.data);
  }
  return header && idat.length > 0 ? { ...header, deflated: Buffer.concat(idat) } : undefined;
}
