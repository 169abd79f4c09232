// Opaque masking on raw pixels: pure, so it is tested without images on disk.
import { clampToPage, pad, type Box } from './geometry.js';

/** Decoded pixels, row-major, `channels` bytes per pixel (sharp's raw layout). */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Paints every box, grown by `padding`, fully opaque black (alpha kept at 255). Boxes outside the
 * page are clipped. Returns the number of boxes that touched the page.
 */
export function paintBoxes(image: RawImage, boxes: readonly Box[], padding: number): number {
  const { data, width, height, channels } = image;
  const hasAlpha = channels === 2 || channels === 4;
  const colourChannels = hasAlpha ? channels - 1 : channels;
  let painted = 0;
  for (const box of boxes) {
    const b = clampToPage(pad(box, padding), { width, height });
    if (b.w === 0 || b.h === 0) continue;
    painted++;
    for (let y = b.y; y < b.y + b.h; y++) {
      const rowStart = (y * width + b.x) * channels;
      const rowEnd = rowStart + b.w * channels;
      if (!hasAlpha) {
        data.fill(0, rowStart, rowEnd);
        continue;
      }
      for (let i = rowStart; i < rowEnd; i += channels) {
        data.fill(0, i, i + colourChannels);
        data[i + colourChannels] = 255;
      }
    }
  }
  return painted;
}
