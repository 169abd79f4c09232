// What activities need from the outside world, injected so tests can build them with real servers.
import type { Client } from '@temporalio/client';
import type { BackgroundRemover } from '../bg/engine.js';
import type { FaceDetectSettings } from '../faces/settings.js';
import type { OpenDocumentOptions } from '../imaging/reader.js';
import type { KeepSettings } from '../jobs/lifecycle.js';
import type { SafeFetchOptions } from '../net/safe-fetch.js';
import type { OcrEngine } from '../ocr/engine.js';
import type { VerifyMode } from '../phi/verify.js';
import type { PhiSettings } from '../phi/detector.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { FaceFinders } from '../video/face-finder.js';
import type { VideoSettings } from './video-files.js';

export interface ActivityDeps {
  store: ObjectStore;
  /** tesseract.js: the default engine, the fallback, and what verification re-reads with. */
  ocr: OcrEngine;
  /** Native Tesseract, when configured (TESSERACT_BIN). */
  nativeTesseract?: OcrEngine | undefined;
  /** Azure Document Intelligence, when configured (AZURE_DI_ENDPOINT, AZURE_DI_KEY). */
  azure?: OcrEngine | undefined;
  /** What a page gets when its engine is down (OCR_FALLBACK); flagged either way. */
  ocrFallback: 'tesseract' | 'mask';
  phi: PhiSettings;
  /** Limits and resolutions for reading documents. */
  documents: OpenDocumentOptions;
  maskPaddingPx: number;
  /** Pages below this resolution are upscaled to it for OCR (0: never). */
  ocrMinDpi: number;
  /** How masked pages are checked for PHI still readable. */
  verifyMode: VerifyMode;
  /** How URL inputs are downloaded (policy, caps, resolver). */
  urlFetch: SafeFetchOptions;
  /** Detection time per page; a page past it is masked whole and flagged. */
  detectBudgetMs: number;
  /** What a finished job keeps (KEEP_INTERMEDIATES, KEEP_INPUT). */
  lifecycle: KeepSettings;
  /** Face detector settings (model, threshold); the search size comes from each page. */
  faces?: Partial<FaceDetectSettings>;
  /** Temporal, for the sweep to find jobs whose results expired. */
  temporal: Client;
  /** The engine of `remove-background` jobs (BG_REMOVAL_ENGINE); such jobs fail without one. */
  backgroundRemover?: BackgroundRemover | undefined;
  /** The face detector of the blur-faces operation, for photos and for video frames. */
  faceFinders: FaceFinders;
  /** How videos are read, limited, cut, blurred and written. */
  video: VideoSettings;
}
