// What activities need from the outside world, injected so tests can build them with real servers.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { RedactifyError } from '../errors.js';
import type { OpenDocumentOptions } from '../imaging/reader.js';
import type { OcrEngine } from '../ocr/tesseract-pool.js';
import type { StageTiming } from '../shared.js';
import { withStorageClock } from '../util/storage-time.js';
import type { VerifyMode } from '../phi/verify.js';
import type { PhiSettings } from '../phi/detector.js';
import type { ObjectStore } from '../storage/object-store.js';

export interface ActivityDeps {
  store: ObjectStore;
  ocr: OcrEngine;
  phi: PhiSettings;
  /** Limits and resolutions for reading documents. */
  documents: OpenDocumentOptions;
  maskPaddingPx: number;
  /** Pages below this resolution are upscaled to it for OCR (0: never). */
  ocrMinDpi: number;
  /** How masked pages are checked for PHI still readable. */
  verifyMode: VerifyMode;
  /** Detection time per page; a page past it is masked whole and flagged. */
  detectBudgetMs: number;
}

/**
 * Runs an activity body, timing it and turning permanent errors into non-retryable failures
 * with their stable code as the failure type. Anything else is rethrown and retried.
 */
export async function runStage<T>(body: () => Promise<T>): Promise<T & StageTiming> {
  const started = performance.now();
  try {
    const { result, storageMs } = await withStorageClock(body);
    return { ...result, ms: Math.round(performance.now() - started), storageMs };
  } catch (err) {
    if (err instanceof RedactifyError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}

/** Heartbeats every few seconds while `work` runs, so a dead worker is noticed quickly. */
export async function withHeartbeat<T>(work: Promise<T>, everyMs = 5_000): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
