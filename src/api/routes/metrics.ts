// GET /metrics: the API's Prometheus metrics, behind METRICS_TOKEN when one is set.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { metricsAuthorized } from '../../metrics/token.js';
import { RedactifyError } from '../../errors.js';
import { errorResponses } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';

const getMetrics = createRoute({
  method: 'get',
  path: '/',
  tags: ['operations'],
  summary: 'Prometheus metrics (text exposition format)',
  description: 'Open unless METRICS_TOKEN is set; then send `Authorization: Bearer <token>`.',
  responses: {
    200: {
      description: 'Metrics in the Prometheus text format',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...errorResponses('UNAUTHORIZED', 'INTERNAL'),
  },
});

/** The metrics sub-app, mounted at `/metrics`. */
export function metricsRoutes(deps: Pick<ApiDeps, 'metrics' | 'metricsToken'>) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(getMetrics, async (c) => {
    if (!metricsAuthorized(c.req.header('authorization'), deps.metricsToken)) {
      throw new RedactifyError('UNAUTHORIZED', 'Send Authorization: Bearer <METRICS_TOKEN>');
    }
    const { registry } = deps.metrics;
    return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
  return app;
}
