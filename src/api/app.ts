// The HTTP API: sub-apps mounted on one Hono app with request ids and one error envelope.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from '../log.js';
import { accessLog } from './access-log.js';
import { errorResponse, handleError } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoutes } from './routes/metrics.js';
import { queueRoutes } from './routes/queue.js';
import { resultRoutes } from './routes/results.js';
import type { ApiDeps, ApiEnv } from './types.js';

/**
 * Builds the API. Tests call `app.request(…)` or serve it on a random port.
 *
 * @example serve({ fetch: createApp(deps, log).fetch, port: 8000 })
 */
export function createApp(deps: ApiDeps, log: Logger) {
  const app = new Hono<ApiEnv>();
  app.use(requestId());
  app.use(accessLog({ log, metrics: deps.metrics }));
  app.route('/health', healthRoutes(deps));
  app.route('/metrics', metricsRoutes(deps));
  app.route('/v1/jobs', jobRoutes(deps));
  app.route('/v1/results', resultRoutes(deps));
  app.route('/v1/queue', queueRoutes(deps));
  app.notFound((c) => errorResponse(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));
  app.onError(handleError());
  return app;
}
