// An activity's `log` (from @temporalio/activity) reaches the worker's pino logger through
// PinoTemporalLogger, labelled with the job, the activity and the attempt.
import { log as activityLog } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { JobIds } from '../../src/jobs/job-id.js';
import { activityEnvironment, runIn } from '../support/activity-env.js';
import { captureLog } from '../support/log-capture.js';

const JOB_ID = new JobIds('activity-log-test-secret-0123456789').mint();

describe('activity logging', () => {
  it('writes one pino line carrying the job, activity and attempt, without Temporal noise', async () => {
    const { log, records } = captureLog('worker', 'info');
    const environment = activityEnvironment(log, 'ocrPage', JOB_ID, { attempt: 3 });
    await runIn(
      environment,
      async (page: number) => {
        activityLog.warn('OCR timed out; the page will be masked whole', { page });
      },
      4,
    );
    // The SDK's own 'Activity started'/'completed' lines are below WARN and dropped.
    expect(records()).toEqual([
      {
        level: 'warn',
        time: expect.any(String),
        component: 'worker',
        msg: 'OCR timed out; the page will be masked whole',
        jobId: JOB_ID,
        activityId: 'test',
        activityType: 'ocrPage',
        attempt: 3,
        taskQueue: 'test',
        workflowRunId: expect.any(String),
        workflowType: 'test',
        sdkComponent: 'activity',
        page: 4,
      },
    ]);
  });

  it("names a page-range child's workflow beside its job", async () => {
    const { log, records } = captureLog('worker', 'info');
    const environment = activityEnvironment(log, 'detectPhi', `${JOB_ID}-pages-1`);
    await runIn(
      environment,
      async () => {
        activityLog.info('detected', { entities: 2 });
      },
      undefined,
    );
    expect(records()).toEqual([
      expect.objectContaining({
        msg: 'detected',
        jobId: JOB_ID,
        workflowId: `${JOB_ID}-pages-1`,
        entities: 2,
      }),
    ]);
  });

  it("logs a failing activity's error by its code, never its message", async () => {
    const { log, lines, records } = captureLog('worker', 'debug');
    const fail = (failure: ApplicationFailure) =>
      runIn(
        activityEnvironment(log, 'fetchSource', JOB_ID, {}, 'DEBUG'),
        async () => {
          throw failure;
        },
        undefined,
      ).catch((err: unknown) => err);
    const message = 'The file scan of Margaret Holloway.png could not be read';
    const permanent = ApplicationFailure.create({
      message,
      type: 'EMPTY_FILE',
      nonRetryable: true,
      category: ApplicationFailureCategory.BENIGN,
    });
    expect(await fail(permanent)).toBe(permanent);
    expect(await fail(ApplicationFailure.retryable(message, 'URL_TIMEOUT'))).toBeInstanceOf(
      ApplicationFailure,
    );
    const failed = records().filter((r) => r.msg === 'Activity failed');
    // A client's bad file is benign (DEBUG); a transient failure is a WARN.
    expect(failed.map((r) => [r.level, r.errorCode, r.jobId, r.activityType])).toEqual([
      ['debug', 'EMPTY_FILE', JOB_ID, 'fetchSource'],
      ['warn', 'URL_TIMEOUT', JOB_ID, 'fetchSource'],
    ]);
    expect(lines.join('')).not.toContain('Holloway');
  });
});
