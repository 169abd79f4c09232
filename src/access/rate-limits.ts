// Rate limits with rate-limiter-flexible: in memory for a single node (SQLite mode), in PostgreSQL
// when the store is shared, so a limit holds across API replicas.
import type pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

export interface RateLimitSettings {
  /** Requests per key per window. */
  requests: number;
  windowSeconds: number;
  /** Upload bytes per key per window. */
  uploadBytes: number;
  /** Registrations per client address per registration window. */
  registrations: number;
  registrationWindowSeconds: number;
}

export interface Limiters {
  requests: RateLimiterAbstract;
  uploads: RateLimiterAbstract;
  registrations: RateLimiterAbstract;
}

/** One limit's state after a request: what the RateLimit-* headers say. */
export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** The three limiters; with `pool`, in one PostgreSQL table (created if missing). */
export async function createLimiters(
  settings: RateLimitSettings,
  pool?: pg.Pool,
): Promise<Limiters> {
  const specs = {
    requests: { points: settings.requests, duration: settings.windowSeconds },
    uploads: { points: settings.uploadBytes, duration: settings.windowSeconds },
    registrations: {
      points: settings.registrations,
      duration: settings.registrationWindowSeconds,
    },
  };
  const limiters: Partial<Limiters> = {};
  // One after the other: each creates the shared table if it is missing.
  for (const [name, spec] of Object.entries(specs) as Array<
    [keyof Limiters, (typeof specs)['requests']]
  >) {
    limiters[name] = pool
      ? await new Promise<RateLimiterAbstract>((resolve, reject) => {
          const limiter: RateLimiterPostgres = new RateLimiterPostgres(
            {
              ...spec,
              storeClient: pool,
              storeType: 'pool',
              tableName: 'rate_limits',
              keyPrefix: name,
              clearExpiredByTimeout: name === 'requests',
            },
            (err?: unknown) => (err ? reject(toError(err)) : resolve(limiter)),
          );
        })
      : new RateLimiterMemory({ ...spec, keyPrefix: name });
  }
  return limiters as Limiters;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Takes `points` (1 request, or n bytes) from `key`'s budget. A refused request costs nothing
 * more; a store failure is thrown, not treated as allowed.
 */
export async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  points = 1,
): Promise<LimitDecision> {
  try {
    return decision(limiter, await limiter.consume(key, points), true);
  } catch (err) {
    if (err instanceof RateLimiterRes) return decision(limiter, err, false);
    throw err;
  }
}

function decision(
  limiter: RateLimiterAbstract,
  res: RateLimiterRes,
  allowed: boolean,
): LimitDecision {
  return {
    allowed,
    limit: limiter.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** The IETF RateLimit headers, and Retry-After when refused. */
export function rateLimitHeaders(d: LimitDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': String(d.resetSeconds),
    ...(!d.allowed && { 'Retry-After': String(d.resetSeconds) }),
  };
}
