// Bounded fan-out, hand-written (a dozen lines) because workflow code uses it too: it must stay
// deterministic, with no timers and no Node APIs, which a dependency would have to promise in
// every future version.

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep input order.
 * After the first rejection no new call starts, and the map rejects with it once the calls in
 * flight have settled: a workflow that cleans up after a failure or a cancellation does so only
 * when no activity of the map is still writing.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
  return results;
}
