// How `npm run eval:faces` scores one image: is every truth face hidden by what the product would
// paint over the boxes it found? Pure, so the criterion is unit-tested without the detector.
import type { Box } from '../../src/imaging/geometry.js';

/** A truth face counts as hidden when at least this share of its box lies under the hidden regions. */
export const HIDDEN_SHARE = 0.9;

export interface ImageScore {
  faces: number;
  hidden: number;
  /** Regions that cover no truth face at all (on a faceless image: any region). */
  falseRegions: number;
}

/** Share of `box` (whole pixels) covered by the union of `regions`. */
export function coveredShare(box: Box, regions: readonly Box[]): number {
  const x0 = Math.floor(box.x);
  const y0 = Math.floor(box.y);
  const x1 = Math.ceil(box.x + box.w);
  const y1 = Math.ceil(box.y + box.h);
  const total = (x1 - x0) * (y1 - y0);
  if (total <= 0) return 0;
  let covered = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      if (regions.some((r) => px >= r.x && px < r.x + r.w && py >= r.y && py < r.y + r.h))
        covered++;
    }
  }
  return covered / total;
}

/** Scores one image: `regions` are the areas the product hides (face boxes grown as it grows them). */
export function scoreImage(truth: readonly Box[], regions: readonly Box[]): ImageScore {
  const hidden = truth.filter((t) => coveredShare(t, regions) >= HIDDEN_SHARE).length;
  const falseRegions = regions.filter((r) => truth.every((t) => coveredShare(t, [r]) === 0)).length;
  return { faces: truth.length, hidden, falseRegions };
}
