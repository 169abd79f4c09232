// One access line and one latency sample per request; handlers log through `c.var.log`.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../log.js';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import type { ApiEnv } from './types.js';

/** Routes polled by machines every few seconds: their lines are DEBUG, not INFO. */
const PROBES = new Set(['/health', '/health/ready', '/metrics']);

export interface AccessLogOptions {
  log: Logger;
  metrics: ApiMetrics;
}

/**
 * Gives each request a child logger with its request id (`c.var.log`; middleware that learns
 * more, such as the account, replaces it with a child of its own), and after the response writes
 * one line with method, route pattern, status and duration. The route is the pattern
 * (`/v1/jobs/:id`), never the path or its query string, so no id or search term reaches the
 * log or the metric labels. Mount it after `requestId()`.
 */
export function accessLog({ log, metrics }: AccessLogOptions): MiddlewareHandler<ApiEnv> {
  return async function accessLog(c, next) {
    const started = performance.now();
    c.set('log', log.child({ requestId: c.get('requestId') }));
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c, -1);
    const { method } = c.req;
    const { status } = c.res;
    metrics.httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
    const level = PROBES.has(route) ? 'debug' : 'info';
    c.var.log[level]({ method, route, status, durationMs: Math.round(seconds * 1000) }, 'request');
  };
}
