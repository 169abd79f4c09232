import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/util/concurrency.js';

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps input order', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('rejects with the first error', async () => {
    await expect(
      mapBounded([1, 2, 3], 3, async (n) => (n === 2 ? Promise.reject(new Error('boom')) : n)),
    ).rejects.toThrow('boom');
  });

  it('starts nothing after a rejection, and rejects only once the calls in flight settled', async () => {
    const started: number[] = [];
    let slowDone = false;
    const run = mapBounded([1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('first');
      await new Promise((r) => setTimeout(r, 30));
      slowDone = true;
      return n;
    });
    await expect(run).rejects.toThrow('first');
    expect(slowDone).toBe(true);
    expect(started).toEqual([1, 2]);
  });

  it('handles an empty list', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});
