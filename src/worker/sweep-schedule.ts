// The Temporal Schedule that runs the result sweep, created (or brought up to date) at worker start.
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleHandle,
} from '@temporalio/client';
import type { sweepExpiredResults } from '../workflows/index.js';

/** One schedule per namespace: every worker ensures the same one. */
export const SWEEP_SCHEDULE_ID = 'redactify-result-sweep';

export interface SweepScheduleOptions {
  taskQueue: string;
  /** RESULT_TTL. */
  ttlMs: number;
  /** RESULT_TTL_OCR (RESULT_TTL when absent). */
  ocrTtlMs?: number;
  /** How often the sweep runs (RESULT_SWEEP_INTERVAL). */
  intervalMs: number;
  /** Tests give each schedule its own id. */
  scheduleId?: string;
}

/**
 * Creates the sweep schedule, or updates it to these settings when it exists already, so workers
 * starting at once, or again with a new RESULT_TTL, leave one schedule with the latest settings.
 * A sweep still running when the next is due makes the next one skip.
 */
export async function ensureSweepSchedule(
  client: Client,
  {
    taskQueue,
    ttlMs,
    ocrTtlMs = ttlMs,
    intervalMs,
    scheduleId = SWEEP_SCHEDULE_ID,
  }: SweepScheduleOptions,
): Promise<ScheduleHandle> {
  const settings = {
    spec: { intervals: [{ every: intervalMs }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'sweepExpiredResults',
      workflowId: `${scheduleId}-run`,
      taskQueue,
      args: [{ ttlMs, ocrTtlMs }] as Parameters<typeof sweepExpiredResults>,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
  };
  try {
    return await client.schedule.create({ scheduleId, ...settings });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(scheduleId);
  await handle.update((previous) => ({
    ...settings,
    state: { paused: previous.state.paused, note: previous.state.note },
  }));
  return handle;
}
