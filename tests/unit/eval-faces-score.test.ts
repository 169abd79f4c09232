// The face evaluation's criterion: a face is hidden when 90 % of its truth box is under the regions.
import { describe, expect, it } from 'vitest';
import { coveredShare, scoreImage } from '../../eval/faces/score.js';
import { turnBox } from '../../eval/faces/sets.js';
import { unturnBox } from '../../src/faces/views.js';

const face = { x: 10, y: 10, w: 20, h: 20 };

describe('coveredShare', () => {
  it('is the share of the box under the union of the regions, overlaps counted once', () => {
    expect(coveredShare(face, [{ x: 0, y: 0, w: 20, h: 40 }])).toBe(0.5);
    expect(
      coveredShare(face, [
        { x: 0, y: 0, w: 20, h: 40 },
        { x: 15, y: 0, w: 20, h: 40 },
      ]),
    ).toBe(1);
    expect(coveredShare(face, [])).toBe(0);
  });
});

describe('scoreImage', () => {
  it('counts a face hidden only from 90 % covered up', () => {
    const ninety = { x: 10, y: 10, w: 20, h: 18 };
    const eightyFive = { x: 10, y: 10, w: 17, h: 20 };
    expect(scoreImage([face], [ninety])).toEqual({ faces: 1, hidden: 1, falseRegions: 0 });
    expect(scoreImage([face], [eightyFive])).toEqual({ faces: 1, hidden: 0, falseRegions: 0 });
  });

  it('counts regions that touch no face as false, and every region on a faceless image', () => {
    const logo = { x: 100, y: 100, w: 10, h: 10 };
    expect(scoreImage([face], [face, logo])).toEqual({ faces: 1, hidden: 1, falseRegions: 1 });
    expect(scoreImage([], [logo])).toEqual({ faces: 0, hidden: 0, falseRegions: 1 });
  });
});

describe('turnBox', () => {
  it('is undone by the detector’s unturnBox for every quarter turn', () => {
    const size = { width: 300, height: 200 };
    const box = { x: 20, y: 30, w: 50, h: 40 };
    for (const turn of [0, 90, 180, 270] as const) {
      expect(unturnBox(turnBox(box, turn, size), turn, size)).toEqual(box);
    }
    expect(turnBox(box, 90, size)).toEqual({ x: 130, y: 20, w: 40, h: 50 });
  });
});
