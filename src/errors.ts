// Stable error codes shared by the API (HTTP envelope) and the workflow (ApplicationFailure type).

/**
 * Every code a client or operator can see, with the HTTP status it maps to.
 * Codes are part of the public contract: add new ones, never rename.
 */
export const ERROR_STATUS = {
  // input problems, known at submit or found by the workflow
  EMPTY_FILE: 400,
  UNSUPPORTED_TYPE: 415,
  CORRUPT_INPUT: 422,
  ENCRYPTED_PDF: 422,
  NO_PAGES: 422,
  TOO_MANY_PAGES: 422,
  PAGE_TOO_LARGE: 422,
  DOCUMENT_TOO_LARGE: 422,
  UPLOAD_TOO_LARGE: 413,
  // request problems
  VALIDATION_FAILED: 400,
  UNKNOWN_PATTERN_PACK: 400,
  URL_INPUT_NOT_ENABLED: 501,
  NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  JOB_NOT_COMPLETED: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  HOST_NOT_ALLOWED: 421,
  // access
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  REGISTRATION_CLOSED: 403,
  EMAIL_TAKEN: 409,
  KEY_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  // run-time problems
  JOB_TERMINATED: 500,
  JOB_TIMED_OUT: 504,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A permanent, explainable problem with a stable code. Messages are written for people and must
 * never contain document text (PHI).
 *
 * @example throw new RedactifyError('UNSUPPORTED_TYPE', 'SVG files are not supported');
 */
export class RedactifyError extends Error {
  override readonly name = 'RedactifyError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for the codes this project defines, so foreign failure types are never echoed as ours. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
