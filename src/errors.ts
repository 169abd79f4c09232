// The one error type: a stable code shared by the API (HTTP envelope, status from one table) and
// the workflow (ApplicationFailure type).

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
  /** A video over MAX_VIDEO_BYTES (at submit, or when a URL input is fetched). */
  VIDEO_TOO_LARGE: 413,
  /** A video longer than MAX_VIDEO_SECONDS (job error). */
  VIDEO_TOO_LONG: 422,
  /** A video whose frames exceed MAX_VIDEO_FRAME_PIXELS (job error). */
  VIDEO_RESOLUTION_TOO_HIGH: 422,
  /** The input's kind is not handled by the requested operation (a video is `blur-faces` only). */
  OPERATION_NOT_SUPPORTED: 422,
  // request problems
  VALIDATION_FAILED: 400,
  UNKNOWN_PATTERN_PACK: 400,
  /** An `ocrEngine` this deployment has not configured (TESSERACT_BIN; AZURE_DI_ENDPOINT / KEY). */
  OCR_ENGINE_NOT_CONFIGURED: 400,
  /** An operation this deployment does not offer (ENABLED_OPERATIONS), or `remove-background`
   * without a BG_REMOVAL_ENGINE. */
  OPERATION_NOT_CONFIGURED: 400,
  /** An operation the account has no scope for (`ocr` returns PHI: an admin grants it). */
  OPERATION_NOT_ALLOWED: 403,
  /** Retired: URL submission is enabled. Kept so the code never changes meaning. */
  URL_INPUT_NOT_ENABLED: 501,
  /** A submitted URL refused before any job starts: scheme, credentials, port, a blocked literal IP. */
  URL_NOT_ALLOWED: 400,
  NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  JOB_NOT_COMPLETED: 409,
  /** No batch with this id among the caller's jobs. */
  BATCH_NOT_FOUND: 404,
  /** A batch's zip asked for before any of its jobs completed. */
  BATCH_NOT_COMPLETED: 409,
  /** The job completed longer than RESULT_TTL ago: its masked file, report and text are deleted. */
  RESULT_EXPIRED: 410,
  /** A review decision for a job that is not waiting for one (REVIEW_MODE=hold). */
  JOB_NOT_IN_REVIEW: 409,
  /** The job's flagged pages were rejected in review (or its review timed out) with REVIEW_REJECT_ACTION=fail. */
  REVIEW_REJECTED: 422,
  // fetching a URL input (job errors; the statuses only matter if the API ever answers with them)
  URL_BLOCKED: 403,
  URL_UNRESOLVED: 502,
  URL_HTTP_ERROR: 502,
  URL_TOO_MANY_REDIRECTS: 502,
  URL_TLS_ERROR: 502,
  URL_TOO_LARGE: 413,
  /** Retried with backoff; the job fails with it once the attempts are used up. */
  URL_TIMEOUT: 504,
  /** Retried with backoff: 5xx, 408, 429, refused or reset connections, DNS failures that may pass. */
  URL_UNAVAILABLE: 502,
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
  // background removal (remove-background jobs)
  /** The background-removal API refused the key (401/403): an operator must fix BG_REMOVAL_KEY. */
  BG_REMOVAL_AUTH: 502,
  /** The background-removal API refused this image (another 4xx, e.g. no subject found, no credits). */
  BG_REMOVAL_REJECTED: 422,
  /** Retried: the API throttled (429, after waiting its Retry-After), answered 5xx or was unreachable. */
  BG_REMOVAL_UNAVAILABLE: 502,
  /** The engine answered something that is not a PNG with an alpha channel. */
  BG_REMOVAL_BAD_OUTPUT: 502,
  /** The local model (BG_MODEL_PATH) cannot be loaded or does not take and give what it should. */
  BG_MODEL_INVALID: 500,
  // run-time problems
  /** The OCR engine refused its credentials (HTTP 401/403): the job fails, nothing is retried. */
  OCR_ENGINE_AUTH: 502,
  JOB_TERMINATED: 500,
  JOB_TIMED_OUT: 504,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface RedactifyErrorOptions {
  /**
   * A transient problem (a timeout, a server answering 503): the activity is retried with backoff,
   * and the code still names the problem if every attempt fails. Default: permanent.
   */
  retryable?: boolean;
  /** Extra fields of the API's error envelope (e.g. a job's `status`); never document text. */
  details?: Record<string, unknown>;
  /** Extra response headers when the API answers with it (e.g. Retry-After). */
  headers?: Record<string, string>;
}

/**
 * An explainable problem with a stable code, permanent unless `retryable`. The API answers it as
 * `{error:{code, message, requestId}}` with `ERROR_STATUS[code]`; an activity turns it into an
 * `ApplicationFailure` whose type is the code. Messages are written for people and must never
 * contain document text or a submitted URL (PHI).
 *
 * @example throw new RedactifyError('UNSUPPORTED_TYPE', 'SVG files are not supported');
 */
export class RedactifyError extends Error {
  override readonly name = 'RedactifyError';
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: RedactifyErrorOptions = {},
  ) {
    super(message);
    this.retryable = options.retryable ?? false;
    this.details = options.details;
    this.headers = options.headers;
  }
}

/** True for the codes this project defines, so foreign failure types are never echoed as ours. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
