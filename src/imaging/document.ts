// Opens a document, reads its page geometry from headers, and renders one page at a time.
import sharp from 'sharp';
import type { DocumentLimits } from '../config/env.js';
import { RedactifyError } from '../errors.js';
import type { SourceType } from './sniff.js';

/** Geometry of one page as a person sees it (EXIF orientation applied). */
export interface PageInfo {
  width: number;
  height: number;
  dpi: number;
}

/** A document whose pages are rendered on demand, so it is never decoded whole. */
export interface DocumentReader {
  readonly type: SourceType;
  readonly pages: readonly PageInfo[];
  /** Renders a page to an 8-bit PNG without metadata (grey or sRGB, alpha flattened on white). */
  renderPage(index: number): Promise<Buffer>;
}

export interface OpenDocumentOptions {
  limits: DocumentLimits;
  /** Used when the file declares no plausible resolution. */
  defaultDpi: number;
}

/** Formats read through sharp (libvips). */
const SHARP_TYPES: ReadonlySet<SourceType> = new Set(['png', 'jpeg', 'tiff']);

/**
 * Opens a document of a sniffed type. Limits are checked on header data before any page is
 * decoded, so a decompression bomb is refused without being inflated.
 */
export async function openDocument(
  input: Buffer,
  type: SourceType,
  options: OpenDocumentOptions,
): Promise<DocumentReader> {
  if (!SHARP_TYPES.has(type)) {
    throw new RedactifyError(
      'UNSUPPORTED_TYPE',
      `${type.toUpperCase()} input is not supported yet`,
    );
  }
  return openImageDocument(input, type, options);
}

/** Throws the matching limit error for a document whose pages exceed the configured limits. */
export function checkLimits(pageCount: number, pages: readonly PageInfo[], limits: DocumentLimits) {
  if (pageCount === 0) throw new RedactifyError('CORRUPT_INPUT', 'The document has no pages');
  if (pageCount > limits.maxPages) {
    throw new RedactifyError(
      'TOO_MANY_PAGES',
      `The document has ${pageCount} pages; the limit is ${limits.maxPages}`,
    );
  }
  let total = 0;
  pages.forEach((page, index) => {
    const pixels = page.width * page.height;
    if (pixels > limits.maxPagePixels) {
      throw new RedactifyError(
        'PAGE_TOO_LARGE',
        `Page ${index + 1} is ${page.width}×${page.height} pixels; the limit is ${limits.maxPagePixels} pixels per page`,
      );
    }
    total += pixels;
  });
  if (total > limits.maxDocumentPixels) {
    throw new RedactifyError(
      'DOCUMENT_TOO_LARGE',
      `The document has ${total} pixels in all; the limit is ${limits.maxDocumentPixels}`,
    );
  }
}

/** A declared resolution is trusted only inside this range (72 dpi is a screen default, not a scan). */
export function plausibleDpi(declared: number | undefined, fallback: number): number {
  return declared !== undefined && declared >= 100 && declared <= 2400
    ? Math.round(declared)
    : fallback;
}

async function openImageDocument(
  input: Buffer,
  type: SourceType,
  { limits, defaultDpi }: OpenDocumentOptions,
): Promise<DocumentReader> {
  const open = (page: number) =>
    sharp(input, { page, limitInputPixels: limits.maxPagePixels, failOn: 'error' });
  const first = await decodeSafely(() => open(0).metadata());
  const pageCount = type === 'tiff' ? (first.pages ?? 1) : 1;
  checkLimits(pageCount, [], limits);

  const pages: PageInfo[] = [];
  for (let index = 0; index < pageCount; index++) {
    const meta = index === 0 ? first : await decodeSafely(() => open(index).metadata());
    const size = meta.autoOrient ?? { width: meta.width, height: meta.height };
    pages.push({ ...size, dpi: plausibleDpi(meta.density, defaultDpi) });
  }
  checkLimits(pageCount, pages, limits);

  return {
    type,
    pages,
    async renderPage(index) {
      return decodeSafely(async () => {
        const meta = index === 0 ? first : await open(index).metadata();
        const grey = (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0) === 1;
        return open(index)
          .autoOrient()
          .flatten({ background: '#ffffff' })
          .toColourspace(grey ? 'b-w' : 'srgb')
          .png({ compressionLevel: 1 })
          .toBuffer();
      });
    },
  };
}

/** Turns libvips decode failures into stable, text-free errors. */
async function decodeSafely<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
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
