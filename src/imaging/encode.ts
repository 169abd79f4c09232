// Encodes masked page images into the output file: PNG, JPEG or multi-page TIFF, no metadata.
import sharp from 'sharp';
import type { OutputType } from '../shared.js';
import { setJpegDensity, setPngDensity } from './density.js';
import { muxTiffPages } from './tiff-mux.js';

/** A masked page: PNG bytes and the resolution to record in the output. */
export interface EncodablePage {
  png: Buffer;
  dpi: number;
}

export const OUTPUT_MIME: Record<OutputType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

export const OUTPUT_EXTENSION: Record<OutputType, string> = {
  png: 'png',
  jpeg: 'jpg',
  tiff: 'tiff',
};

/**
 * The format a document is written in: the requested one, except that a multi-page document
 * cannot be a single image, so it becomes a TIFF (the result reports the real type).
 */
export function chooseOutputType(requested: OutputType, pageCount: number): OutputType {
  return pageCount > 1 && requested !== 'tiff' ? 'tiff' : requested;
}

/** Encodes one page in a single-image format. sharp writes no metadata unless asked. */
export async function encodeImage(page: EncodablePage, type: 'png' | 'jpeg'): Promise<Buffer> {
  if (type === 'png') {
    return setPngDensity(await sharp(page.png).png({ compressionLevel: 6 }).toBuffer(), page.dpi);
  }
  const jpeg = await sharp(page.png).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
  return setJpegDensity(jpeg, page.dpi);
}

/** Encodes one page as a single-page TIFF (Deflate), ready for `muxTiffPages`. */
export async function encodeTiffPage(page: EncodablePage): Promise<Buffer> {
  const pixelsPerMm = page.dpi / 25.4;
  return sharp(page.png)
    .tiff({
      compression: 'deflate',
      predictor: 'horizontal',
      xres: pixelsPerMm,
      yres: pixelsPerMm,
      resolutionUnit: 'inch',
    })
    .toBuffer();
}

/**
 * Builds the output file from pages loaded one at a time, so at most one page is decoded at once.
 */
export async function encodeDocument(
  type: OutputType,
  pageCount: number,
  loadPage: (index: number) => Promise<EncodablePage>,
): Promise<Buffer> {
  if (type !== 'tiff') return encodeImage(await loadPage(0), type);
  const pages: Buffer[] = [];
  for (let i = 0; i < pageCount; i++) pages.push(await encodeTiffPage(await loadPage(i)));
  return muxTiffPages(pages);
}
