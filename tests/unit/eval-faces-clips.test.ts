// The video clips' truth and per-frame scoring of `npm run eval:faces` (eval/faces/clips.ts).
import { describe, expect, it } from 'vitest';
import {
  facesOnFrame,
  placement,
  renderFrame,
  scoreFrame,
  type Clip,
} from '../../eval/faces/clips.js';

/** A 200 × 100 still: black, with a white 20 × 20 "face" at (90, 40). */
function stillWithSquare(): Clip['still'] {
  const width = 200;
  const height = 100;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 40; y < 60; y++) data.fill(255, (y * width + 90) * 3, (y * width + 110) * 3);
  return { data, width, height, channels: 3 };
}

const clip = (motion: Clip['motion']): Clip => ({
  name: `square ${motion}`,
  set: 'video',
  still: stillWithSquare(),
  faces: [{ x: 90, y: 40, w: 20, h: 20 }],
  motion,
  width: 160,
  height: 100,
  fps: 10,
  seconds: 2,
});

describe('placement', () => {
  it('pans the still’s middle from the left edge to the right edge', () => {
    expect(placement(clip('pan'), 0)).toEqual({ x: -100, y: 0, w: 200, h: 100 });
    expect(placement(clip('pan'), 19)).toEqual({ x: 60, y: 0, w: 200, h: 100 });
  });

  it('zooms from 0.6 to 1.8 times the frame’s height, centred', () => {
    expect(placement(clip('zoom'), 0)).toEqual({ x: 20, y: 20, w: 120, h: 60 });
    expect(placement(clip('zoom'), 19)).toEqual({ x: -100, y: -40, w: 360, h: 180 });
  });

  it('slides in from beyond the right edge and stays centred from 40 % of the clip on', () => {
    expect(placement(clip('enter'), 0).x).toBe(160);
    expect(placement(clip('enter'), 10)).toEqual({ x: -20, y: 0, w: 200, h: 100 });
    expect(placement(clip('enter'), 19)).toEqual(placement(clip('enter'), 10));
  });
});

describe('facesOnFrame', () => {
  it('moves the face with the still and counts it once half of it is in the frame', () => {
    // Frame 0 of the pan: the face lies at x = -10..10, half inside.
    expect(facesOnFrame(clip('pan'), 0)).toEqual([{ x: 0, y: 40, w: 10, h: 20 }]);
    // Frame 0 of the entry: the still is wholly outside.
    expect(facesOnFrame(clip('enter'), 0)).toEqual([]);
    expect(facesOnFrame(clip('zoom'), 0)).toEqual([{ x: 74, y: 44, w: 12, h: 12 }]);
  });

  it('marks the same pixels that renderFrame draws the face on', async () => {
    const c = clip('zoom');
    for (const n of [0, 7, 19]) {
      const frame = await renderFrame(c, n);
      const [face] = facesOnFrame(c, n);
      expect(face).toBeDefined();
      if (!face) continue;
      const middle =
        (Math.round(face.y + face.h / 2) * c.width + Math.round(face.x + face.w / 2)) * 3;
      const outside = (Math.round(face.y - 4) * c.width + Math.round(face.x - 4)) * 3;
      expect(frame.length).toBe(c.width * c.height * 3);
      expect(frame[middle]).toBeGreaterThan(200);
      expect(frame[outside]).toBeLessThan(50);
    }
  });
});

describe('scoreFrame', () => {
  const face = { x: 10, y: 10, w: 20, h: 20 };

  it('leaks under 90 % hidden, and strictly for any pixel shown', () => {
    expect(scoreFrame([face], [{ x: 10, y: 10, w: 20, h: 18 }])).toEqual({
      faces: 1,
      leaked: false,
      leakedStrictly: true,
      changed: true,
    });
    expect(scoreFrame([face], [{ x: 10, y: 10, w: 17, h: 20 }]).leaked).toBe(true);
    expect(scoreFrame([face], [{ x: 0, y: 0, w: 40, h: 40 }]).leakedStrictly).toBe(false);
  });

  it('counts a faceless frame changed when anything is hidden', () => {
    expect(scoreFrame([], [])).toEqual({
      faces: 0,
      leaked: false,
      leakedStrictly: false,
      changed: false,
    });
    expect(scoreFrame([], [face]).changed).toBe(true);
  });
});
