// Which frames of a segment run the face detector, and what is hidden on the frames between: pure,
// so the fail-safe rules are unit-tested without video.
import { area, intersect, union, type Box } from '../imaging/geometry.js';

/**
 * The frames of a segment of `frameCount` frames that run detection: every `every`-th one from
 * the first, and always the last, so every frame between two detections has one on each side.
 *
 * @example detectionFrames(8, 3) // [0, 3, 6, 7]
 */
export function detectionFrames(frameCount: number, every: number): number[] {
  if (frameCount <= 0) return [];
  const step = Math.max(1, Math.floor(every));
  const frames: number[] = [];
  for (let f = 0; f < frameCount; f += step) frames.push(f);
  if (frames.at(-1) !== frameCount - 1) frames.push(frameCount - 1);
  return frames;
}

/** Whether frame `index` runs detection (the same rule as `detectionFrames`, one frame at a time). */
export function isDetectionFrame(index: number, frameCount: number, every: number): boolean {
  return index % Math.max(1, Math.floor(every)) === 0 || index === frameCount - 1;
}

/** Grows a box by `fraction` of its own width and height on each side. */
export function dilate(b: Box, fraction: number): Box {
  const dx = b.w * fraction;
  const dy = b.h * fraction;
  return { x: b.x - dx, y: b.y - dy, w: b.w + 2 * dx, h: b.h + 2 * dy };
}

/** How far apart two boxes' centres are, in units of the larger box's longer side. */
function centreDistance(a: Box, b: Box): number {
  const dx = a.x + a.w / 2 - (b.x + b.w / 2);
  const dy = a.y + a.h / 2 - (b.y + b.h / 2);
  return Math.hypot(dx, dy) / Math.max(a.w, a.h, b.w, b.h, 1);
}

/** Overlap over union of two boxes. */
function iou(a: Box, b: Box): number {
  const shared = area(intersect(a, b));
  return shared === 0 ? 0 : shared / (area(a) + area(b) - shared);
}

/**
 * Pairs each face before with the same face after (greedy: best overlap first, then nearest
 * centre within two face sizes). Returns the pairs and, on each side, the faces left without one.
 */
export function matchFaces(
  before: readonly Box[],
  after: readonly Box[],
): { pairs: Array<[Box, Box]>; unmatchedBefore: Box[]; unmatchedAfter: Box[] } {
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  before.forEach((a, i) =>
    after.forEach((b, j) => {
      const distance = centreDistance(a, b);
      if (iou(a, b) > 0 || distance <= 2) candidates.push({ i, j, score: iou(a, b) - distance });
    }),
  );
  candidates.sort((p, q) => q.score - p.score);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const pairs: Array<[Box, Box]> = [];
  for (const { i, j } of candidates) {
    if (usedBefore.has(i) || usedAfter.has(j)) continue;
    usedBefore.add(i);
    usedAfter.add(j);
    pairs.push([before[i] as Box, after[j] as Box]);
  }
  return {
    pairs,
    unmatchedBefore: before.filter((_, i) => !usedBefore.has(i)),
    unmatchedAfter: after.filter((_, j) => !usedAfter.has(j)),
  };
}

/**
 * What is hidden on every frame strictly between two detections: for a face seen at both ends,
 * the box spanning both positions (it covers any straight path between them, and the linearly
 * interpolated box with it); a face seen at one end only (entering, leaving, or missed once) stays
 * hidden where it was seen. Every box is grown by `dilation` of its size, for motion that is not
 * straight and for a face that moves in from outside its later box.
 */
export function boxesBetween(
  before: readonly Box[],
  after: readonly Box[],
  dilation: number,
): Box[] {
  const { pairs, unmatchedBefore, unmatchedAfter } = matchFaces(before, after);
  const spans = pairs.map(([a, b]) => union([a, b]) as Box);
  return [...spans, ...unmatchedBefore, ...unmatchedAfter].map((b) => dilate(b, dilation));
}

/** A face hidden at a detection: where, and how many detections in a row have missed it since. */
export interface TrackedFace {
  box: Box;
  missed: number;
}

/**
 * The faces hidden at a detection: every face found, and every face hidden at the detection
 * before that this one did not find again, for up to `hold` detections in a row, grown by
 * `dilation` each time (it may have moved). A detector misses a face on the odd frame (motion
 * blur, a turn of the head); a face that is truly gone costs a few frames of blur where it was.
 */
export function trackFaces(
  before: readonly TrackedFace[],
  found: readonly Box[],
  hold: number,
  dilation: number,
): TrackedFace[] {
  const { unmatchedBefore } = matchFaces(
    before.map((t) => t.box),
    found,
  );
  const held = before
    .filter((t) => unmatchedBefore.includes(t.box) && t.missed < hold)
    .map((t) => ({ box: dilate(t.box, dilation), missed: t.missed + 1 }));
  return [...found.map((box) => ({ box, missed: 0 })), ...held];
}

/** Runs of consecutive frame indices as `[first, last]` pairs (for the report). */
export function toRanges(frames: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const f of [...frames].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && f === last[1] + 1) last[1] = f;
    else ranges.push([f, f]);
  }
  return ranges;
}
