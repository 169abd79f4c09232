// Liveness and readiness. Readiness asks Temporal and the object store, each with a deadline.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { json } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';

const CHECK_TIMEOUT_MS = 2_000;

/** Runs `probe` under a deadline it is handed as a signal; late or failed means unavailable. */
async function check(probe: (signal: AbortSignal) => Promise<unknown>) {
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const deadline = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
  try {
    await Promise.race([probe(signal), deadline]);
    return 'ok' as const;
  } catch {
    return 'unavailable' as const;
  }
}

const ZComponent = z.enum(['ok', 'unavailable']);
const ZReadiness = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    components: z.object({ temporal: ZComponent, storage: ZComponent }),
  })
  .openapi('Readiness');

export function healthRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Liveness',
      responses: { 200: json(z.object({ status: z.literal('ok') }), 'The process answers') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      summary: 'Readiness: Temporal and the object store answer',
      responses: {
        200: json(ZReadiness, 'Ready'),
        503: json(ZReadiness, 'A component does not answer'),
      },
    }),
    async (c) => {
      const [temporal, storage] = await Promise.all([
        // The signal cancels the gRPC call too; the store's client takes none, so it is only raced.
        check((signal) =>
          deps.temporal.withAbortSignal(signal, () =>
            deps.temporal.workflowService.getSystemInfo({}),
          ),
        ),
        check(() => deps.store.ping()),
      ]);
      const body = { components: { temporal, storage } };
      return temporal === 'ok' && storage === 'ok'
        ? c.json({ status: 'ready' as const, ...body }, 200)
        : c.json({ status: 'unavailable' as const, ...body }, 503);
    },
  );
  return app;
}
