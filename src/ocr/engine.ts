// What every OCR engine offers (tesseract.js, native Tesseract, Azure), and the two failures the
// pipeline treats apart from the rest: a page that took too long, and an engine that is down.
import type { PSM } from 'tesseract.js';
import type { OcrPage } from './types.js';

export interface OcrRequest {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** Page segmentation mode for this image; the pool's default otherwise. */
  psm?: PSM;
}

/** Anything that turns a page image into words with boxes. */
export interface OcrEngine {
  recognize(request: OcrRequest): Promise<OcrPage>;
  close(): Promise<void>;
}

/** OCR did not finish in time. The caller must treat the page as unreadable. */
export class OcrTimeoutError extends Error {
  override readonly name = 'OcrTimeoutError';
}

/**
 * The service could not read the page (down, throttled past every retry, analysis failed). The
 * caller falls back (OCR_FALLBACK): a page is never released unread.
 */
export class OcrEngineUnavailableError extends Error {
  override readonly name = 'OcrEngineUnavailableError';
  constructor(
    message: string,
    /** The HTTP status, when the service answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}
