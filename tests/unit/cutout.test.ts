// Background removal's pre- and post-processing, without a model or servers.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RedactifyError } from '../../src/errors.js';
import {
  applyMask,
  checkCutout,
  maskFromOutput,
  toModelInput,
  type ModelInputSpec,
} from '../../src/imaging/cutout.js';

const U2NET: ModelInputSpec = {
  size: 2,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/** A raw RGB image as PNG. */
const png = (width: number, height: number, rgb: number[], channels: 1 | 3 | 4 = 3) =>
  sharp(Buffer.from(rgb), { raw: { width, height, channels } }).png().toBuffer();

describe('toModelInput', () => {
  it('lays the image out NCHW, each channel normalised by its mean and std', async () => {
    // 2×2: red, green / blue, white. Already the model's size, so no resampling.
    const image = await png(2, 2, [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const tensor = await toModelInput(image, U2NET);
    const norm = (v: number, c: 0 | 1 | 2) => (v / 255 - U2NET.mean[c]) / U2NET.std[c];
    const expected = [
      [255, 0, 0, 255].map((v) => norm(v, 0)), // R plane
      [0, 255, 0, 255].map((v) => norm(v, 1)), // G plane
      [0, 0, 255, 255].map((v) => norm(v, 2)), // B plane
    ].flat();
    expect(tensor).toHaveLength(12);
    tensor.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('resizes to the square input and expands grey images to three equal channels', async () => {
    const grey = await png(
      8,
      4,
      Array.from({ length: 32 }, () => 128),
      1,
    );
    const tensor = await toModelInput(grey, { size: 3, mean: [0, 0, 0], std: [1, 1, 1] });
    expect(tensor).toHaveLength(27);
    for (const v of tensor) expect(v).toBeCloseTo(128 / 255, 2);
  });

  it('drops an alpha channel rather than reading it as colour', async () => {
    const rgba = await png(2, 2, [10, 20, 30, 0, 10, 20, 30, 0, 10, 20, 30, 0, 10, 20, 30, 0], 4);
    const tensor = await toModelInput(rgba, { size: 2, mean: [0, 0, 0], std: [1, 1, 1] });
    expect([tensor[0], tensor[4], tensor[8]].map((v) => Math.round(v! * 255))).toEqual([
      10, 20, 30,
    ]);
  });
});

describe('maskFromOutput', () => {
  it('scales probabilities to 0–255, clamping what lies outside [0, 1]', () => {
    const mask = maskFromOutput(
      Float32Array.from([0, 0.5, 1, 1.7, -0.2, 0.25]),
      [1, 1, 2, 3],
      'probability',
    );
    expect(mask).toMatchObject({ width: 3, height: 2 });
    expect([...mask.data]).toEqual([0, 128, 255, 255, 0, 64]);
  });

  it('puts logits through a sigmoid', () => {
    const mask = maskFromOutput([0, 2, -2, 40], [2, 2], 'logits');
    expect([...mask.data]).toEqual([
      128,
      Math.round(255 / (1 + Math.exp(-2))),
      Math.round(255 / (1 + Math.exp(2))),
      255,
    ]);
  });

  it('takes the first plane when the model gives several', () => {
    const mask = maskFromOutput([1, 1, 0, 0], [1, 2, 1, 2], 'probability');
    expect(mask).toMatchObject({ width: 2, height: 1 });
    expect([...mask.data]).toEqual([255, 255]);
  });

  it('refuses an output that is no mask, or holds NaN, as BG_MODEL_INVALID', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as RedactifyError).code;
      }
      return 'none';
    };
    expect(code(() => maskFromOutput([1, 2, 3], [1, 1, 2, 2], 'probability'))).toBe(
      'BG_MODEL_INVALID',
    );
    expect(code(() => maskFromOutput([1], [1], 'probability'))).toBe('BG_MODEL_INVALID');
    expect(code(() => maskFromOutput([NaN, 0], [1, 2], 'probability'))).toBe('BG_MODEL_INVALID');
  });
});

describe('applyMask', () => {
  it('gives the image the mask as alpha, resized back to its size, colour untouched', async () => {
    const width = 8;
    const height = 4;
    const rgb = Array.from({ length: width * height }, (_, i) => [i * 3, 100, 200 - i]).flat();
    const image = await png(width, height, rgb);
    // 2×1 mask: left kept, right removed.
    const out = await applyMask(image, { width: 2, height: 1, data: Uint8Array.from([255, 0]) });
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect((await sharp(out).metadata()).format).toBe('png');
    expect(info).toMatchObject({ width, height, channels: 4 });
    for (let y = 0; y < height; y++) {
      expect(data[(y * width + 0) * 4 + 3]).toBe(255); // far left
      expect(data[(y * width + width - 1) * 4 + 3]).toBe(0); // far right
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        expect([...data.subarray(i * 4, i * 4 + 3)]).toEqual(rgb.slice(i * 3, i * 3 + 3));
      }
    }
    // Bilinear in between: alpha falls from left to right.
    const row = Array.from({ length: width }, (_, x) => data[x * 4 + 3]!);
    expect([...row].sort((a, b) => b - a)).toEqual(row);
  });
});

describe('checkCutout', () => {
  it('keeps a PNG with alpha of the page size and measures its foreground', async () => {
    const cut = await png(2, 1, [1, 2, 3, 255, 4, 5, 6, 0], 4);
    const checked = await checkCutout(cut, { width: 2, height: 1 });
    expect(checked.png.equals(cut)).toBe(true);
    expect(checked.foreground).toBeCloseTo(0.5, 5);
  });

  it('brings a cut-out of another size to the page size', async () => {
    const cut = await png(
      2,
      2,
      Array.from({ length: 16 }, () => 255),
      4,
    );
    const checked = await checkCutout(cut, { width: 6, height: 4 });
    expect(await sharp(checked.png).metadata()).toMatchObject({
      width: 6,
      height: 4,
      hasAlpha: true,
    });
    expect(checked.foreground).toBe(1);
  });

  it('refuses a PNG without alpha, a JPEG and junk, retryable', async () => {
    const opaque = await png(2, 1, [1, 2, 3, 4, 5, 6]);
    const jpeg = await sharp(opaque).jpeg().toBuffer();
    for (const answer of [opaque, jpeg, Buffer.from('{"errors":[]}')]) {
      await expect(checkCutout(answer, { width: 2, height: 1 })).rejects.toMatchObject({
        code: 'BG_REMOVAL_BAD_OUTPUT',
        retryable: true,
      });
    }
  });
});
