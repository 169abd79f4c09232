// The held-out corpus's typefaces (none shared with eval/corpus) and glyph-outline layout of one word.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype, { type Font, type Glyph, type PathCommand } from 'opentype.js';

const require = createRequire(import.meta.url);

const fontsource = (pkg: string, file: string) => () =>
  require.resolve(`@fontsource/${pkg}/files/${file}`);
const pdfjsStandard = (file: string) => () =>
  path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts', file);

/**
 * Every face a held-out page may use. `helvetica*` are the PDF standard fonts as pdfjs draws them
 * (Liberation Sans outlines), for text-layer PDFs only; the others are drawn as outlines.
 */
const FACE_FILES = {
  /** Block-capital handwriting (Patrick Hand, OFL). */
  hand: fontsource('patrick-hand', 'patrick-hand-latin-400-normal.woff'),
  /** Looser handwriting and signatures (Kalam, OFL). */
  script: fontsource('kalam', 'kalam-latin-400-normal.woff'),
  scriptLight: fontsource('kalam', 'kalam-latin-300-normal.woff'),
  /** Condensed sans for form captions and ID cards (Barlow Condensed, OFL). */
  condensed: fontsource('barlow-condensed', 'barlow-condensed-latin-500-normal.woff'),
  condensedBold: fontsource('barlow-condensed', 'barlow-condensed-latin-700-normal.woff'),
  /** Typewriter-like monospace, the look of claim-form print (Courier Prime, OFL). */
  typewriter: fontsource('courier-prime', 'courier-prime-latin-400-normal.woff'),
  typewriterBold: fontsource('courier-prime', 'courier-prime-latin-700-normal.woff'),
  /** Humanist sans for modern forms (IBM Plex Sans, OFL). */
  plex: fontsource('ibm-plex-sans', 'ibm-plex-sans-latin-400-normal.woff'),
  plexBold: fontsource('ibm-plex-sans', 'ibm-plex-sans-latin-700-normal.woff'),
  /** Text serif for letters (Source Serif 4, OFL). */
  serif: fontsource('source-serif-4', 'source-serif-4-latin-400-normal.woff'),
  serifBold: fontsource('source-serif-4', 'source-serif-4-latin-700-normal.woff'),
  /** Monospace of viewer overlays and EHR printouts (IBM Plex Mono, OFL). */
  mono: fontsource('ibm-plex-mono', 'ibm-plex-mono-latin-400-normal.woff'),
  monoBold: fontsource('ibm-plex-mono', 'ibm-plex-mono-latin-600-normal.woff'),
  /** Tall narrow display face of licence headings (Oswald, OFL). */
  display: fontsource('oswald', 'oswald-latin-500-normal.woff'),
  helvetica: pdfjsStandard('LiberationSans-Regular.ttf'),
  helveticaBold: pdfjsStandard('LiberationSans-Bold.ttf'),
} as const;

/** One of the held-out corpus's faces. */
export type Face = keyof typeof FACE_FILES;

/** Faces a text-layer PDF can use: the standard fonts pdfjs replaces with Liberation Sans. */
export const PDF_FACES = new Set<Face>(['helvetica', 'helveticaBold']);

const loaded = new Map<Face, Font>();

/** The parsed font of a face (cached). */
export function fontOf(face: Face): Font {
  let font = loaded.get(face);
  if (!font) {
    const bytes = readFileSync(FACE_FILES[face]());
    font = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    loaded.set(face, font);
  }
  return font;
}

/** Pairs kerning only where the renderer applies it: pdfjs does not kern standard fonts. */
const kerns = (face: Face) => !PDF_FACES.has(face);

/** Advance width of `text` at `size`, in the units of `size`. */
export function measure(face: Face, text: string, size: number): number {
  const font = fontOf(face);
  const scale = size / font.unitsPerEm;
  let x = 0;
  let previous: Glyph | undefined;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous && kerns(face)) x += font.getKerningValue(previous, glyph) * scale;
    x += (glyph.advanceWidth ?? 0) * scale;
    previous = glyph;
  }
  return x;
}

/**
 * The outline of one word whose baseline starts at (x, baseline), glyph by glyph (no GSUB shaping,
 * which opentype.js mishandles for some fonts), with the same pen arithmetic as `measure`.
 */
export function wordOutline(
  face: Face,
  text: string,
  x: number,
  baseline: number,
  size: number,
): PathCommand[] {
  const font = fontOf(face);
  const scale = size / font.unitsPerEm;
  const commands: PathCommand[] = [];
  let pen = x;
  let previous: Glyph | undefined;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous && kerns(face)) pen += font.getKerningValue(previous, glyph) * scale;
    commands.push(...glyph.getPath(pen, baseline, size).commands);
    pen += (glyph.advanceWidth ?? 0) * scale;
    previous = glyph;
  }
  return commands;
}

/** Characters a face has no glyph for (they would render as .notdef boxes). */
export function missingGlyphs(face: Face, text: string): string[] {
  const font = fontOf(face);
  return [...text].filter((c) => c !== ' ' && font.charToGlyph(c).index === 0);
}
