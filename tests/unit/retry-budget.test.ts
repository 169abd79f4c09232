// How long transient failures are retried: long enough for a store or Temporal restart, while a
// slow URL keeps a budget of its own.
import { msToNumber } from '@temporalio/common/lib/time.js';
import { describe, expect, it } from 'vitest';
import { URL_FETCH_ATTEMPTS } from '../../src/activities/fetch-source.js';
import { RedactifyError } from '../../src/errors.js';
import { withinAttempts } from '../../src/util/retry-budget.js';
import { ACTIVITY_OPTIONS } from '../../src/workflows/activity-options.js';

/** Seconds from the first attempt's failure to the start of the last attempt. */
function retryWindowSeconds(retry: typeof ACTIVITY_OPTIONS.retry): number {
  let interval = msToNumber(retry.initialInterval);
  let total = 0;
  for (let attempt = 2; attempt <= retry.maximumAttempts; attempt++) {
    total += Math.min(interval, msToNumber(retry.maximumInterval));
    interval *= retry.backoffCoefficient;
  }
  return total / 1000;
}

describe('the activity retry policy', () => {
  it('keeps retrying through a two-minute outage of the store or Temporal', () => {
    // The MinIO drill stops the store for 30 s; a restart in production can take longer.
    expect(retryWindowSeconds(ACTIVITY_OPTIONS.retry)).toBeGreaterThanOrEqual(120);
  });

  it('gives up within ten minutes, so a job stuck on a real fault still fails', () => {
    expect(retryWindowSeconds(ACTIVITY_OPTIONS.retry)).toBeLessThanOrEqual(600);
  });
});

describe('withinAttempts', () => {
  const timeout = new RedactifyError('URL_TIMEOUT', 'The source did not answer in time', {
    retryable: true,
  });

  it('passes a retryable error on while attempts are left', () => {
    expect(withinAttempts(timeout, URL_FETCH_ATTEMPTS - 1, URL_FETCH_ATTEMPTS)).toBe(timeout);
  });

  it('makes it permanent on the last attempt, keeping its code and message', () => {
    const last = withinAttempts(timeout, URL_FETCH_ATTEMPTS, URL_FETCH_ATTEMPTS);
    expect(last).toBeInstanceOf(RedactifyError);
    expect(last).toMatchObject({
      code: 'URL_TIMEOUT',
      message: timeout.message,
      retryable: false,
    });
  });

  it('leaves permanent errors and foreign errors alone', () => {
    const permanent = new RedactifyError('URL_HTTP_ERROR', 'The source answered 404');
    const foreign = new Error('connect ECONNREFUSED');
    expect(withinAttempts(permanent, 9, 5)).toBe(permanent);
    expect(withinAttempts(foreign, 9, 5)).toBe(foreign);
  });
});
