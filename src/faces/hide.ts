// Hides faces on raw pixels: opaque fill (default), strong blur or coarse pixelation, with padding.
import sharp, { type Sharp } from 'sharp';
import { clampToPage, pad, type Box } from '../imaging/geometry.js';
import { paintBoxes, type RawImage } from '../imaging/mask.js';

export const FACE_MODES = ['mask', 'blur', 'pixelate', 'off'] as const;
export type FaceMode = (typeof FACE_MODES)[number];

/** Share of a face box's longer side added on every side: detectors box the face, not the head. */
export const FACE_PADDING_SHARE = 0.2;

/** A face box within this many pixels of the image's edge is a face the edge cuts. */
const EDGE_PX = 2;

/**
 * A face box grown by `FACE_PADDING_SHARE` of its longer side plus `paddingPx`, on the page. A
 * face cut by the image's edge grows twice as much: the detector boxes only the part it sees, and
 * places it worse (eval:faces clips, 2026-12-08: a face half out of the frame, boxed 54 px tall
 * where it is 66).
 */
export function faceRegion(face: Box, paddingPx: number, page: { width: number; height: number }) {
  const cut =
    face.x <= EDGE_PX ||
    face.y <= EDGE_PX ||
    face.x + face.w >= page.width - EDGE_PX ||
    face.y + face.h >= page.height - EDGE_PX;
  const share = cut ? 2 * FACE_PADDING_SHARE : FACE_PADDING_SHARE;
  const grow = Math.ceil(Math.max(face.w, face.h) * share) + paddingPx;
  return clampToPage(pad(face, grow), page);
}

/**
 * Hides every face box on `image` in place. `mask` paints it opaque; `blur` and `pixelate` are
 * strong enough that no feature survives (sigma a quarter of the face, blocks of an eighth).
 */
export async function hideFaces(
  image: RawImage,
  faces: readonly Box[],
  mode: Exclude<FaceMode, 'off'>,
  paddingPx: number,
): Promise<void> {
  const regions = faces.map((f) => faceRegion(f, paddingPx, image)).filter((r) => r.w && r.h);
  if (mode === 'mask') {
    paintBoxes(image, regions, 0);
    return;
  }
  for (const region of regions) {
    const { width, height, channels } = image;
    const crop = sharp(image.data, { raw: { width, height, channels } }).extract({
      left: region.x,
      top: region.y,
      width: region.w,
      height: region.h,
    });
    const side = Math.max(region.w, region.h);
    const obscured =
      mode === 'blur'
        ? crop.blur(Math.max(4, side / 4))
        : await pixelate(crop, region, Math.max(6, Math.round(side / 8)));
    const pixels = await obscured.raw().toBuffer();
    writeRegion(image, region, pixels);
  }
}

/** Averages blocks of `block` pixels (area resize down), then scales them back up unsmoothed. */
async function pixelate(crop: Sharp, region: Box, block: number): Promise<Sharp> {
  const { data, info } = await crop
    .resize(Math.max(1, Math.ceil(region.w / block)), Math.max(1, Math.ceil(region.h / block)), {
      fit: 'fill',
      kernel: 'linear',
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels },
  }).resize(region.w, region.h, { fit: 'fill', kernel: 'nearest' });
}

function writeRegion(image: RawImage, region: Box, pixels: Buffer): void {
  const { data, width, channels } = image;
  const rowBytes = region.w * channels;
  for (let row = 0; row < region.h; row++) {
    const to = ((region.y + row) * width + region.x) * channels;
    pixels.copy(data, to, row * rowBytes, (row + 1) * rowBytes);
  }
}
