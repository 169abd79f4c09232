// Liveness and readiness. Readiness asks Temporal and the object store, each with a deadline.
import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../types.js';

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: ApiDeps) {
  const app = new Hono<ApiEnv>();
  app.get('/', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    const [temporal, storage] = await Promise.all([
      check(() => deps.temporal.workflowService.getSystemInfo({})),
      check(() => deps.store.ping()),
    ]);
    const ready = temporal === 'ok' && storage === 'ok';
    return c.json(
      { status: ready ? 'ready' : 'unavailable', components: { temporal, storage } },
      ready ? 200 : 503,
    );
  });
  return app;
}
