// The wrapper every activity body runs in: it times the body and maps our errors to failures.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { RedactifyError } from '../errors.js';
import type { StageTiming } from '../jobs/stage-timing.js';
import { withStorageClock } from '../util/storage-time.js';

/**
 * Runs an activity body, timing it and turning our errors into failures whose type is their
 * stable code: retryable when the error says so (a timeout, a 5xx), otherwise non-retryable and
 * marked benign — a corrupt or oversized file is the client's problem, so the SDK logs it at
 * DEBUG, not as a WARN with a stack trace (the job's end is logged once, with the code).
 * Anything else is rethrown and retried.
 */
export async function timeAndMapErrors<T>(body: () => Promise<T>): Promise<T & StageTiming> {
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
