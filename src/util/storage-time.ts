// Time spent in object storage by the current activity, so reports and benchmarks can split it
// from compute. Concurrent calls overlap: the clock counts wall time with at least one call in
// flight, never the sum of their durations, so it cannot exceed the activity's own time.
import { AsyncLocalStorage } from 'node:async_hooks';

interface StorageClock {
  ms: number;
  /** Storage calls running now. */
  inFlight: number;
  /** When `inFlight` last rose from 0. */
  since: number;
}

const scope = new AsyncLocalStorage<StorageClock>();

/**
 * Runs `body`, returning its result and the milliseconds during which at least one `timeStorage`
 * call within it was running.
 */
export async function withStorageClock<T>(
  body: () => Promise<T>,
): Promise<{ result: T; storageMs: number }> {
  const clock: StorageClock = { ms: 0, inFlight: 0, since: 0 };
  const result = await scope.run(clock, body);
  return { result, storageMs: Math.round(clock.ms) };
}

/** Charges the duration of a storage call to the enclosing `withStorageClock`, if any. */
export async function timeStorage<T>(call: () => Promise<T>): Promise<T> {
  const clock = scope.getStore();
  if (!clock) return call();
  if (clock.inFlight === 0) clock.since = performance.now();
  clock.inFlight += 1;
  try {
    return await call();
  } finally {
    clock.inFlight -= 1;
    if (clock.inFlight === 0) clock.ms += performance.now() - clock.since;
  }
}
