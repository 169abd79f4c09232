// Axis-aligned boxes in page pixels: the only geometry that crosses activity boundaries.
import { z } from 'zod';

/** A rectangle in page pixels; `x`,`y` is the top-left corner. */
export const ZBox = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type Box = z.infer<typeof ZBox>;

export interface Size {
  width: number;
  height: number;
}

export const right = (b: Box) => b.x + b.w;
export const bottom = (b: Box) => b.y + b.h;
export const area = (b: Box) => Math.max(0, b.w) * Math.max(0, b.h);

/** Builds a box from corner coordinates (tesseract's `x0,y0,x1,y1`). */
export function fromCorners(x0: number, y0: number, x1: number, y1: number): Box {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
}

/** The smallest box containing all of `boxes`; `undefined` for none. */
export function union(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, right(b));
    y1 = Math.max(y1, bottom(b));
  }
  return fromCorners(x0, y0, x1, y1);
}

/** The overlap of two boxes; zero-sized when they do not touch. */
export function intersect(a: Box, b: Box): Box {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(right(a), right(b));
  const y1 = Math.min(bottom(a), bottom(b));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** True when two boxes share at least half the height of the shorter: one printed row. */
export function sameRow(a: Box, b: Box): boolean {
  const overlap = Math.min(bottom(a), bottom(b)) - Math.max(a.y, b.y);
  return overlap >= 0.5 * Math.min(a.h, b.h);
}

/** Grows a box by `padding` on every side. */
export function pad(b: Box, padding: number): Box {
  return { x: b.x - padding, y: b.y - padding, w: b.w + 2 * padding, h: b.h + 2 * padding };
}

/** Clips a box to the page and snaps it outwards to whole pixels, so no partial pixel escapes. */
export function clampToPage(b: Box, page: Size): Box {
  const x0 = Math.max(0, Math.floor(b.x));
  const y0 = Math.max(0, Math.floor(b.y));
  const x1 = Math.min(page.width, Math.ceil(right(b)));
  const y1 = Math.min(page.height, Math.ceil(bottom(b)));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** The share of `inner` covered by `outer`, in [0, 1]. */
export function coverage(inner: Box, outer: Box): number {
  const a = area(inner);
  return a === 0 ? 0 : area(intersect(inner, outer)) / a;
}
