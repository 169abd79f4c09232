// What activities need from the outside world, injected so tests can build them with real servers.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { RedactifyError } from '../errors.js';
import type { FaceDetectSettings } from '../faces/detect.js';
import type { OpenDocumentOptions } from '../imaging/reader.js';
import type { KeepSettings } from '../jobs/lifecycle.js';
import type { SafeFetchOptions } from '../net/safe-fetch.js';
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
}

/**
 * Runs an activity body, timing it and turning our errors into failures whose type is their
 * stable code: retryable when the error says so (a timeout, a 5xx), otherwise non-retryable and
 * marked benign — a corrupt or oversized file is the client's problem, so the SDK logs it at
 * DEBUG, not as a WARN with a stack trace (the job's end is logged once, with the code).
 * Anything else is rethrown and retried.
 */
export async function runStage<T>(body: () => Promise<T>): Promise<T & StageTiming> {
  const started = performance.now();
  try {
    const { result, storageMs } = await withStorageClock(body);
    return { ...result, ms: Math.round(performance.now() - started), storageMs };
  } catch (err) {
    if (err instanceof RedactifyError) {
      if (err.retryable) throw ApplicationFailure.retryable(err.message, err.code);
      throw ApplicationFailure.create({
        message: err.message,
        type: err.code,
        nonRetryable: true,
        category: ApplicationFailureCategory.BENIGN,
      });
    }
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
