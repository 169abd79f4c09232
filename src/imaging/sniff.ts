// Content-type detection by magic bytes, hand-written: `file-type` knows our seven formats but not
// markup (SVG, HTML: refused with a name here), wants `%PDF-` at byte 0 where readers accept it
// within the first 1,024, and names TIFF-based camera RAWs apart. Never trust a file name or MIME.

/** Document formats the pipeline reads. */
export const SOURCE_TYPES = ['png', 'jpeg', 'tiff', 'pdf', 'webp', 'gif', 'bmp'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export type SniffResult =
  { supported: true; type: SourceType } | { supported: false; description: string };

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 512;

const startsWith = (head: Uint8Array, bytes: readonly number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);

const ascii = (head: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...head.subarray(start, Math.min(end, head.length)));

/** Recognisable formats we refuse, so the error can say what the file really is. */
const KNOWN_UNSUPPORTED: ReadonlyArray<[readonly number[], string]> = [
  [[0x4d, 0x5a], 'a Windows executable'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or Office document)'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'a legacy Office document'],
];

/**
 * Identifies a document from its first bytes (`SNIFF_BYTES` are enough).
 *
 * @example sniffType(await readHead(file)) // { supported: true, type: 'tiff' }
 */
export function sniffType(head: Uint8Array): SniffResult {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok('png');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return ok('jpeg');
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return ok('tiff');
  }
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) {
    return ok('tiff'); // BigTIFF
  }
  if (ascii(head, 0, 1024).includes('%PDF-')) return ok('pdf');
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return ok('webp');
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return ok('gif');
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26) return ok('bmp');

  for (const [magic, description] of KNOWN_UNSUPPORTED) {
    if (startsWith(head, magic)) return { supported: false, description };
  }
  const text = ascii(head, 0, SNIFF_BYTES)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) {
    return { supported: false, description: 'an SVG image' };
  }
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) {
    return { supported: false, description: 'an HTML page' };
  }
  if (text.startsWith('<?xml') || text.startsWith('<')) {
    return { supported: false, description: 'an XML or markup file' };
  }
  return { supported: false, description: 'an unrecognised format' };
}

const ok = (type: SourceType): SniffResult => ({ supported: true, type });
