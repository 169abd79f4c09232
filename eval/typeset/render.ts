// Draws a laid-out page as glyph outlines (optionally rotated, as a skewed scan) and returns the
// pixels with exact truth: each word's box is the union of its glyphs' ink boxes after rotation.
import sharp from 'sharp';
import { union, type Box } from '../../src/imaging/geometry.js';
import { layoutGlyphs } from '../../tests/fixtures/draw.js';
import type { RawImage } from '../corpus/raster.js';
import type { TruthPage, TruthWord } from '../corpus/types.js';
import { faceStack } from './faces.js';
import type { PlacedPage } from './layout.js';

/** How to draw a page. */
export interface RenderOptions {
  dpi: number;
  /** Clockwise rotation about the page centre, in degrees (0 for a clean page). */
  rotation: number;
}

/** Axis-aligned bounds of `box` rotated by `radians` about (cx, cy), y pointing down. */
export function rotatedBounds(box: Box, radians: number, cx: number, cy: number): Box {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const corners = [
    [box.x, box.y],
    [box.x + box.w, box.y],
    [box.x, box.y + box.h],
    [box.x + box.w, box.y + box.h],
  ].map(([x = 0, y = 0]) => [
    cx + (x - cx) * cos - (y - cy) * sin,
    cy + (x - cx) * sin + (y - cy) * cos,
  ]);
  const xs = corners.map(([x = 0]) => x);
  const ys = corners.map(([, y = 0]) => y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

const round = (n: number) => String(Math.round(n * 100) / 100);

/** The page as SVG in pixels, and its truth in the same pixel space. */
export function pageSvg(
  page: PlacedPage,
  options: RenderOptions,
): { svg: string; truth: TruthPage } {
  const s = options.dpi / 72;
  const width = Math.round(page.width * s);
  const height = Math.round(page.height * s);
  const radians = (options.rotation * Math.PI) / 180;
  const cx = width / 2;
  const cy = height / 2;
  const place = (b: Box) => (radians === 0 ? b : rotatedBounds(b, radians, cx, cy));
  const paths: string[] = [];
  const words: TruthWord[] = [];
  for (const word of page.words) {
    const { glyphs } = layoutGlyphs({
      text: word.text,
      x: word.x * s,
      baseline: word.baseline * s,
      size: word.size * s,
      font: faceStack(word.face),
    });
    const box = union(glyphs.flatMap((g) => (g.box ? [place(g.box)] : [])));
    if (!box) continue;
    paths.push(glyphs.map((g) => g.d).join(''));
    words.push({
      text: word.text,
      box,
      ...(word.phi && { phi: word.phi }),
      ...(word.decoy && { decoy: word.decoy }),
    });
  }
  const rules = page.rules.map((r) => ({ x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s }));
  const rects = rules.map(
    (r) =>
      `<rect x="${round(r.x)}" y="${round(r.y)}" width="${round(r.w)}" height="${round(r.h)}"/>`,
  );
  const transform = radians === 0 ? '' : ` transform="rotate(${options.rotation} ${cx} ${cy})"`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g fill="#000"${transform}>${rects.join('')}<path d="${paths.join('')}"/></g></svg>`;
  return { svg, truth: { width, height, dpi: options.dpi, words, rules: rules.map(place) } };
}

/** Rasterises a page in grey, with its truth. */
export async function renderPage(
  page: PlacedPage,
  options: RenderOptions,
): Promise<{ image: RawImage; truth: TruthPage }> {
  const { svg, truth } = pageSvg(page, options);
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#fff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== truth.width || info.height !== truth.height)
    throw new Error('the rasterised page does not have the size of its truth');
  return { image: { data, width: info.width, height: info.height, channels: 1 }, truth };
}
