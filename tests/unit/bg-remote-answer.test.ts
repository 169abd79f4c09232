// How the remote background-removal engine judges an API's answer (pure).
import { describe, expect, it } from 'vitest';
import { judgeAnswer, parseRetryAfter, type ThrottlePolicy } from '../../src/bg/remote-answer.js';

const POLICY: ThrottlePolicy = {
  maxThrottleWaits: 2,
  maxRetryAfterMs: 10_000,
  defaultRetryAfterMs: 3_000,
};
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', NOW)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
  });
});

describe('judgeAnswer', () => {
  it('takes 200 as the result', () => {
    expect(judgeAnswer(200, null, 0, POLICY, NOW)).toEqual({ kind: 'ok' });
  });

  it('waits out a 429 for its Retry-After (capped, defaulted) while waits are left', () => {
    expect(judgeAnswer(429, '2', 0, POLICY, NOW)).toEqual({ kind: 'wait', ms: 2_000 });
    expect(judgeAnswer(429, '3600', 1, POLICY, NOW)).toEqual({ kind: 'wait', ms: 10_000 });
    expect(judgeAnswer(429, null, 0, POLICY, NOW)).toEqual({ kind: 'wait', ms: 3_000 });
    expect(judgeAnswer(429, '1', 2, POLICY, NOW)).toMatchObject({
      kind: 'fail',
      code: 'BG_REMOVAL_UNAVAILABLE',
      retryable: true,
    });
  });

  it('fails 401 and 403 for good as BG_REMOVAL_AUTH', () => {
    for (const status of [401, 403]) {
      expect(judgeAnswer(status, null, 0, POLICY, NOW)).toMatchObject({
        kind: 'fail',
        code: 'BG_REMOVAL_AUTH',
        retryable: false,
      });
    }
  });

  it('retries 5xx and 408; refuses other 4xx for good', () => {
    for (const status of [500, 502, 503, 504, 408]) {
      expect(judgeAnswer(status, null, 0, POLICY, NOW)).toMatchObject({
        code: 'BG_REMOVAL_UNAVAILABLE',
        retryable: true,
      });
    }
    for (const status of [400, 402, 404, 413, 415]) {
      expect(judgeAnswer(status, null, 0, POLICY, NOW)).toMatchObject({
        code: 'BG_REMOVAL_REJECTED',
        retryable: false,
      });
    }
  });
});
