// Whether a rendered page could show a face at all: the photo-region prefilter on its PNG.
import sharp from 'sharp';
import { photoRegions } from './photo-regions.js';
import { faceSearchSize } from './search-size.js';

/**
 * False only when the page is a document with no region a face of the page's smallest searched
 * size could be in (text, rules, blank paper): face detection can skip it. Anything else — a
 * photo, a dark or coloured page, any region of face size that is not paper — answers true.
 */
export async function mayHoldFace(
  png: Buffer,
  page: { width: number; height: number; dpi: number },
): Promise<boolean> {
  const { data, info } = await sharp(png)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const size = { width: info.width, height: info.height };
  const regions = photoRegions(
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    size,
    faceSearchSize({ ...size, dpi: page.dpi }),
  );
  return regions?.any ?? true;
}
