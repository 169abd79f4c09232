// The HTTP API: OpenAPI sub-apps mounted on one app with request ids, authentication, rate
// limits, the audit trail and one error envelope; the contract at /openapi.json and /docs.
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Logger } from '../log.js';
import { accessLog } from './access-log.js';
import { errorResponse, handleError, validationHook } from './errors.js';
import { requireKey } from './middleware/access.js';
import { auditTrail } from './middleware/audit.js';
import { clientContext } from './middleware/client.js';
import { requestId } from './middleware/request-id.js';
import { adminRoutes, auditRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { batchRoutes } from './routes/batches.js';
import { codecRoutes } from './routes/codec.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoutes } from './routes/metrics.js';
import { queueRoutes } from './routes/queue.js';
import { resultRoutes } from './routes/results.js';
import { reviewListRoutes, reviewRoutes } from './routes/reviews.js';
import { WEB_PATHS, webRoutes } from '../web/routes.js';
import type { ApiDeps, ApiEnv } from './types.js';

/** Paths answered without a key (besides registration, which has its own limit). */
export const OPEN_PATHS = [
  ...WEB_PATHS,
  '/health',
  '/health/ready',
  '/openapi.json',
  '/docs',
] as const;

/**
 * Builds the API. Tests call `app.request(…)` or serve it on a random port.
 *
 * @example serve({ fetch: createApp(deps, log).fetch, port: 8000 })
 */
export function createApp(deps: ApiDeps, log: Logger) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.use(requestId());
  app.use(accessLog({ log, metrics: deps.metrics }));
  app.use(clientContext({ trustProxy: deps.trustProxy, allowedHosts: deps.allowedHosts }));
  app.use(async function noSniff(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  });
  app.use('/v1/*', auditTrail(deps.access.accounts.store));
  app.use('/v1/*', requireKey(deps.access));

  app.route('/health', healthRoutes(deps));
  app.route('/metrics', metricsRoutes(deps));
  app.route('/v1/jobs', jobRoutes(deps));
  app.route('/v1/jobs', reviewRoutes(deps));
  app.route('/v1/reviews', reviewListRoutes(deps));
  app.route('/v1/results', resultRoutes(deps));
  app.route('/v1/batches', batchRoutes(deps));
  app.route('/v1/queue', queueRoutes(deps));
  app.route('/v1/auth', authRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/v1/audit', auditRoutes(deps));
  app.route('/codec', codecRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Redactify',
      version: '1',
      description:
        'Removes PHI from scanned documents and images. Every /v1 route but registration needs an API key (X-API-Key or Authorization: Bearer); errors are {error:{code,message,requestId}}.',
    },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
  app.route('/', webRoutes());

  app.notFound((c) => errorResponse(c, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));
  app.onError(handleError());
  return app;
}
