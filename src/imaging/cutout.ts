// Background removal's pixel work, without a model: an image as a model's NCHW input, a model's
// mask as an alpha channel, and the check that a cut-out is a PNG with alpha of the page's size.
import sharp, { type Metadata } from 'sharp';
import { RedactifyError } from '../errors.js';
import type { Size } from './geometry.js';

/** How a segmentation model wants its input: a square RGB tensor, normalised per channel. */
export interface ModelInputSpec {
  /** Side of the square input, in pixels (U²-Net: 320, ISNet: 1024). */
  size: number;
  /** Per-channel mean and standard deviation of RGB in [0, 1] (U²-Net: ImageNet's). */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** What a model's first output holds: probabilities (U²-Net and ISNet end in a sigmoid) or logits. */
export type MaskActivation = 'probability' | 'logits';

/** A single-channel 8-bit mask, row by row. */
export interface Mask extends Size {
  data: Uint8Array;
}

/**
 * The image as a model input: resized (stretched) to `size`×`size`, RGB scaled to [0, 1], each
 * channel normalised as `(v - mean) / std`, laid out NCHW (all R, then all G, then all B).
 * Alpha is dropped and grey images are expanded to RGB.
 */
export async function toModelInput(image: Buffer, spec: ModelInputSpec): Promise<Float32Array> {
  const { size, mean, std } = spec;
  const { data, info } = await sharp(image)
    .removeAlpha()
    .toColourspace('srgb')
    .resize(size, size, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  const plane = size * size;
  const tensor = new Float32Array(3 * plane);
  const [m0, m1, m2] = mean;
  const [s0, s1, s2] = std;
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    // In range by construction: data has 3 × plane bytes.
    tensor[i] = ((data[j] as number) / 255 - m0) / s0;
    tensor[plane + i] = ((data[j + 1] as number) / 255 - m1) / s1;
    tensor[2 * plane + i] = ((data[j + 2] as number) / 255 - m2) / s2;
  }
  return tensor;
}

/**
 * The first plane of a model output (dims `[1, 1, H, W]`, `[1, H, W]` or `[H, W]`) as an 8-bit
 * mask: logits go through a sigmoid, probabilities are clamped to [0, 1], then scaled to 0–255.
 * An output of another shape, or with NaN in it, is `BG_MODEL_INVALID`.
 */
export function maskFromOutput(
  output: ArrayLike<number>,
  dims: readonly number[],
  activation: MaskActivation,
): Mask {
  const height = dims.at(-2);
  const width = dims.at(-1);
  const leading = dims.slice(0, -2).reduce((n, d) => n * d, 1);
  if (
    dims.length < 2 ||
    dims.length > 4 ||
    height === undefined ||
    width === undefined ||
    height < 1 ||
    width < 1 ||
    output.length !== leading * height * width
  ) {
    throw new RedactifyError(
      'BG_MODEL_INVALID',
      `The model's output has shape [${dims.join(', ')}], not a mask ([1, 1, H, W])`,
    );
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const raw = output[i] as number;
    if (Number.isNaN(raw)) {
      throw new RedactifyError('BG_MODEL_INVALID', "The model's output holds NaN");
    }
    const p = activation === 'logits' ? 1 / (1 + Math.exp(-raw)) : Math.min(1, Math.max(0, raw));
    data[i] = Math.round(p * 255);
  }
  return { data, width, height };
}

/**
 * The image with `mask` as its alpha channel, as PNG: the mask is resized (bilinear) to the
 * image's size, the colour is the image's own (sRGB), untouched.
 */
export async function applyMask(image: Buffer, mask: Mask): Promise<Buffer> {
  // Colour first, as raw pixels: sharp would drop a joined channel again if `removeAlpha` ran in
  // the same pipeline.
  const { data: rgb, info } = await sharp(image)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const alpha = await sharp(mask.data, {
    raw: { width: mask.width, height: mask.height, channels: 1 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .extractChannel(0) // one channel out: sharp writes a grey image as sRGB otherwise
    .raw()
    .toBuffer();
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .joinChannel(alpha, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

/** A checked cut-out: PNG with alpha at the page's size, and the share of it kept (mean alpha). */
export interface Cutout {
  png: Buffer;
  /** Mean alpha over 255, in [0, 1]: 0 all background, 1 all kept. */
  foreground: number;
}

/**
 * Checks what an engine gave back: a PNG with an alpha channel (else `BG_REMOVAL_BAD_OUTPUT`,
 * retried), brought to the page's size if the engine answered another one (remove.bg's
 * `size=auto` may scale down), and measures how much of it is foreground.
 */
export async function checkCutout(png: Buffer, page: Size): Promise<Cutout> {
  const meta: Partial<Metadata> = await sharp(png)
    .metadata()
    .catch(() => ({}));
  if (meta.format !== 'png' || !meta.hasAlpha) {
    throw new RedactifyError(
      'BG_REMOVAL_BAD_OUTPUT',
      'The background-removal engine did not answer with a PNG with an alpha channel',
      { retryable: true },
    );
  }
  const sized =
    meta.width === page.width && meta.height === page.height
      ? png
      : await sharp(png).resize(page.width, page.height, { fit: 'fill' }).png().toBuffer();
  const stats = await sharp(sized).ensureAlpha().stats();
  const alpha = stats.channels.at(-1);
  return { png: sized, foreground: alpha ? alpha.mean / 255 : 1 };
}
