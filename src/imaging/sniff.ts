// Content-type detection by magic bytes, hand-written: `file-type` knows our seven formats but not
// markup (SVG, HTML: refused with a name here), wants `%PDF-` at byte 0 where readers accept it
// within the first 1,024, and names TIFF-based camera RAWs apart. Never trust a file name or MIME.

/** Document formats the pipeline reads. */
export const SOURCE_TYPES = ['png', 'jpeg', 'tiff', 'pdf', 'webp', 'gif', 'bmp'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Video containers the `blur-faces` operation reads (through ffmpeg). */
export const VIDEO_TYPES = ['mp4', 'mov', 'webm', 'avi'] as const;
export type VideoType = (typeof VIDEO_TYPES)[number];

/** Anything an upload may be: a document, or a video. */
export type InputType = SourceType | VideoType;

/** True for the video containers. */
export function isVideoType(type: InputType): type is VideoType {
  return (VIDEO_TYPES as readonly string[]).includes(type);
}

export type SniffResult =
  { supported: true; type: InputType } | { supported: false; description: string };

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
  const video = sniffVideo(head);
  if (video) return video;

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

const ok = (type: InputType): SniffResult => ({ supported: true, type });

/** Major brands of MP4 video files (ISO base media, MPEG-4, 3GPP, Apple M4V, Sony XAVC). */
const MP4_BRANDS =
  /^(iso[2-9m]|isom|mp4[12]|mp71|avc1|M4VP|M4V |dash|MSNV|f4v |3gp[4-9]|3g2[abc]|mmp4|XAVC|NDAS)$/;

/** ISO-BMFF boxes an old QuickTime file may start with instead of `ftyp`. */
const QUICKTIME_FIRST_BOXES = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'];

/**
 * MP4 and MOV (ISO-BMFF: `ftyp` box, QuickTime brand `qt  `), WebM (EBML with DocType `webm`)
 * and AVI (`RIFF….AVI `). Matroska that is not WebM, and other ISO-BMFF brands of still images
 * (HEIF/AVIF), are named and refused.
 */
function sniffVideo(head: Uint8Array): SniffResult | undefined {
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return ok('avi');
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand === 'qt  ') return ok('mov');
    if (MP4_BRANDS.test(brand)) return ok('mp4');
    if (/^(hei[cmsx]|mif1|msf1|avif|avis)$/.test(brand)) {
      return { supported: false, description: 'a HEIF/AVIF image' };
    }
    return { supported: false, description: 'an ISO media file that is not an MP4 video' };
  }
  if (QUICKTIME_FIRST_BOXES.includes(ascii(head, 4, 8))) return ok('mov');
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // The EBML header is short and comes first; its DocType element holds the container's name.
    const header = ascii(head, 4, 64);
    if (header.includes('webm')) return ok('webm');
    return { supported: false, description: 'a Matroska video (WebM is supported)' };
  }
  return undefined;
}
