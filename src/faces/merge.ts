// Joins the detections of overlapping views and turns into one box per face, pure.
import { area, intersect, union, type Box } from '../imaging/geometry.js';

export interface ScoredBox {
  bbox: Box;
  confidence: number;
}

/** True when two boxes are one face: they overlap by `minOverlap` of the smaller one. */
function sameFace(a: Box, b: Box, minOverlap: number): boolean {
  const shared = area(intersect(a, b));
  return shared > 0 && shared >= minOverlap * Math.min(area(a), area(b));
}

/**
 * Groups boxes that overlap (transitively) and answers each group's union with its best
 * confidence. The union, not the best box: when unsure how far a face reaches, hide more.
 */
export function mergeDetections<T extends ScoredBox>(boxes: readonly T[], minOverlap = 0.3): T[] {
  const groups: T[][] = [];
  for (const box of [...boxes].sort((a, b) => b.confidence - a.confidence)) {
    const joined = groups.filter((g) => g.some((m) => sameFace(m.bbox, box.bbox, minOverlap)));
    const rest = groups.filter((g) => !joined.includes(g));
    groups.length = 0;
    groups.push(...rest, [...joined.flat(), box]);
  }
  return groups.map((members) => {
    const best = members.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    const bbox = union(members.map((m) => m.bbox)) ?? best.bbox;
    return { ...best, bbox };
  });
}
