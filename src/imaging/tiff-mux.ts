// Joins single-page TIFFs into one multi-page TIFF, hand-written because sharp can only write
// multi-page TIFFs whose pages share one size, and scanned documents do not. It keeps only the
// tags rendering needs.

/** Tags that describe pixels. Everything else (descriptions, names, EXIF, XMP…) is dropped. */
const RENDERING_TAGS = new Set([
  254, // NewSubfileType
  256, // ImageWidth
  257, // ImageLength
  258, // BitsPerSample
  259, // Compression
  262, // PhotometricInterpretation
  266, // FillOrder
  273, // StripOffsets
  277, // SamplesPerPixel
  278, // RowsPerStrip
  279, // StripByteCounts
  282, // XResolution
  283, // YResolution
  284, // PlanarConfiguration
  292, // T4Options
  293, // T6Options
  296, // ResolutionUnit
  317, // Predictor
  320, // ColorMap
  322, // TileWidth
  323, // TileLength
  324, // TileOffsets
  325, // TileByteCounts
  338, // ExtraSamples
  339, // SampleFormat
  347, // JPEGTables
  530, // YCbCrSubSampling
  532, // ReferenceBlackWhite
  34675, // ICC profile
]);

const DATA_OFFSET_TAGS: ReadonlyMap<number, number> = new Map([
  [273, 279], // strips
  [324, 325], // tiles
]);

const TYPE_SIZES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
};

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** The entry's value bytes (inline or not), little-endian. */
  value: Buffer;
}

/** Reads the first IFD of a little-endian classic TIFF. */
function readFirstIfd(tiff: Buffer): Entry[] {
  if (tiff.length < 8 || tiff.readUInt16LE(0) !== 0x4949 || tiff.readUInt16LE(2) !== 42) {
    throw new Error('tiff-mux expects little-endian classic TIFF pages');
  }
  const ifd = tiff.readUInt32LE(4);
  const count = tiff.readUInt16LE(ifd);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    const tag = tiff.readUInt16LE(at);
    const type = tiff.readUInt16LE(at + 2);
    const n = tiff.readUInt32LE(at + 4);
    const size = (TYPE_SIZES[type] ?? 1) * n;
    const start = size <= 4 ? at + 8 : tiff.readUInt32LE(at + 8);
    entries.push({ tag, type, count: n, value: Buffer.from(tiff.subarray(start, start + size)) });
  }
  return entries;
}

function readUints(entry: Entry): number[] {
  const out: number[] = [];
  for (let i = 0; i < entry.count; i++) {
    out.push(entry.type === 3 ? entry.value.readUInt16LE(i * 2) : entry.value.readUInt32LE(i * 4));
  }
  return out;
}

/**
 * Concatenates single-page TIFFs (as sharp writes them) into one multi-page TIFF. Pixel data is
 * copied, not re-encoded; non-rendering tags are dropped.
 */
export function muxTiffPages(pages: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  let offset = 8;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
    if (offset % 2 === 1) {
      parts.push(Buffer.alloc(1)); // TIFF offsets are word-aligned
      offset += 1;
    }
  };
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  parts.push(header);
  let previousNextPointer: { part: Buffer; at: number } | undefined = {
    part: header,
    at: 4,
  };

  for (const page of pages) {
    const entries = readFirstIfd(page).filter((e) => RENDERING_TAGS.has(e.tag));
    // pixel data first; its new offsets replace the old ones
    for (const [offsetsTag, countsTag] of DATA_OFFSET_TAGS) {
      const offsets = entries.find((e) => e.tag === offsetsTag);
      const counts = entries.find((e) => e.tag === countsTag);
      if (!offsets || !counts) continue;
      const lengths = readUints(counts);
      const moved = Buffer.alloc(offsets.count * 4);
      readUints(offsets).forEach((from, i) => {
        moved.writeUInt32LE(offset, i * 4);
        push(page.subarray(from, from + (lengths[i] ?? 0)));
      });
      offsets.type = 4;
      offsets.value = moved;
    }
    // out-of-line values, then the IFD that points at them
    const placed = entries
      .sort((a, b) => a.tag - b.tag)
      .map((e) => {
        if (e.value.length <= 4) return { e, at: -1 };
        const at = offset;
        push(e.value);
        return { e, at };
      });
    const ifd = Buffer.alloc(2 + placed.length * 12 + 4);
    ifd.writeUInt16LE(placed.length, 0);
    placed.forEach(({ e, at }, i) => {
      const p = 2 + i * 12;
      ifd.writeUInt16LE(e.tag, p);
      ifd.writeUInt16LE(e.type, p + 2);
      ifd.writeUInt32LE(e.count, p + 4);
      if (at < 0) e.value.copy(ifd, p + 8);
      else ifd.writeUInt32LE(at, p + 8);
    });
    previousNextPointer.part.writeUInt32LE(offset, previousNextPointer.at);
    previousNextPointer = { part: ifd, at: ifd.length - 4 };
    push(ifd);
  }
  return Buffer.concat(parts);
}
