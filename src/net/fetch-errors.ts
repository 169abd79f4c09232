// How a failed URL fetch is reported: a stable code, transient or permanent, and a message without the URL.
import { RedactifyError } from '../errors.js';

/** Connection-level error codes (Node, undici) that may pass if the fetch is tried again. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/** DNS answers that say the name does not exist: trying again will not help. */
const NO_SUCH_NAME_CODES = new Set(['ENOTFOUND', 'ENODATA']);

const codeOf = (err: unknown): string | undefined => {
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
};

/** True for Node's and OpenSSL's certificate and handshake codes (ERR_TLS_*, CERT_*, *_SELF_SIGNED_*). */
const isTlsCode = (code: string) =>
  code.startsWith('ERR_TLS_') ||
  code.startsWith('ERR_SSL_') ||
  code.includes('CERT') ||
  code.includes('SELF_SIGNED') ||
  code.includes('UNABLE_TO_VERIFY');

/**
 * Turns whatever a fetch threw into a `RedactifyError`. Ours pass through; a timeout is
 * `URL_TIMEOUT` and connection trouble `URL_UNAVAILABLE` (both retried); a certificate problem is
 * `URL_TLS_ERROR` and a name that does not exist `URL_UNRESOLVED` (permanent). Any other error is
 * treated as transient. The original error is dropped: its message may quote the URL or the host.
 */
export function toFetchError(err: unknown, timedOut: boolean): RedactifyError {
  if (err instanceof RedactifyError) return err;
  if (timedOut) return fetchTimeout();
  const code = codeOf(err);
  if (code && TIMEOUT_CODES.has(code)) return fetchTimeout();
  if (code && NO_SUCH_NAME_CODES.has(code)) {
    return new RedactifyError('URL_UNRESOLVED', 'The URL’s host name does not exist');
  }
  if (code && isTlsCode(code)) {
    return new RedactifyError(
      'URL_TLS_ERROR',
      `The server’s TLS certificate was refused (${code})`,
    );
  }
  if (code && TRANSIENT_CODES.has(code)) {
    return new RedactifyError('URL_UNAVAILABLE', `The connection to the server failed (${code})`, {
      retryable: true,
    });
  }
  return new RedactifyError('URL_UNAVAILABLE', 'The download failed', { retryable: true });
}

/** The fetch took longer than its connect or total time limit; retried. */
export const fetchTimeout = () =>
  new RedactifyError('URL_TIMEOUT', 'The server did not answer in time', { retryable: true });

/**
 * Judges an HTTP status that is neither a success nor a redirect: 5xx, 408 and 429 are worth
 * retrying (`URL_UNAVAILABLE`); any other is `URL_HTTP_ERROR`, permanent.
 */
export function httpStatusError(status: number): RedactifyError {
  const message = `The server answered HTTP ${status}`;
  if (status >= 500 || status === 408 || status === 429) {
    return new RedactifyError('URL_UNAVAILABLE', message, { retryable: true });
  }
  return new RedactifyError('URL_HTTP_ERROR', message);
}
