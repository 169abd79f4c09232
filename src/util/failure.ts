// What a failure may tell logs and metrics: its stable code and type names, never its message.
import { ApplicationFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { isErrorCode, RedactifyError, type ErrorCode } from '../errors.js';

/**
 * The stable code a failure chain carries: one of ours (a `RedactifyError`, or an
 * `ApplicationFailure` whose type is our code), a termination or a timeout; `INTERNAL` otherwise.
 * Safe in workflow code (no I/O).
 */
export function failureCode(err: unknown): ErrorCode {
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof RedactifyError) return cause.code;
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) return cause.type;
    if (cause instanceof TerminatedFailure) return 'JOB_TERMINATED';
    if (cause instanceof TimeoutFailure) return 'JOB_TIMED_OUT';
  }
  return 'INTERNAL';
}

/** Log fields for an error. */
export interface ErrorFields {
  errorCode: ErrorCode;
  /** The outermost error's class name, e.g. `ActivityFailure`. */
  errorName: string;
  /** The first `ApplicationFailure` type in the chain (our code, or the name of the JS error the SDK wrapped). */
  errorType?: string;
}

/**
 * An error as log fields, without message or stack: a message can quote what the code was
 * reading (a JSON parse error quotes its input, and our inputs hold PHI).
 */
export function errorFields(err: unknown): ErrorFields {
  const fields: ErrorFields = {
    errorCode: failureCode(err),
    errorName: err instanceof Error ? err.name : typeof err,
  };
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type) {
      fields.errorType = cause.type;
      break;
    }
  }
  return fields;
}
