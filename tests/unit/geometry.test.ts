import { describe, expect, it } from 'vitest';
import {
  clampToPage,
  coverage,
  fromCorners,
  intersect,
  pad,
  union,
} from '../../src/imaging/geometry.js';

describe('geometry', () => {
  it('builds boxes from corners in any order', () => {
    expect(fromCorners(10, 20, 4, 2)).toEqual({ x: 4, y: 2, w: 6, h: 18 });
  });

  it('unions boxes and returns undefined for none', () => {
    expect(
      union([
        { x: 0, y: 0, w: 2, h: 2 },
        { x: 5, y: 1, w: 1, h: 4 },
      ]),
    ).toEqual({ x: 0, y: 0, w: 6, h: 5 });
    expect(union([])).toBeUndefined();
  });

  it('intersects, with an empty box when disjoint', () => {
    expect(intersect({ x: 0, y: 0, w: 4, h: 4 }, { x: 2, y: 2, w: 4, h: 4 })).toEqual({
      x: 2,
      y: 2,
      w: 2,
      h: 2,
    });
    expect(intersect({ x: 0, y: 0, w: 1, h: 1 }, { x: 5, y: 5, w: 1, h: 1 })).toMatchObject({
      w: 0,
      h: 0,
    });
  });

  it('pads then clamps outwards to whole pixels inside the page', () => {
    expect(
      clampToPage(pad({ x: 1.5, y: 1.2, w: 3.1, h: 2 }, 2), { width: 5, height: 100 }),
    ).toEqual({ x: 0, y: 0, w: 5, h: 6 });
  });

  it('measures coverage of one box by another', () => {
    expect(coverage({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBe(0.5);
    expect(coverage({ x: 0, y: 0, w: 0, h: 10 }, { x: 0, y: 0, w: 10, h: 10 })).toBe(0);
  });
});
