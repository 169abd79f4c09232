// Bounded fan-out, hand-written (a dozen lines) because workflow code uses it too: it must stay
// deterministic, with no timers and no Node APIs, which a dependency would have to promise in
// every future version.

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep input order.
 * The first rejection rejects the whole map (calls already started still finish).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
