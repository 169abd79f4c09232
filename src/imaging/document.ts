// Opens a document by its sniffed type and hands back a page-by-page reader.
import sharp from 'sharp';
import { RedactifyError } from '../errors.js';
import { decodeBmp, readBmpHeader } from './bmp.js';
import { openPdfDocument } from './pdf.js';
import { isGrey } from './raw.js';
import {
  checkLimits,
  plausibleDpi,
  type DocumentReader,
  type OpenDocumentOptions,
  type PageInfo,
} from './reader.js';
import type { SourceType } from './sniff.js';

export type { PageInfo } from './reader.js';

/**
 * Opens a document of a sniffed type. Limits are checked on header data before any page is
 * decoded, so a decompression bomb is refused without being inflated.
 */
export async function openDocument(
  input: Buffer,
  type: SourceType,
  options: OpenDocumentOptions,
): Promise<DocumentReader> {
  switch (type) {
    case 'pdf':
      return openPdfDocument(input, options);
    case 'bmp':
      return openBmpDocument(input, options);
    default:
      return openImageDocument(input, type, options);
  }
}

/** Multi-page formats: every TIFF page and every GIF frame is a page (a later frame may hold PHI). */
const MULTI_PAGE: ReadonlySet<SourceType> = new Set(['tiff', 'gif', 'webp']);

async function openImageDocument(
  input: Buffer,
  type: SourceType,
  { limits, defaultDpi }: OpenDocumentOptions,
): Promise<DocumentReader> {
  const open = (page: number) =>
    sharp(input, { page, limitInputPixels: limits.maxPagePixels, failOn: 'error' });
  const first = await decodeSafely(() => open(0).metadata());
  const pageCount = MULTI_PAGE.has(type) ? (first.pages ?? 1) : 1;
  checkLimits(pageCount, [], limits);

  const metas = [first];
  for (let index = 1; index < pageCount; index++)
    metas.push(await decodeSafely(() => open(index).metadata()));
  const pages: PageInfo[] = metas.map((meta) => ({
    ...(meta.autoOrient ?? { width: meta.width, height: meta.height }),
    dpi: plausibleDpi(meta.density, defaultDpi),
    ...(meta.bitsPerSample === 1 && { bilevel: true }),
  }));
  checkLimits(pageCount, pages, limits);

  return {
    type,
    pages,
    renderPage: (index) =>
      decodeSafely(() => {
        const meta = metas[index] ?? first;
        return open(index)
          .autoOrient()
          .flatten({ background: '#ffffff' })
          .toColourspace(isGrey(meta) ? 'b-w' : 'srgb')
          .png({ compressionLevel: 1 })
          .toBuffer();
      }),
    close: () => Promise.resolve(),
  };
}

function openBmpDocument(
  input: Buffer,
  { limits, defaultDpi }: OpenDocumentOptions,
): DocumentReader {
  const header = readBmpHeader(input);
  const page: PageInfo = {
    width: header.width,
    height: header.height,
    dpi: plausibleDpi(header.dpi, defaultDpi),
  };
  checkLimits(1, [page], limits);
  return {
    type: 'bmp',
    pages: [page],
    async renderPage() {
      const { data, width, height } = decodeBmp(input, header);
      return sharp(data, { raw: { width, height, channels: 3 } })
        .png({ compressionLevel: 1 })
        .toBuffer();
    },
    close: () => Promise.resolve(),
  };
}

/** Turns libvips decode failures into stable, text-free errors. */
async function decodeSafely<T>(decode: () => Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (err) {
    if (err instanceof RedactifyError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) {
      throw new RedactifyError('PAGE_TOO_LARGE', 'A page exceeds the pixel limit');
    }
    throw new RedactifyError(
      'CORRUPT_INPUT',
      'The file is damaged or truncated and cannot be decoded',
    );
  }
}
