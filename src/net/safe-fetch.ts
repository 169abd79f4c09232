// Downloads a URL without SSRF: each hop checked, its name resolved once, that address pinned, time and size capped.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIPv6, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { RedactifyError } from '../errors.js';
import { fetchTimeout, httpStatusError, toFetchError } from './fetch-errors.js';
import { checkAddresses, checkUrl, type FetchTarget, type UrlPolicy } from './url-policy.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injected so tests never depend on real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (`/etc/hosts`, then DNS), as a connection would use it, all answers at once. */
export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

export interface SafeFetchOptions {
  policy: UrlPolicy;
  /** Per connection attempt. */
  connectTimeoutMs: number;
  /** For everything: every hop's resolution, connection and headers, and the whole body. */
  totalTimeoutMs: number;
  /** Redirects followed (each one checked like the first URL); one more is `URL_TOO_MANY_REDIRECTS`. */
  maxRedirects: number;
  /** Body size cap; a larger body is `URL_TOO_LARGE`. */
  maxBytes: number;
  resolve?: Resolver;
  /** PEM certificates trusted for https on top of Node's bundle (a hospital's own CA; tests' CA). */
  extraCa?: readonly string[];
}

/** A hop that passed every check, with the addresses its connection may use. */
export interface PinnedTarget extends FetchTarget {
  addresses: ResolvedAddress[];
}

