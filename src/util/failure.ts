// What a failure may tell: its stable code everywhere, its message only to the client and only when
// the message is ours; logs and metrics get the code and type names, never a message.
import { ApplicationFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { isErrorCode, RedactifyError, type ErrorCode } from '../errors.js';

/**
 * The first error in a chain that decides its code: one of ours (a `RedactifyError`, or an
 * `ApplicationFailure` whose type is our code), a termination or a timeout. `ours` says whether
 * its message was written by us (so without document text).
 */
function codedCause(err: unknown): { code: ErrorCode; ours?: string } {
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof RedactifyError) return { code: cause.code, ours: cause.message };
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
      return { code: cause.type, ours: cause.message };
    }
    if (cause instanceof TerminatedFailure) return { code: 'JOB_TERMINATED' };
    if (cause instanceof TimeoutFailure) return { code: 'JOB_TIMED_OUT' };
  }
  return { code: 'INTERNAL' };
}

/**
 * The stable code a failure chain carries: one of ours, `JOB_TERMINATED`, `JOB_TIMED_OUT`, or
 * `INTERNAL`. Safe in workflow code (no I/O).
 */
export function failureCode(err: unknown): ErrorCode {
  return codedCause(err).code;
}

/** What a client is told of a failure whose message is not ours (it could quote anything). */
const FIXED_MESSAGE: Partial<Record<ErrorCode, string>> = {
  JOB_TERMINATED: 'The job was terminated by an operator',
  JOB_TIMED_OUT: 'The job timed out',
};

/**
 * Explains a failed run to its client: the code of `failureCode`, with our own message, or a fixed
 * one for a termination, a timeout or anything not ours.
 */
export function describeFailure(err: unknown): { code: ErrorCode; message: string } {
  const { code, ours } = codedCause(err);
  const message =
    ours ??
    FIXED_MESSAGE[code] ??
    'Processing failed; operators can see the cause in the Temporal UI';
  return { code, message };
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
