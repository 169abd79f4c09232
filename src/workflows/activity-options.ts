// How every activity is run: long work heartbeats; transient failures retry with backoff.
import type { ActivityOptions } from '@temporalio/workflow';

export const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    maximumAttempts: 5,
  },
} as const satisfies ActivityOptions;
