// Where a request comes from and where it was addressed: the client's address for limits and the
// audit log, and an optional Host check against DNS rebinding.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { RedactifyError } from '../../errors.js';
import type { ApiEnv } from '../types.js';

/**
 * The client's address: the socket's peer, or with `trustProxy` the first X-Forwarded-For entry
 * (set by the proxy in front; never trust it without one). `unknown` without a socket (tests
 * calling `app.request`).
 */
export function clientAddress(c: Context<ApiEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The host name of a Host header value, without its port, in lower case. */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.replace(/:\d+$/, '');
}

/** Sets `clientIp`; refuses a Host not in `allowedHosts` (when any are configured). */
export function clientContext(options: {
  trustProxy: boolean;
  allowedHosts: readonly string[];
}): MiddlewareHandler<ApiEnv> {
  const allowed = new Set(options.allowedHosts.map(hostName));
  return async function identifyClient(c, next) {
    c.set('clientIp', clientAddress(c, options.trustProxy));
    if (allowed.size > 0 && !allowed.has(hostName(c.req.header('host') ?? ''))) {
      throw new RedactifyError('HOST_NOT_ALLOWED', 'This host name is not served here');
    }
    await next();
  };
}
