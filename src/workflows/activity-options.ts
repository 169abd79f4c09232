// How every activity is run: long work heartbeats; transient failures retry with backoff.
import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';

export const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  // A cancelled job waits for its activities to stop, so none writes after the clean-up.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  // Attempts over about 2.5 minutes (1, 2, 4, 8, 16 s, then every 30 s), so a job outlives a
  // restart of the object store or of Temporal; a slow URL has a budget of its own (fetch-source.ts).
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 10,
  },
} as const satisfies ActivityOptions;

/**
 * Deleting a job's intermediates: retried for a few minutes (a store restarting), then given up
 * without failing the job — the sweep deletes what is left once the results expire.
 */
export const CLEANUP_OPTIONS = {
  startToCloseTimeout: '1m',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 10,
  },
} as const satisfies ActivityOptions;

/** The sweep lists and deletes many jobs, heartbeating after each. */
export const SWEEP_OPTIONS = {
  ...ACTIVITY_OPTIONS,
  startToCloseTimeout: '1h',
} as const satisfies ActivityOptions;
