// Stage timings in reports: storage time is wall time with a storage call in flight, so a stage's
// compute time (its own time minus storage) is never negative, even with concurrent calls.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { timeAndMapErrors } from '../../src/activities/time-and-map-errors.js';
import { addTiming } from '../../src/jobs/stage-timing.js';
import { timeStorage, withStorageClock } from '../../src/util/storage-time.js';

const storageCall = (ms: number) => timeStorage(() => sleep(ms));

describe('stage timing', () => {
  it('counts concurrent storage calls once, within the activity’s own time', async () => {
    // Four overlapping 40 ms calls: summed they would be 160 ms in a stage of about 40 ms.
    const timing = await timeAndMapErrors(async () => {
      await Promise.all([40, 40, 40, 40].map(storageCall));
      return {};
    });
    expect(timing.storageMs).toBeGreaterThanOrEqual(35);
    expect(timing.storageMs).toBeLessThanOrEqual(timing.ms);
    const timings = addTiming({}, 'detect', timing);
    expect(timings.detect).toBeGreaterThanOrEqual(0);
    expect((timings.detect ?? 0) + (timings.storage ?? 0)).toBe(timing.ms);
  });

  it('adds calls one after another, and leaves compute outside them to the stage', async () => {
    const { storageMs } = await withStorageClock(async () => {
      await storageCall(30);
      await sleep(30); // compute, not storage
      await storageCall(30);
    });
    expect(storageMs).toBeGreaterThanOrEqual(55);
    const timing = await timeAndMapErrors(async () => {
      await storageCall(20);
      await sleep(40);
      return {};
    });
    expect(addTiming({}, 'mask', timing).mask).toBeGreaterThanOrEqual(35);
  });

  it('counts a call that overlaps a running one only for the time it adds', async () => {
    const started = performance.now();
    const { storageMs } = await withStorageClock(async () => {
      const long = storageCall(60);
      await sleep(20);
      await storageCall(20); // inside the long call: the sum would be about 80 ms
      await long;
    });
    const elapsed = performance.now() - started;
    expect(storageMs).toBeGreaterThanOrEqual(55);
    expect(storageMs).toBeLessThanOrEqual(Math.ceil(elapsed));
  });

  it('never gives a stage negative time, whatever an activity reports', () => {
    const timings = addTiming({}, 'verify', { ms: 10, storageMs: 18 });
    expect(timings).toEqual({ verify: 0, storage: 18 });
  });
});
