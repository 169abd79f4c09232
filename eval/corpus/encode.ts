// Raster pages to files: PNG, JPEG, multi-page TIFF and image-only (scanned) PDF.
import { PDFDocument } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { rawOptions } from './degrade.js';
import type { RawImage } from './raster.js';

function image(raw: RawImage): Sharp {
  return sharp(raw.data, { raw: rawOptions(raw) });
}

/** A PNG with its resolution recorded. */
export function encodePng(raw: RawImage, dpi: number): Promise<Buffer> {
  return image(raw).withDensity(dpi).png({ compressionLevel: 6 }).toBuffer();
}

/** A baseline JPEG with its resolution recorded (JFIF density). */
export function encodeJpeg(raw: RawImage, dpi: number, quality: number): Promise<Buffer> {
  return image(raw).withDensity(dpi).jpeg({ quality }).toBuffer();
}

/** One multi-page TIFF; every page must have the size and channels of the first. */
export async function encodeTiff(pages: readonly RawImage[], dpi: number): Promise<Buffer> {
  const first = pages[0];
  if (!first) throw new Error('a TIFF needs at least one page');
  for (const page of pages) {
    if (
      page.width !== first.width ||
      page.height !== first.height ||
      page.channels !== first.channels
    ) {
      throw new Error('TIFF pages must share size and channels');
    }
  }
  const pixelsPerMm = dpi / 25.4;
  return sharp(Buffer.concat(pages.map((p) => p.data)), {
    raw: { ...rawOptions(first), height: first.height * pages.length, pageHeight: first.height },
  })
    .tiff({
      compression: 'deflate',
      predictor: 'horizontal',
      xres: pixelsPerMm,
      yres: pixelsPerMm,
      resolutionUnit: 'inch',
    })
    .toBuffer();
}

/** A PDF whose pages are JPEG images; each page measures pixels / dpi inches. */
export async function encodeImagePdf(
  pages: readonly RawImage[],
  dpi: number,
  quality: number,
): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const raw of pages) {
    const jpeg = await image(raw).jpeg({ quality }).toBuffer();
    const embedded = await pdf.embedJpg(jpeg);
    const width = (raw.width * 72) / dpi;
    const height = (raw.height * 72) / dpi;
    pdf.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await pdf.save());
}
