// One activity run alone in Temporal's MockActivityEnvironment, logging through the worker's adapter.
import type { Info } from '@temporalio/activity';
import type { LogLevel } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Logger } from '../../src/log.js';
import { PinoTemporalLogger } from '../../src/worker/temporal-logger.js';

/**
 * An environment whose activity runs as `activityType` of the workflow `workflowId` (a job id for
 * the job's own activities); its `log` lines reach `log` as the worker's `Runtime` logger writes
 * them (the SDK's own lines from `sdkMinLevel` up). Heartbeats are emitted as `'heartbeat'` events.
 */
export function activityEnvironment(
  log: Logger,
  activityType: string,
  workflowId: string,
  info: Partial<Info> = {},
  sdkMinLevel: LogLevel = 'WARN',
): MockActivityEnvironment {
  return new MockActivityEnvironment(
    {
      activityType,
      workflowExecution: { workflowId, runId: '0192f0a0-0000-7000-8000-000000000000' },
      ...info,
    },
    { logger: new PinoTemporalLogger(log, sdkMinLevel) },
  );
}

/** Runs `activity` with `input` in `environment` (`run` itself cannot infer the result type). */
export function runIn<A, R>(
  environment: MockActivityEnvironment,
  activity: (input: A) => Promise<R>,
  input: A,
): Promise<R> {
  return environment.run<[A], R, (input: A) => Promise<R>>(activity, input);
}

/** The heartbeat details `environment` emits from now on, in order. */
export function heartbeatsOf(environment: MockActivityEnvironment): unknown[] {
  const details: unknown[] = [];
  environment.on('heartbeat', (d: unknown) => details.push(d));
  return details;
}