/** What `safeFetch` hands to its consumer. */
export interface FetchedBody {
  /** The body as sent (no decoding), capped; a read error is thrown as a `RedactifyError`. */
  body: AsyncIterable<Buffer>;
  /** Redirects followed to get here. */
  redirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** `identity` only: a compressed body would need a second, decoded-size cap. */
const REQUEST_HEADERS = {
  accept: '*/*',
  'accept-encoding': 'identity',
  'user-agent': 'Redactify',
};

/**
 * Checks a URL with the policy, resolves its host once and checks every address. Throws
 * `URL_BLOCKED` (the URL or an address is not allowed), `URL_UNRESOLVED` (no such name), or a
 * retryable `URL_UNAVAILABLE` (the resolver failed). Connects nowhere.
 */
export async function resolveTarget(
  url: string | URL,
  options: Pick<SafeFetchOptions, 'policy' | 'resolve'>,
): Promise<PinnedTarget> {
  const checked = checkUrl(url, options.policy);
  if (!checked.ok)
    throw new RedactifyError('URL_BLOCKED', `The URL is not allowed: ${checked.reason}`);
  const { target } = checked;
  if (target.literalIp) {
    return {
      ...target,
      addresses: [{ address: target.literalIp, family: isIPv6(target.literalIp) ? 6 : 4 }],
    };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(target.hostname);
  } catch (err) {
    throw toFetchError(err, false);
  }
  const verdict = checkAddresses(
    target,
    addresses.map((a) => a.address),
  );
  if (!verdict.ok) {
    const code = addresses.length === 0 ? 'URL_UNRESOLVED' : 'URL_BLOCKED';
    throw new RedactifyError(code, `The URL is not allowed: ${verdict.reason}`);
  }
  return { ...target, addresses };
}

/**
 * A `lookup` for `net.connect` that answers with the checked addresses only, so the connection
 * goes where the check looked and a second DNS answer (rebinding) never matters.
 */
export function pinnedLookup(target: PinnedTarget): LookupFunction {
  return (hostname, options, callback) => {
    const [first] = target.addresses;
    if (hostname !== target.hostname || !first) {
      const err: NodeJS.ErrnoException = new Error('lookup of a host that was not checked');
      err.code = 'ENOTFOUND';
      callback(err, '');
      return;
    }
    if (options.all) callback(null, target.addresses);
    else callback(null, first.address, first.family);
  };
}

function pinnedAgent(target: PinnedTarget, options: SafeFetchOptions): Agent {
  return new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      lookup: pinnedLookup(target),
      ...(options.extraCa?.length ? { ca: [...rootCertificates, ...options.extraCa] } : {}),
    },
    headersTimeout: options.totalTimeoutMs,
    bodyTimeout: options.totalTimeoutMs,
    connections: 1,
  });
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Rejects when `signal` aborts first, for steps (DNS) that take no signal of their own. */
function beforeAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(fetchTimeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(fetchTimeout());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Fetches `url` with GET and hands its body to `consume`, following OWASP's SSRF prevention
 * guidance: http(s) on allowed ports only, no credentials; every hop's host resolved once and
 * each address checked against the blocked ranges (`FETCH_ALLOW_HOSTS` exempted), then the
 * connection pinned to those addresses; redirects followed by hand and checked like the first
 * URL; connect, total-time and size caps; no proxy, no cookies, no decoding. Every failure is a
 * `RedactifyError` with a stable code and a message that never contains the URL; an error thrown
 * by `consume` itself passes through unchanged.
 *
 * @example
 * const bytes = await safeFetch(url, options, async ({ body }) => {
 *   const chunks: Buffer[] = [];
 *   for await (const chunk of body) chunks.push(chunk);
 *   return Buffer.concat(chunks);
 * });
 */
export async function safeFetch<T>(
  url: string | URL,
  options: SafeFetchOptions,
  consume: (fetched: FetchedBody) => Promise<T>,
): Promise<T> {
  const signal = AbortSignal.timeout(options.totalTimeoutMs);
  let current: string | URL = url; // checked by resolveTarget, unparsable ones included
  for (let redirects = 0; ; redirects++) {
    const target = await beforeAbort(resolveTarget(current, options), signal);
    const agent = pinnedAgent(target, options);
    try {
      const response = await request(target.url, {
        dispatcher: agent,
        method: 'GET',
        headers: REQUEST_HEADERS,
        signal,
      }).catch((err: unknown) => {
        throw toFetchError(err, signal.aborted);
      });
      const status = response.statusCode;
      if (status < 200 || status >= 300) {
        discard(response.body);
        if (!REDIRECTS.has(status)) throw httpStatusError(status);
        if (redirects >= options.maxRedirects) {
          throw new RedactifyError(
            'URL_TOO_MANY_REDIRECTS',
            `The server redirected more than ${options.maxRedirects} times`,
          );
        }
        current = redirectTarget(header(response.headers, 'location'), target.url);
        continue;
      }
      const encoding = header(response.headers, 'content-encoding')?.trim().toLowerCase();
      if (encoding && encoding !== 'identity') {
        discard(response.body);
        throw new RedactifyError(
          'URL_HTTP_ERROR',
          'The server sent a compressed body although none was asked for',
        );
      }
      const declared = Number(header(response.headers, 'content-length') ?? NaN);
      if (declared > options.maxBytes) {
        discard(response.body);
        throw tooLarge(options.maxBytes);
      }
      let bodyFailure: RedactifyError | undefined;
      const body = cappedBody(
        response.body,
        options.maxBytes,
        signal,
        (err) => (bodyFailure = err),
      );
      try {
        return await consume({ body, redirects });
      } catch (err) {
        // A consumer that pipes the body on may wrap its error in one of its own.
        throw bodyFailure ?? err;
      }
    } finally {
      await agent.destroy();
    }
  }
}

function redirectTarget(location: string | undefined, base: URL): URL {
  if (!location)
    throw new RedactifyError('URL_HTTP_ERROR', 'The server redirected without a Location');
  try {
    return new URL(location, base);
  } catch {
    throw new RedactifyError('URL_HTTP_ERROR', 'The server redirected to an invalid URL');
  }
}

/** Drops a body unread; the connection goes with the agent. Destroying one emits an error nobody needs. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

const tooLarge = (maxBytes: number) =>
  new RedactifyError('URL_TOO_LARGE', `The document is larger than ${maxBytes} bytes`);

async function* cappedBody(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  signal: AbortSignal,
  onFailure: (err: RedactifyError) => void,
): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      yield chunk;
    }
  } catch (err) {
    const failure = toFetchError(err, signal.aborted);
    onFailure(failure);
    throw failure;
  }
}
