// The optional bearer token that guards /metrics (METRICS_TOKEN) on the API and the worker.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an `Authorization` header may read the metrics: always when no token is configured,
 * otherwise only `Bearer <token>`, compared in constant time.
 */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined) {
  if (!token) return true;
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}
