// Pages in points to pixels: an SVG of glyph outlines and rules, rasterised by sharp, plus truth.
import sharp from 'sharp';
import type { Box } from '../../src/imaging/geometry.js';
import { wordInk } from './fonts.js';
import type { PageSpec } from './page.js';
import type { TruthWord } from './types.js';

/** Uncompressed 8-bit pixels, grey (1 channel) or RGB (3 channels). */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** A rendered page with its ground truth in the same pixel space. */
export interface RasterPage {
  image: RawImage;
  dpi: number;
  words: TruthWord[];
  rules: Box[];
}

/** Pixel size of a page drawn at `dpi`. */
export function pixelSize(
  spec: Pick<PageSpec, 'width' | 'height'>,
  dpi: number,
): { width: number; height: number } {
  return {
    width: Math.round((spec.width * dpi) / 72),
    height: Math.round((spec.height * dpi) / 72),
  };
}

/** The page as SVG in pixels at `dpi`, with the ink box of every word and every rule. */
export function pageSvg(
  spec: PageSpec,
  dpi: number,
): { svg: string; words: TruthWord[]; rules: Box[] } {
  const s = dpi / 72;
  const { width, height } = pixelSize(spec, dpi);
  const byFill = new Map<string, string[]>();
  const add = (fill: string, element: string) => {
    const list = byFill.get(fill) ?? [];
    list.push(element);
    byFill.set(fill, list);
  };
  const rules = spec.rules.map((r): Box => {
    const box = { x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s };
    add(r.fill, `<rect x="${f(box.x)}" y="${f(box.y)}" width="${f(box.w)}" height="${f(box.h)}"/>`);
    return box;
  });
  const words: TruthWord[] = [];
  for (const w of spec.words) {
    const ink = wordInk(w.face, w.text, w.x * s, w.baseline * s, w.size * s);
    if (!ink.box) continue;
    add(w.fill, `<path d="${ink.d}"/>`);
    words.push({
      text: w.text,
      box: ink.box,
      ...(w.phi && { phi: w.phi }),
      ...(w.decoy && { decoy: w.decoy }),
    });
  }
  const groups = [...byFill].map(
    ([fill, elements]) => `<g fill="${fill}">${elements.join('')}</g>`,
  );
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${groups.join('')}</svg>`;
  return { svg, words, rules };
}

/** Rasterises a page at `dpi`, in grey or RGB. */
export async function rasterise(spec: PageSpec, dpi: number, grey: boolean): Promise<RasterPage> {
  const { svg, words, rules } = pageSvg(spec, dpi);
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#fff' })
    .toColourspace(grey ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: { data, width: info.width, height: info.height, channels: grey ? 1 : 3 },
    dpi,
    words,
    rules,
  };
}

function f(n: number): string {
  return String(Math.round(n * 100) / 100);
}
