// How the remote engine reads an answer of a remove.bg-style API: pure, so every branch is tested.
import type { ErrorCode } from '../errors.js';

export interface ThrottlePolicy {
  /** Waits on 429 inside one activity attempt before it gives up (and Temporal retries it). */
  maxThrottleWaits: number;
  /** Longest Retry-After honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
  /** Wait when a 429 names no (readable) Retry-After. */
  defaultRetryAfterMs: number;
}

export type RemoteVerdict =
  | { kind: 'ok' }
  | { kind: 'wait'; ms: number }
  | { kind: 'fail'; code: ErrorCode; retryable: boolean; message: string };

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (relative to `nowMs`); undefined
 * when absent or unreadable. Never negative.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its day and month; Date.parse would read '-3' as a year.
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * What to do with an answer: 200 is a result; 429 waits its Retry-After (capped) while waits are
 * left, then fails retryable; 401/403 fail for good (`BG_REMOVAL_AUTH`: the key is wrong, no retry
 * helps); 408 and 5xx fail retryable; any other status fails for good (`BG_REMOVAL_REJECTED`).
 * Messages name the status only: the API's body may echo what it saw.
 */
export function judgeAnswer(
  status: number,
  retryAfter: string | null,
  waitsSoFar: number,
  policy: ThrottlePolicy,
  nowMs: number,
): RemoteVerdict {
  if (status === 200) return { kind: 'ok' };
  if (status === 429) {
    if (waitsSoFar < policy.maxThrottleWaits) {
      const asked = parseRetryAfter(retryAfter, nowMs) ?? policy.defaultRetryAfterMs;
      return { kind: 'wait', ms: Math.min(asked, policy.maxRetryAfterMs) };
    }
    return {
      kind: 'fail',
      code: 'BG_REMOVAL_UNAVAILABLE',
      retryable: true,
      message: `The background-removal API kept throttling (429 after ${waitsSoFar} waits)`,
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'fail',
      code: 'BG_REMOVAL_AUTH',
      retryable: false,
      message: `The background-removal API refused the configured key (${status})`,
    };
  }
  if (status === 408 || status >= 500) {
    return {
      kind: 'fail',
      code: 'BG_REMOVAL_UNAVAILABLE',
      retryable: true,
      message: `The background-removal API answered ${status}`,
    };
  }
  return {
    kind: 'fail',
    code: 'BG_REMOVAL_REJECTED',
    retryable: false,
    message: `The background-removal API refused the image (${status})`,
  };
}
