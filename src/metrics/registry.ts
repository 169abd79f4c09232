// One prom-client registry per process; every metric is in the `redactify_` namespace.
import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRIC_PREFIX = 'redactify_';

/**
 * A registry for one process. With `processMetrics` (the default) it also holds prom-client's
 * process and Node.js metrics (CPU, memory, event-loop lag, GC), prefixed like ours.
 */
export function createRegistry({ processMetrics = true }: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}
