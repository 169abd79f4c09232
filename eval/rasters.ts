// Decodes a document's pages to greyscale rasters in the pixel space of its ground truth.
import sharp from 'sharp';
import { openDocument } from '../src/imaging/document.js';
import type { SourceType } from '../src/imaging/sniff.js';
import type { TruthPage } from './corpus/types.js';
import type { Raster } from './score.js';

const NO_LIMITS = { maxPages: 10_000, maxPagePixels: 1e9, maxDocumentPixels: 1e12 };

async function toRaster(png: Buffer, page: TruthPage): Promise<Raster> {
  const { data, info } = await sharp(png)
    .greyscale()
    .resize(page.width, page.height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Every page of `bytes` as a raster the size of its truth page. PDFs are rendered at each truth
 * page's DPI (the pipeline's own reader, so scoring sees what a reader would).
 */
export async function rasterise(
  bytes: Buffer,
  type: SourceType,
  truth: readonly TruthPage[],
): Promise<Raster[]> {
  const rasters: Raster[] = [];
  for (const [index, page] of truth.entries()) {
    const document = await openDocument(bytes, type, {
      limits: NO_LIMITS,
      defaultDpi: page.dpi,
      pdfDpi: page.dpi,
    });
    try {
      rasters.push(await toRaster(await document.renderPage(index), page));
    } finally {
      await document.close();
    }
  }
  return rasters;
}
