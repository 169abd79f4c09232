// How fetch failures become stable codes: permanent or retried, never quoting the URL.
import { describe, expect, it } from 'vitest';
import { filenameFromUrl } from '../../src/api/submit.js';
import { RedactifyError } from '../../src/errors.js';
import { httpStatusError, toFetchError } from '../../src/net/fetch-errors.js';

const errno = (code: string, message = `boom ${code} http://docs.example/secret?mrn=1`) =>
  Object.assign(new Error(message), { code });

describe('toFetchError', () => {
  it.each([
    ['ECONNREFUSED', 'URL_UNAVAILABLE', true],
    ['ECONNRESET', 'URL_UNAVAILABLE', true],
    ['UND_ERR_SOCKET', 'URL_UNAVAILABLE', true],
    ['EAI_AGAIN', 'URL_UNAVAILABLE', true],
    ['UND_ERR_CONNECT_TIMEOUT', 'URL_TIMEOUT', true],
    ['UND_ERR_HEADERS_TIMEOUT', 'URL_TIMEOUT', true],
    ['ENOTFOUND', 'URL_UNRESOLVED', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'URL_TLS_ERROR', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'URL_TLS_ERROR', false],
    ['CERT_HAS_EXPIRED', 'URL_TLS_ERROR', false],
    ['SOMETHING_NEW', 'URL_UNAVAILABLE', true],
  ])('%s → %s (retryable: %s)', (code, expected, retryable) => {
    const err = toFetchError(errno(code), false);
    expect([err.code, err.retryable]).toEqual([expected, retryable]);
    expect(err.message).not.toContain('docs.example');
    expect(err.cause).toBeUndefined();
  });

  it('finds the code on a cause, calls anything after the deadline a timeout, keeps ours', () => {
    const wrapped = new Error('fetch failed', { cause: errno('ECONNRESET') });
    expect(toFetchError(wrapped, false).code).toBe('URL_UNAVAILABLE');
    expect(toFetchError(new Error('aborted'), true).code).toBe('URL_TIMEOUT');
    const ours = new RedactifyError('URL_TOO_LARGE', 'x');
    expect(toFetchError(ours, true)).toBe(ours);
  });
});

describe('httpStatusError', () => {
  it.each([
    [404, 'URL_HTTP_ERROR', false],
    [403, 'URL_HTTP_ERROR', false],
    [304, 'URL_HTTP_ERROR', false],
    [408, 'URL_UNAVAILABLE', true],
    [429, 'URL_UNAVAILABLE', true],
    [500, 'URL_UNAVAILABLE', true],
    [503, 'URL_UNAVAILABLE', true],
  ])('HTTP %i → %s (retryable: %s)', (status, code, retryable) => {
    const err = httpStatusError(status);
    expect([err.code, err.retryable, err.message]).toEqual([
      code,
      retryable,
      `The server answered HTTP ${status}`,
    ]);
  });
});

describe('filenameFromUrl', () => {
  it('takes the last path segment, decoded, or a default', () => {
    expect(filenameFromUrl(new URL('https://d.example/a/scan%20one.tiff?x=1'))).toBe(
      'scan one.tiff',
    );
    expect(filenameFromUrl(new URL('https://d.example/a/b/'))).toBe('b');
    expect(filenameFromUrl(new URL('https://d.example/'))).toBe('document');
    expect(filenameFromUrl(new URL('https://d.example/%E0%A4%A'))).toBe('%E0%A4%A');
  });
});
