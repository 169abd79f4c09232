// Raw pages to files: PNG, JPEG, multi-page TIFF (grey deflate or bilevel CCITT G4, as fax servers
// store them) and image-only PDF. Deterministic: same pixels, same bytes.
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { RawImage } from './render.js';

const image = (raw: RawImage) =>
  sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });

export function encodePng(raw: RawImage, dpi: number): Promise<Buffer> {
  return image(raw).withDensity(dpi).png({ compressionLevel: 9 }).toBuffer();
}

export function encodeJpeg(raw: RawImage, dpi: number, quality: number): Promise<Buffer> {
  return image(raw).withDensity(dpi).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}

/** One multi-page TIFF; pages share size and channels. `bilevel` pages must hold only 0 and 255. */
export async function encodeTiff(
  pages: readonly RawImage[],
  dpi: number,
  bilevel: boolean,
): Promise<Buffer> {
  const first = pages[0];
  if (!first) throw new Error('a TIFF needs at least one page');
  if (
    pages.some(
      (p) => p.width !== first.width || p.height !== first.height || p.channels !== first.channels,
    )
  )
    throw new Error('TIFF pages must share size and channels');
  const pixelsPerMm = dpi / 25.4;
  const stacked = sharp(Buffer.concat(pages.map((p) => p.data)), {
    raw: {
      width: first.width,
      height: first.height * pages.length,
      channels: first.channels,
      pageHeight: first.height,
    },
  });
  const resolution = { xres: pixelsPerMm, yres: pixelsPerMm, resolutionUnit: 'inch' as const };
  return bilevel
    ? stacked
        .toColourspace('b-w')
        .tiff({ compression: 'ccittfax4', bitdepth: 1, ...resolution })
        .toBuffer()
    : stacked.tiff({ compression: 'deflate', predictor: 'horizontal', ...resolution }).toBuffer();
}

/** A PDF whose pages are JPEG images, each `pixels / dpi` inches. */
export async function encodeImagePdf(
  pages: readonly RawImage[],
  dpi: number,
  quality: number,
): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const raw of pages) {
    const embedded = await pdf.embedJpg(await image(raw).jpeg({ quality }).toBuffer());
    const width = (raw.width * 72) / dpi;
    const height = (raw.height * 72) / dpi;
    pdf.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await pdf.save());
}
