// Irreversible face blur on raw pixels: each region is reduced to a few cells (the detail is gone,
// not only smoothed, so no deconvolution brings it back) and smoothed back up to its size.
import sharp from 'sharp';
import { clampToPage, pad, type Box } from './geometry.js';
import type { RawImage } from './mask.js';

/** Cells across the shorter side of a blurred region: 6 leaves a face shape, never a face. */
const CELLS_ACROSS = 6;

/** Copies a rectangle of `image` out into a buffer of its own. */
function extract(image: RawImage, b: Box): Buffer {
  const { data, width, channels } = image;
  const out = Buffer.allocUnsafe(b.w * b.h * channels);
  for (let y = 0; y < b.h; y++) {
    const start = ((b.y + y) * width + b.x) * channels;
    data.copy(out, y * b.w * channels, start, start + b.w * channels);
  }
  return out;
}

/** Writes a rectangle's pixels back into `image`. */
function paste(image: RawImage, b: Box, pixels: Buffer): void {
  const { data, width, channels } = image;
  for (let y = 0; y < b.h; y++) {
    const start = ((b.y + y) * width + b.x) * channels;
    pixels.copy(data, start, y * b.w * channels, (y + 1) * b.w * channels);
  }
}

/**
 * Blurs every box, grown by `padding` pixels and clipped to the image, in place. Returns the
 * number of boxes that touched the image.
 */
export async function blurBoxes(
  image: RawImage,
  boxes: readonly Box[],
  padding: number,
): Promise<number> {
  const { channels } = image;
  let blurred = 0;
  for (const box of boxes) {
    const b = clampToPage(pad(box, padding), image);
    if (b.w === 0 || b.h === 0) continue;
    blurred++;
    const cell = Math.max(1, Math.min(b.w, b.h) / CELLS_ACROSS);
    const raw = { raw: { width: b.w, height: b.h, channels } };
    const small = await sharp(extract(image, b), raw)
      .resize(Math.max(1, Math.round(b.w / cell)), Math.max(1, Math.round(b.h / cell)), {
        fit: 'fill',
        kernel: 'linear',
      })
      .raw()
      .toBuffer({ resolveWithObject: true });
    let back = sharp(small.data, {
      raw: { width: small.info.width, height: small.info.height, channels },
    }).resize(b.w, b.h, { fit: 'fill', kernel: 'linear' });
    if (cell >= 2) back = back.blur(Math.max(0.3, cell / 2));
    paste(image, b, await back.raw().toBuffer());
  }
  return blurred;
}
