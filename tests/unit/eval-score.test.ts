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

describe('wordCoverage on light text over a dark ground (ink: light)', () => {
  const GROUND = 20;
  /** The same two strokes, bright (230) on a near-black ground, like an X-ray overlay. */
  function lightInput(): Raster {
    const r = blank();
    fill(r, 0, 0, W, H, GROUND);
    fill(r, 12, 6, 14, 24, 230);
    fill(r, 24, 6, 26, 24, 230);
    return r;
  }
  const lightWord = { ...word, ink: 'light' as const };

  it('is 0 for light text left as it was, although the ground around it is dark', () => {
    expect(wordCoverage(lightInput(), lightInput(), [lightWord])).toEqual([0]);
  });

  it('is 1 under an opaque black box', () => {
    const out = lightInput();
    fill(out, 6, 2, 34, 28, 0);
    expect(wordCoverage(lightInput(), out, [lightWord])).toEqual([1]);
  });

  it('counts only the strokes under the box when half the word is masked', () => {
    const out = lightInput();
    fill(out, 6, 2, 19, 28, 0);
    expect(wordCoverage(lightInput(), out, [lightWord])).toEqual([0.5]);
  });

  it('would credit unmasked light text with coverage if it were scored as dark ink', () => {
    // Without the flag the dark ground inside the box is taken for ink, and much of it is already
    // "mask": the unmasked word would score well above the 0 it deserves.
    expect(wordCoverage(lightInput(), lightInput(), [word])[0]).toBeGreaterThan(0.2);
  });

  it('scores dark and light words on one page each by its own polarity', () => {
    const input = lightInput();
    fill(input, 40, 5, 60, 25, 255);
    fill(input, 44, 8, 46, 22, 0);
    const dark = { text: 'y', box: { x: 40, y: 5, w: 20, h: 20 } };
    const out = lightInput();
    fill(out, 40, 5, 60, 25, 255);
    fill(out, 38, 3, 60, 27, 0);
    expect(wordCoverage(input, out, [lightWord, dark])).toEqual([0, 1]);
  });
});
