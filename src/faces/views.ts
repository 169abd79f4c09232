// Where the face detector looks: the whole image and overlapping tiles at finer scales, pure.
import type { Box, Size } from '../imaging/geometry.js';

/** Quarter turns the detector tries; faces on a page scanned sideways are found at 90 or 270. */
export type QuarterTurn = 0 | 90 | 180 | 270;

export interface ViewPlanOptions {
  /** Side, in pixels, of the square the detector sees. */
  inputSize: number;
  /** Smallest face, in the detector's own input pixels, it finds reliably. */
  detectorMinFacePx: number;
  /** Smallest face, in image pixels, that must be found: finer tiles are added until it fits. */
  minFacePx: number;
  /**
   * Scales below 1 at which the whole image is searched too: the image takes that share of the
   * input's side, the rest grey, so a face filling a photo shrinks to sizes the network knows.
   */
  wholeScales?: readonly number[];
}

/** Where to search one turn of an image: `whole` views of all of it, finer `tiles` of its parts. */
export interface ViewPlan {
  whole: Box[];
  tiles: Box[];
}

/**
 * The square crops (in image pixels) to run the detector on. `whole` is the image fitted to the
 * input, then at each of `wholeScales`. Each finer level of `tiles` halves the crop side until a
 * `minFacePx` face spans `detectorMinFacePx` of the input. Crops of one level overlap by more than
 * the largest face the coarser level can miss, so every face lies whole inside at least one crop
 * where it is large enough.
 */
export function planViews(image: Size, options: ViewPlanOptions): ViewPlan {
  const { inputSize, detectorMinFacePx, minFacePx } = options;
  const longSide = Math.max(image.width, image.height);
  const whole: Box[] = [{ x: 0, y: 0, w: longSide, h: longSide }];
  for (const scale of options.wholeScales ?? []) {
    const side = Math.ceil(longSide / scale);
    whole.push({ x: 0, y: 0, w: side, h: side });
  }
  const tiles: Box[] = [];
  // A crop of side s finds faces from s · minFraction upwards.
  const minFraction = detectorMinFacePx / inputSize;
  for (let side = longSide; side * minFraction > minFacePx;) {
    // The coarser level missed faces below side · minFraction: they must fit in the overlap.
    const overlap = Math.ceil(side * minFraction * 1.25);
    side = Math.max(Math.ceil(side / 2), overlap + 1);
    for (const y of starts(image.height, side, overlap))
      for (const x of starts(image.width, side, overlap)) tiles.push({ x, y, w: side, h: side });
  }
  return { whole, tiles };
}

/** Evenly spread starts of `side`-long windows over `length`, neighbours sharing ≥ `overlap`. */
function starts(length: number, side: number, overlap: number): number[] {
  if (length <= side) return [0];
  const count = Math.ceil((length - overlap) / (side - overlap));
  const step = (length - side) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

/** Size of an image after turning it clockwise by `turn`. */
export function turnedSize(size: Size, turn: QuarterTurn): Size {
  return turn === 90 || turn === 270 ? { width: size.height, height: size.width } : size;
}

/**
 * Maps a box found on the image turned clockwise by `turn` back onto the original image of
 * `size` (the unturned size).
 */
export function unturnBox(b: Box, turn: QuarterTurn, size: Size): Box {
  switch (turn) {
    case 0:
      return b;
    case 90: // turned (x', y') = (H - y, x)  ⇒  x = y', y = H - x'
      return { x: b.y, y: size.height - (b.x + b.w), w: b.h, h: b.w };
    case 180:
      return { x: size.width - (b.x + b.w), y: size.height - (b.y + b.h), w: b.w, h: b.h };
    case 270: // turned (x', y') = (y, W - x)  ⇒  x = W - y', y = x'
      return { x: size.width - (b.y + b.h), y: b.x, w: b.h, h: b.w };
  }
}
