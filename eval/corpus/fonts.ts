// Text measurement and ink boxes for the corpus faces: the @fontsource faces via draw.ts, and
// Helvetica as pdfjs renders it (Liberation Sans outlines, Helvetica AFM advances, no kerning).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype, { type Font } from 'opentype.js';
import { layoutRun, loadFont, type FontName } from '../../tests/fixtures/draw.js';
import { union, type Box } from '../../src/imaging/geometry.js';

/** A face a page can be set in; `helvetica` only for PDFs with a text layer. */
export type FaceName = FontName | 'helvetica';

const require = createRequire(import.meta.url);
let liberation: Font | undefined;

/** Liberation Sans, the font pdfjs substitutes for the standard Helvetica. */
export function helveticaFont(): Font {
  if (!liberation) {
    const dir = path.dirname(require.resolve('pdfjs-dist/package.json'));
    const bytes = readFileSync(path.join(dir, 'standard_fonts', 'LiberationSans-Regular.ttf'));
    liberation = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  }
  return liberation;
}

const widths = new Map<string, number>();

/** Advance width of `text` at `size` (same arithmetic as the renderer, so layout and ink agree). */
export function measure(face: FaceName, text: string, size: number): number {
  const key = `${face}\u0000${text}`;
  let unit = widths.get(key);
  if (unit === undefined) {
    unit = face === 'helvetica' ? helveticaAdvance(text) : fontsourceAdvance(face, text);
    widths.set(key, unit);
  }
  return unit * size;
}

function helveticaAdvance(text: string): number {
  const font = helveticaFont();
  let x = 0;
  for (const char of text) x += font.charToGlyph(char).advanceWidth ?? 0;
  return x / font.unitsPerEm;
}

function fontsourceAdvance(face: FontName, text: string): number {
  // Mirrors layoutRun: kerning against the previous glyph, then the advance.
  const font = loadFont(face);
  let x = 0;
  let previous: ReturnType<Font['charToGlyph']> | undefined;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    if (previous) x += font.getKerningValue(previous, glyph);
    x += glyph.advanceWidth ?? 0;
    previous = glyph;
  }
  return x / font.unitsPerEm;
}

/** A laid-out word: its outline path (raster faces only) and its ink box, in output units. */
export interface WordInk {
  d: string;
  box: Box | undefined;
}

/** Lays out one word (no spaces) at a baseline, in whatever units `x`, `baseline`, `size` use. */
export function wordInk(
  face: FaceName,
  text: string,
  x: number,
  baseline: number,
  size: number,
): WordInk {
  if (face !== 'helvetica') {
    const laid = layoutRun({ text, x, baseline, size, font: face });
    return { d: laid.d, box: laid.words[0]?.box };
  }
  const font = helveticaFont();
  const scale = size / font.unitsPerEm;
  const boxes: Box[] = [];
  let pen = x;
  for (const char of text) {
    const glyph = font.charToGlyph(char);
    const bb = glyph.getBoundingBox();
    if (bb.x2 > bb.x1 && bb.y2 > bb.y1) {
      boxes.push({
        x: pen + bb.x1 * scale,
        y: baseline - bb.y2 * scale,
        w: (bb.x2 - bb.x1) * scale,
        h: (bb.y2 - bb.y1) * scale,
      });
    }
    pen += (glyph.advanceWidth ?? 0) * scale;
  }
  return { d: '', box: union(boxes) };
}
