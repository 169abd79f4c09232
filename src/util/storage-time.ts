// Time spent in object storage by the current activity, so benchmarks can split it from compute.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ ms: number }>();

/** Runs `body`, returning its result and the milliseconds spent in `timeStorage` calls within it. */
export async function withStorageClock<T>(
  body: () => Promise<T>,
): Promise<{ result: T; storageMs: number }> {
  const clock = { ms: 0 };
  const result = await scope.run(clock, body);
  return { result, storageMs: Math.round(clock.ms) };
}

/** Charges the duration of a storage call to the enclosing `withStorageClock`, if any. */
export async function timeStorage<T>(call: () => Promise<T>): Promise<T> {
  const clock = scope.getStore();
  if (!clock) return call();
  const started = performance.now();
  try {
    return await call();
  } finally {
    clock.ms += performance.now() - started;
  }
}
