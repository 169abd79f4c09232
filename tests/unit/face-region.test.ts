// How much around a detected face is hidden (src/faces/hide.ts `faceRegion`).
import { describe, expect, it } from 'vitest';
import { faceRegion } from '../../src/faces/hide.js';

const page = { width: 640, height: 360 };

describe('faceRegion', () => {
  it('grows a face by a fifth of its longer side on every side, plus the padding', () => {
    expect(faceRegion({ x: 100, y: 100, w: 50, h: 40 }, 0, page)).toEqual({
      x: 90,
      y: 90,
      w: 70,
      h: 60,
    });
    expect(faceRegion({ x: 100, y: 100, w: 50, h: 40 }, 5, page)).toEqual({
      x: 85,
      y: 85,
      w: 80,
      h: 70,
    });
  });

  it('grows a face the image edge cuts twice as much, clipped to the image', () => {
    // Touching the right edge: 38 × 54, grown by 22 (0.4 × 54) on every side.
    expect(faceRegion({ x: 602, y: 77, w: 38, h: 54 }, 0, page)).toEqual({
      x: 580,
      y: 55,
      w: 60,
      h: 98,
    });
    expect(faceRegion({ x: 1, y: 100, w: 50, h: 50 }, 0, page)).toEqual({
      x: 0,
      y: 80,
      w: 71,
      h: 90,
    });
    // Three pixels from the edge is not cut.
    expect(faceRegion({ x: 3, y: 100, w: 50, h: 50 }, 0, page).h).toBe(70);
  });
});
