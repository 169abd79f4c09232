// One error type for HTTP handlers and one place that renders every error as the shared envelope.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { errorFields } from '../util/failure.js';
import type { ApiEnv } from './types.js';

/** An error answered as `{error:{code, message, requestId}}` with the code's HTTP status. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Renders an error envelope. */
export function errorResponse(
  c: Context<ApiEnv> | Context,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  const status = ERROR_STATUS[code] as ContentfulStatusCode;
  return c.json(
    { error: { code, message, requestId: (c as Context<ApiEnv>).get('requestId'), ...details } },
    status,
  );
}

/**
 * The app's `onError`: known errors keep their code; anything else is a 500 without details,
 * logged by name and code only (a message may quote what was being parsed).
 */
export function handleError() {
  return function onError(err: Error, c: Context<ApiEnv>) {
    if (err instanceof AppError) return errorResponse(c, err.code, err.message, err.details);
    c.var.log.error(errorFields(err), 'unhandled API error');
    return errorResponse(c, 'INTERNAL', 'Internal server error');
  };
}
