// Scoring one page: is each word's ink under an opaque mask? Pure over greyscale rasters.
import type { CorpusDocument, TruthWord } from './corpus/types.js';
import type { WordOutcome } from './metrics.js';

/** An 8-bit greyscale image, row-major. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Output pixels darker than this count as mask. */
export const MASK_LEVEL = 80;
/** Input pixels darker than this are ink. */
export const INK_LEVEL = 128;
/** For words marked `ink: 'light'` (light text on a dark ground), input pixels brighter than this are ink. */
export const LIGHT_INK_LEVEL = 128;
/** An ink pixel is covered when every pixel within this radius is mask in the output. */
export const COVER_RADIUS = 3;

/** Summed-area table of "is mask" over the output, for O(1) window queries. */
function maskIntegral(output: Raster): Uint32Array {
  const { width, height, data } = output;
  const sat = new Uint32Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += (data[y * width + x] ?? 255) < MASK_LEVEL ? 1 : 0;
      sat[(y + 1) * (width + 1) + x + 1] = (sat[y * (width + 1) + x + 1] ?? 0) + row;
    }
  }
  return sat;
}

/** Whether an input pixel is ink for a word of the given polarity. */
const isInk = (value: number, light: boolean) =>
  light ? value > LIGHT_INK_LEVEL : value < INK_LEVEL;

/**
 * For each word, the share of its ink pixels (dark in the input inside its truth box, or bright for
 * `ink: 'light'` words) that are covered: all pixels within `COVER_RADIUS` of them are dark in the
 * output. Unmasked text scores near 0 (strokes are thinner than the window, and a light stroke left
 * in place is not dark), masked text 1.
 */
export function wordCoverage(input: Raster, output: Raster, words: readonly TruthWord[]): number[] {
  const sat = maskIntegral(output);
  const w1 = output.width + 1;
  const r = COVER_RADIUS;
  // Every pixel in the window around (x, y), clipped to the page, is mask.
  const solid = (x: number, y: number) => {
    const x0 = Math.max(0, x - r);
    const y0 = Math.max(0, y - r);
    const x1 = Math.min(output.width, x + r + 1);
    const y1 = Math.min(output.height, y + r + 1);
    const sum =
      (sat[y1 * w1 + x1] ?? 0) -
      (sat[y0 * w1 + x1] ?? 0) -
      (sat[y1 * w1 + x0] ?? 0) +
      (sat[y0 * w1 + x0] ?? 0);
    return sum === (x1 - x0) * (y1 - y0);
  };
  return words.map(({ box, ink: polarity }) => {
    const light = polarity === 'light';
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(input.width, Math.ceil(box.x + box.w));
    const y1 = Math.min(input.height, Math.ceil(box.y + box.h));
    let ink = 0;
    let covered = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (!isInk(input.data[y * input.width + x] ?? (light ? 0 : 255), light)) continue;
        ink++;
        if (solid(x, y)) covered++;
      }
    }
    return ink === 0 ? 0 : covered / ink;
  });
}

/** A PHI word is masked when at least this share of its ink is covered. */
export const MASKED = 0.95;
/** A safe word is over-redacted when at least this share of its ink is covered. */
export const OVER_REDACTED = 0.5;

/** Each truth word of one page with its coverage in the masked output. */
export function scorePage(
  doc: Pick<CorpusDocument, 'id' | 'scanned'>,
  page: number,
  input: Raster,
  output: Raster,
  words: readonly TruthWord[],
): WordOutcome[] {
  const coverage = wordCoverage(input, output, words);
  return words.map((word, w) => ({
    doc: doc.id,
    page,
    scanned: doc.scanned,
    coverage: coverage[w] ?? 0,
    ...(word.phi && { category: word.phi.category, entityId: word.phi.entityId }),
  }));
}
