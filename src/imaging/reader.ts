// What every document reader provides, and the limits every reader enforces before decoding.
import type { DocumentLimits } from '../config/env.js';
import { RedactifyError } from '../errors.js';
import type { SourceType } from './sniff.js';

/** Geometry of one page as a person sees it (EXIF orientation applied). */
export interface PageInfo {
  width: number;
  height: number;
  dpi: number;
  /** One bit per pixel in the source (fax): written back as CCITT G4 in TIFF output. */
  bilevel?: boolean;
}

/** A document whose pages are rendered on demand, so it is never decoded whole. */
export interface DocumentReader {
  readonly type: SourceType;
  readonly pages: readonly PageInfo[];
  /** Renders a page to an 8-bit PNG without metadata (grey or sRGB, alpha flattened on white). */
  renderPage(index: number): Promise<Buffer>;
  /** Releases what the reader holds (PDF documents keep parser state). */
  close(): Promise<void>;
}

export interface OpenDocumentOptions {
  limits: DocumentLimits;
  /** Used when the file declares no plausible resolution. */
  defaultDpi: number;
  /** Resolution PDF pages are rasterised at. */
  pdfDpi: number;
}

/** Throws the matching limit error for a document whose pages exceed the configured limits. */
export function checkLimits(pageCount: number, pages: readonly PageInfo[], limits: DocumentLimits) {
  if (pageCount === 0) throw new RedactifyError('NO_PAGES', 'The document has no pages');
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
