// A retryable error that has used up its own budget of attempts becomes permanent.
import { RedactifyError } from '../errors.js';

/**
 * What to throw on attempt `attempt` (1-based): `err` itself, or, when it is a retryable
 * `RedactifyError` and `maxAttempts` are used up, the same code and message as a permanent error.
 * Lets one kind of transient failure (a slow URL) stop sooner than the activity's retry policy,
 * which is sized to outlast a restart of the store or of Temporal.
 */
export function withinAttempts(err: unknown, attempt: number, maxAttempts: number): unknown {
  if (!(err instanceof RedactifyError) || !err.retryable || attempt < maxAttempts) return err;
  return new RedactifyError(err.code, err.message, { details: err.details, headers: err.headers });
}
