// Authentication and the per-key request limit for every /v1 route but registration.
import type { MiddlewareHandler } from 'hono';
import { RedactifyError } from '../../errors.js';
import { ANONYMOUS, type Principal } from '../../access/accounts.js';
import { presentedKey } from '../../access/keys.js';
import { consume, rateLimitHeaders } from '../../access/rate-limits.js';
import type { AccessDeps, ApiEnv } from '../types.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

/** Paths under /v1 that need no key: registration is limited per client address instead. */
export const OPEN_V1_PATHS = new Set(['/v1/auth/register']);

/**
 * Sets `principal` or answers 401; then spends one request of the key's budget or answers 429.
 * A failed attempt spends one of the client address's budget, so guessing keys (and filling the
 * audit log with 401 rows) is limited too.
 */
export function requireKey({ accounts, limiters, mode }: AccessDeps): MiddlewareHandler<ApiEnv> {
  return async function authenticate(c, next) {
    if (OPEN_V1_PATHS.has(c.req.path)) return next();
    const refuse = async (message: string): Promise<never> => {
      const limit = await consume(limiters.requests, `ip:${c.get('clientIp')}`);
      if (!limit.allowed) {
        throw new RedactifyError(
          'RATE_LIMITED',
          'Too many failed attempts; retry after the window',
          {
            headers: rateLimitHeaders(limit),
          },
        );
      }
      throw new RedactifyError('UNAUTHORIZED', message, { headers: CHALLENGE });
    };
    let principal: Principal | undefined;
    if (mode === 'off') {
      principal = ANONYMOUS;
    } else {
      const presented = presentedKey({
        apiKey: c.req.header('x-api-key'),
        authorization: c.req.header('authorization'),
      });
      if (presented.kind === 'none') {
        return refuse('Send an API key as X-API-Key or Authorization: Bearer');
      }
      if (presented.kind === 'malformed') return refuse('The API key is malformed');
      principal = await accounts.authenticate(presented);
      if (!principal) return refuse('The API key is unknown or revoked');
    }
    c.set('principal', principal);
    const limit = await consume(limiters.requests, principal.keyId ?? `ip:${c.get('clientIp')}`);
    const headers = rateLimitHeaders(limit);
    if (!limit.allowed) {
      throw new RedactifyError('RATE_LIMITED', 'Too many requests; retry after the window', {
        headers,
      });
    }
    if (principal.keyId)
      await accounts.store.recordUse(principal.accountId, new Date().toISOString());
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/** Admin routes: a user key is known but not allowed (403, not 401). */
export function requireAdmin(): MiddlewareHandler<ApiEnv> {
  return async function checkAdmin(c, next) {
    if (!c.get('principal').admin)
      throw new RedactifyError('FORBIDDEN', 'This route needs an admin key');
    await next();
  };
}
