import { describe, expect, it } from 'vitest';
import { coverage, type Box } from '../../src/imaging/geometry.js';
import { mergeDetections } from '../../src/faces/merge.js';
import { planViews, turnedSize, unturnBox, type QuarterTurn } from '../../src/faces/views.js';

const plan = { inputSize: 416, detectorMinFacePx: 28, minFacePx: 64 };

describe('planViews', () => {
  it('looks at a small photo once, whole', () => {
    expect(planViews({ width: 512, height: 400 }, plan)).toEqual({
      whole: [{ x: 0, y: 0, w: 512, h: 512 }],
      tiles: [],
    });
  });

  it('adds finer tiles on a 300 dpi page until a 64 px face is large enough', () => {
    const page = { width: 2550, height: 3300 };
    const { whole, tiles: views } = planViews(page, plan);
    expect(whole).toEqual([{ x: 0, y: 0, w: 3300, h: 3300 }]);
    const finest = Math.min(...views.map((v) => v.w));
    // At the finest level a 64 px face spans at least the detector's minimum.
    expect((64 * plan.inputSize) / finest).toBeGreaterThanOrEqual(plan.detectorMinFacePx);
    expect(views.length).toBeGreaterThan(5);
    expect(views.length).toBeLessThan(60);
  });

  it('places every face the coarser level can miss whole inside some tile of the next', () => {
    const page = { width: 2550, height: 3300 };
    const { whole, tiles } = planViews(page, plan);
    const views = [...whole, ...tiles];
    const sides = [...new Set(views.map((v) => v.w))].sort((a, b) => b - a);
    for (let level = 1; level < sides.length; level++) {
      const coarse = sides[level - 1] ?? 0;
      const side = sides[level] ?? 0;
      const ofLevel = views.filter((v) => v.w === side);
      const face = Math.ceil((coarse * plan.detectorMinFacePx) / plan.inputSize);
      for (let y = 0; y + face <= page.height; y += 97)
        for (let x = 0; x + face <= page.width; x += 89) {
          const box: Box = { x, y, w: face, h: face };
          expect(ofLevel.some((t) => coverage(box, t) === 1)).toBe(true);
        }
    }
  });
});

describe('planViews with wholeScales', () => {
  it('shows the whole photo at half the input too, the rest of the square grey', () => {
    expect(planViews({ width: 512, height: 400 }, { ...plan, wholeScales: [0.5] })).toEqual({
      whole: [
        { x: 0, y: 0, w: 512, h: 512 },
        { x: 0, y: 0, w: 1024, h: 1024 },
      ],
      tiles: [],
    });
  });

  it('leaves the finer tiles of a document page as they were', () => {
    const page = { width: 2550, height: 3300 };
    expect(planViews(page, { ...plan, wholeScales: [0.5] }).tiles).toEqual(
      planViews(page, plan).tiles,
    );
  });
});

describe('unturnBox', () => {
  const size = { width: 300, height: 200 };
  const box: Box = { x: 10, y: 20, w: 30, h: 40 };
  // A marked pixel turned clockwise with the image, then the box mapped back, lands where it was.
  const turnPoint = (x: number, y: number, turn: QuarterTurn): [number, number] => {
    const { width: W, height: H } = size;
    if (turn === 90) return [H - 1 - y, x];
    if (turn === 180) return [W - 1 - x, H - 1 - y];
    if (turn === 270) return [y, W - 1 - x];
    return [x, y];
  };

  it.each([0, 90, 180, 270] as const)('maps a box found at %i° back onto the image', (turn) => {
    const corners = [
      turnPoint(box.x, box.y, turn),
      turnPoint(box.x + box.w - 1, box.y + box.h - 1, turn),
    ];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const turned: Box = {
      x: Math.min(...xs),
      y: Math.min(...ys),
      w: Math.max(...xs) - Math.min(...xs) + 1,
      h: Math.max(...ys) - Math.min(...ys) + 1,
    };
    const t = turnedSize(size, turn);
    expect(turned.x + turned.w).toBeLessThanOrEqual(t.width);
    expect(turned.y + turned.h).toBeLessThanOrEqual(t.height);
    expect(unturnBox(turned, turn, size)).toEqual(box);
  });
});

describe('mergeDetections', () => {
  it('joins overlapping boxes into their union with the best confidence', () => {
    const merged = mergeDetections([
      { bbox: { x: 0, y: 0, w: 10, h: 10 }, confidence: 0.4 },
      { bbox: { x: 2, y: 2, w: 10, h: 10 }, confidence: 0.9 },
      { bbox: { x: 50, y: 50, w: 5, h: 5 }, confidence: 0.3 },
    ]);
    expect(merged).toHaveLength(2);
    expect(merged).toContainEqual({ bbox: { x: 0, y: 0, w: 12, h: 12 }, confidence: 0.9 });
    expect(merged).toContainEqual({ bbox: { x: 50, y: 50, w: 5, h: 5 }, confidence: 0.3 });
  });

  it('joins a chain of boxes that a later box links', () => {
    const merged = mergeDetections([
      { bbox: { x: 0, y: 0, w: 10, h: 10 }, confidence: 0.9 },
      { bbox: { x: 20, y: 0, w: 10, h: 10 }, confidence: 0.8 },
      { bbox: { x: 5, y: 0, w: 20, h: 10 }, confidence: 0.5 },
    ]);
    expect(merged).toEqual([{ bbox: { x: 0, y: 0, w: 30, h: 10 }, confidence: 0.9 }]);
  });
});
