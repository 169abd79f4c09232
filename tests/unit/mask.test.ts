import { describe, expect, it } from 'vitest';
import { paintBoxes, type RawImage } from '../../src/imaging/mask.js';

const image = (
  width: number,
  height: number,
  channels: RawImage['channels'],
  value = 200,
): RawImage => ({
  data: Buffer.alloc(width * height * channels, value),
  width,
  height,
  channels,
});
const pixel = (img: RawImage, x: number, y: number) => [
  ...img.data.subarray((y * img.width + x) * img.channels, (y * img.width + x + 1) * img.channels),
];

describe('paintBoxes', () => {
  it('paints grey pixels black inside the padded box only', () => {
    const img = image(10, 10, 1);
    expect(paintBoxes(img, [{ x: 4, y: 4, w: 2, h: 2 }], 1)).toBe(1);
    expect(pixel(img, 3, 3)).toEqual([0]);
    expect(pixel(img, 6, 6)).toEqual([0]);
    expect(pixel(img, 2, 2)).toEqual([200]);
    expect(pixel(img, 7, 4)).toEqual([200]);
  });

  it('keeps alpha opaque on RGBA so masked pixels cannot be made visible again', () => {
    const img = image(4, 4, 4, 10);
    paintBoxes(img, [{ x: 0, y: 0, w: 4, h: 1 }], 0);
    expect(pixel(img, 3, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(img, 3, 1)).toEqual([10, 10, 10, 10]);
  });

  it('clips boxes at the page edge and skips boxes off the page', () => {
    const img = image(5, 5, 3);
    expect(
      paintBoxes(
        img,
        [
          { x: 3, y: 3, w: 10, h: 10 },
          { x: 50, y: 50, w: 2, h: 2 },
        ],
        0,
      ),
    ).toBe(1);
    expect(pixel(img, 4, 4)).toEqual([0, 0, 0]);
    expect(pixel(img, 2, 2)).toEqual([200, 200, 200]);
  });

  it('covers fractional boxes outwards', () => {
    const img = image(10, 1, 1);
    paintBoxes(img, [{ x: 2.6, y: 0, w: 1.2, h: 1 }], 0);
    expect([...img.data]).toEqual([200, 200, 0, 0, 200, 200, 200, 200, 200, 200]);
  });
});
