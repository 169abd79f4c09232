// Sheets to pixels: glyph outlines and shapes mapped through the page's geometry (DPI, scan skew)
// into one SVG, rasterised by sharp over an optional backdrop, with truth boxes of the mapped ink.
import sharp from 'sharp';
import type { Box } from '../../src/imaging/geometry.js';
import type { TruthPage, TruthWord } from '../corpus/types.js';
import {
  compose,
  mapCommands,
  outlineBox,
  pathData,
  rotationAbout,
  scaling,
  translation,
  type Affine,
} from './affine.js';
import { xrayBackdrop } from './backdrop.js';
import { wordOutline } from './fonts.js';
import type { Sheet } from './sheet.js';

/** Uncompressed 8-bit pixels, grey (1 channel) or RGB (3 channels), row-major. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Where the page lands on the "scanner glass": skew, shift and scale, applied before rasterising. */
export interface Placement {
  /** Degrees, clockwise. */
  rotate: number;
  /** Pixels. */
  dx: number;
  dy: number;
  /** 1 = true size (a photocopy may shrink it slightly). */
  zoom: number;
}

export const FLAT: Placement = { rotate: 0, dx: 0, dy: 0, zoom: 1 };

/** A rendered page, its truth, and the areas verification needs to tell ink from ground. */
export interface RenderedPage {
  image: RawImage;
  truth: TruthPage;
  /** 255 where the page is a solid dark area (film, card band), 0 elsewhere: where light ink may lie. */
  darkGround: Buffer;
  /** Bright non-text areas on a dark ground (the anatomy of a film). */
  brightAreas: Box[];
}

/** Rec. 601 luma of a `#rrggbb` colour, 0–255 (what sharp's greyscale conversion computes). */
export function luma(css: string): number {
  const n = parseInt(/^#([0-9a-f]{6})$/i.exec(css)?.[1] ?? '000000', 16);
  return 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
}

/** Pixel size of a sheet at `dpi`. */
export function pixelSize(sheet: Pick<Sheet, 'width' | 'height'>, dpi: number) {
  return {
    width: Math.round((sheet.width * dpi) / 72),
    height: Math.round((sheet.height * dpi) / 72),
  };
}

function pageMap(sheet: Sheet, dpi: number, placement: Placement): Affine {
  const { width, height } = pixelSize(sheet, dpi);
  const toPixels = scaling((dpi / 72) * placement.zoom);
  const centre = compose(
    translation(width / 2 + placement.dx, height / 2 + placement.dy),
    rotationAbout(placement.rotate, 0, 0),
  );
  return compose(
    centre,
    compose(
      translation(
        (-sheet.width * (dpi / 72) * placement.zoom) / 2,
        (-sheet.height * (dpi / 72) * placement.zoom) / 2,
      ),
      toPixels,
    ),
  );
}

const round = (b: Box): Box => ({
  x: Math.round(b.x * 100) / 100,
  y: Math.round(b.y * 100) / 100,
  w: Math.round(b.w * 100) / 100,
  h: Math.round(b.h * 100) / 100,
});

/** The sheet as SVG in pixels, plus truth, at `dpi` and `placement`. */
export function sheetSvg(sheet: Sheet, dpi: number, placement: Placement = FLAT) {
  const { width, height } = pixelSize(sheet, dpi);
  const m = pageMap(sheet, dpi, placement);
  const groups = new Map<string, string[]>();
  const add = (fill: string, d: string) => {
    const list = groups.get(fill) ?? [];
    list.push(`<path d="${d}"/>`);
    groups.set(fill, list);
  };
  const rules: Box[] = [];
  const groundPaths: string[] = [];
  const brightAreas: Box[] = [];
  const groundDark = luma(sheet.ground) < 128;
  for (const shape of sheet.shapes) {
    const mapped = mapCommands(m, shape.commands);
    const box = outlineBox(mapped);
    if (!box) continue;
    add(shape.fill, pathData(mapped));
    const dark = luma(shape.fill) < 128;
    if (dark) {
      rules.push(round(box));
      // Only solid areas are ground light text can sit on; a skewed thin rule's box is mostly paper.
      const upright = outlineBox(shape.commands);
      if (upright && Math.min(upright.w, upright.h) >= 8)
        groundPaths.push(`<path d="${pathData(mapped)}"/>`);
    } else if (groundDark) {
      rules.push(round(box));
      brightAreas.push(box);
    }
  }
  const words: TruthWord[] = [];
  for (const w of sheet.words) {
    const tilt = rotationAbout(w.tilt, w.x, w.baseline);
    const mapped = mapCommands(
      compose(m, tilt),
      wordOutline(w.face, w.text, w.x, w.baseline, w.size),
    );
    const box = outlineBox(mapped);
    if (!box) continue;
    add(w.fill, pathData(mapped));
    words.push({
      text: w.text,
      box: round(box),
      ...(w.phi && { phi: w.phi }),
      ...(w.decoy && { decoy: w.decoy }),
      ...(w.light && { ink: 'light' as const }),
    });
  }
  if (sheet.backdrop) {
    const b = sheet.backdrop.body;
    const box = outlineBox(
      mapCommands(m, [
        { type: 'M', x: b.x, y: b.y },
        { type: 'L', x: b.x + b.w, y: b.y + b.h },
      ]),
    );
    if (box) brightAreas.push(box);
  }
  if (groundDark) rules.push({ x: 0, y: 0, w: width, h: height });
  const groundSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${groundDark ? '#fff' : '#000'}"/><g fill="#fff">${groundPaths.join('')}</g></svg>`;
  const body = [...groups]
    .map(([fill, paths]) => `<g fill="${fill}">${paths.join('')}</g>`)
    .join('');
  const background = sheet.backdrop
    ? ''
    : `<rect width="100%" height="100%" fill="${sheet.ground}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${background}${body}</svg>`;
  const truth: TruthPage = { width, height, dpi, words, rules };
  return { svg, truth, groundSvg, brightAreas };
}

/** Rasterises a sheet at `dpi`; grey unless `colour`. */
export async function renderSheet(
  sheet: Sheet,
  dpi: number,
  options: { placement?: Placement; colour?: boolean } = {},
): Promise<RenderedPage> {
  const { svg, truth, groundSvg, brightAreas } = sheetSvg(sheet, dpi, options.placement);
  const darkGround = await sharp(Buffer.from(groundSvg), { density: 72 })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const colour = options.colour ?? false;
  const base = sheet.backdrop
    ? sharp(await xrayBackdrop(sheet.backdrop, truth.width, truth.height, dpi / 72), {
        raw: { width: truth.width, height: truth.height, channels: 1 },
      }).composite([{ input: Buffer.from(svg), density: 72 }])
    : sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#ffffff' });
  // Composite first, then convert: sharp applies the colourspace after the composite.
  const flat = await base.png().toBuffer();
  const { data, info } = await sharp(flat)
    .toColourspace(colour ? 'srgb' : 'b-w')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: { data, width: info.width, height: info.height, channels: colour ? 3 : 1 },
    truth,
    darkGround,
    brightAreas,
  };
}
