// The evaluation's masking criterion on synthetic rasters (not the corpus).
import { describe, expect, it } from 'vitest';
import { wordCoverage, type Raster } from '../../eval/score.js';

const W = 60;
const H = 30;
const blank = (): Raster => ({ data: new Uint8Array(W * H).fill(255), width: W, height: H });
const fill = (r: Raster, x0: number, y0: number, x1: number, y1: number, v = 0) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) r.data[y * W + x] = v;
};

/** A "word": two 2-px strokes inside the box 10..30 × 5..25. */
function input(): Raster {
  const r = blank();
  fill(r, 12, 6, 14, 24);
  fill(r, 24, 6, 26, 24);
  return r;
}
const word = { text: 'x', box: { x: 10, y: 5, w: 20, h: 20 } };

describe('wordCoverage', () => {
  it('is 0 for text left as it was', () => {
    expect(wordCoverage(input(), input(), [word])).toEqual([0]);
  });

  it('is 1 for text under an opaque box with a margin', () => {
    const out = input();
    fill(out, 6, 2, 34, 28);
    expect(wordCoverage(input(), out, [word])).toEqual([1]);
  });

  it('counts only the ink under the box when half the word is masked', () => {
    const out = input();
    fill(out, 6, 2, 19, 28);
    expect(wordCoverage(input(), out, [word])).toEqual([0.5]);
  });
});
