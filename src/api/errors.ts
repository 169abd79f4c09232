// The one place that renders every error as the shared envelope, with the code's HTTP status.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { ERROR_STATUS, RedactifyError, type ErrorCode } from '../errors.js';
import { errorFields } from '../util/failure.js';
import type { ApiEnv } from './types.js';

/** Renders an error envelope, and remembers its code for the audit log. */
export function errorResponse(
  c: Context<ApiEnv> | Context,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  const context = c as Context<ApiEnv>;
  context.set('errorCode', code);
  const status = ERROR_STATUS[code] as ContentfulStatusCode;
  return c.json(
    { error: { code, message, requestId: context.get('requestId'), ...details } },
    status,
    headers,
  );
}

/** Codes for the errors Hono itself raises (malformed JSON, a refused media type). */
const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The app's `onError`: known errors keep their code; anything else is a 500 without details,
 * logged by name and code only (a message may quote what was being parsed).
 */
export function handleError() {
  return function onError(err: Error, c: Context<ApiEnv>) {
    if (err instanceof RedactifyError) {
      return errorResponse(c, err.code, err.message, err.details, err.headers);
    }
    if (err instanceof HTTPException) {
      const code = HTTP_EXCEPTION_CODES[err.status];
      if (code) return errorResponse(c, code, err.message || 'Bad request');
    }
    c.var.log.error(errorFields(err), 'unhandled API error');
    return errorResponse(c, 'INTERNAL', 'Internal server error');
  };
}

/**
 * The `defaultHook` of every OpenAPI route: a request that fails its zod schema is answered with
 * the envelope, naming what is wrong (paths and zod's messages, never the submitted values).
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError },
  c: Context<ApiEnv>,
) {
  if (!result.success) {
    return errorResponse(c, 'VALIDATION_FAILED', z.prettifyError(result.error));
  }
  return undefined;
}
