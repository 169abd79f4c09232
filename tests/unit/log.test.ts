// pino's configuration (JSON lines, redacted key headers) and Temporal's logs through the adapter.
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { JobIds } from '../../src/jobs/job-id.js';
import { PinoTemporalLogger, temporalLogFields } from '../../src/worker/temporal-logger.js';
import { captureLog } from '../support/log-capture.js';

const JOB_ID = new JobIds('unit-test-secret-0123456789').mint();
const PHI = 'Zebulon Quixotehawk';

describe('createLogger', () => {
  it('writes one JSON object per line with level name, time, component and child bindings', () => {
    const { log, records } = captureLog('api', 'info');
    log.child({ requestId: 'r-1' }).info({ status: 202 }, 'request');
    log.debug('hidden below the level');
    expect(records()).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        component: 'api',
        requestId: 'r-1',
        status: 202,
        msg: 'request',
      },
    ]);
  });

  it('censors API keys, bearer tokens and cookies wherever request headers are logged', () => {
    const { log, lines, records } = captureLog();
    const headers = {
      'x-api-key': 'rk_live_secret1',
      authorization: 'Bearer rk_live_secret2',
      cookie: 'session=secret3',
      'content-type': 'image/png',
    };
    log.info({ req: { headers } }, 'incoming');
    log.info({ headers }, 'outgoing');
    expect(lines.join('')).not.toMatch(/secret[123]/);
    const [first, second] = records();
    expect(first?.req).toEqual({
      headers: {
        'x-api-key': '[redacted]',
        authorization: '[redacted]',
        cookie: '[redacted]',
        'content-type': 'image/png',
      },
    });
    expect(second?.headers).toMatchObject({ 'x-api-key': '[redacted]' });
  });
});

describe('Temporal logs through PinoTemporalLogger', () => {
  const corrupt = () =>
    new ActivityFailure(
      'Activity task failed',
      'splitPages',
      '2',
      RetryState.NON_RETRYABLE_FAILURE,
      undefined,
      ApplicationFailure.nonRetryable(`cannot decode the page of ${PHI}`, 'CORRUPT_INPUT'),
    );

  it('writes a failure as one line with its code and type, without message or stack', () => {
    const { log, lines, records } = captureLog();
    new PinoTemporalLogger(log).warn('Activity failed', {
      sdkComponent: 'worker',
      error: corrupt(),
      durationMs: 12,
      taskToken: 'CiQ0…',
      namespace: 'default',
      workflowId: JOB_ID,
      activityType: 'splitPages',
      attempt: 1,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(PHI);
    expect(lines[0]).not.toContain(' at ');
    expect(records()[0]).toMatchObject({
      level: 'warn',
      msg: 'Activity failed',
      errorCode: 'CORRUPT_INPUT',
      errorName: 'ActivityFailure',
      errorType: 'CORRUPT_INPUT',
      jobId: JOB_ID,
      activityType: 'splitPages',
      attempt: 1,
      durationMs: 12,
    });
    expect(records()[0]).not.toHaveProperty('taskToken');
    expect(records()[0]).not.toHaveProperty('workflowId');
  });

  it("keeps a page-range child's workflow id beside the job id", () => {
    expect(temporalLogFields({ workflowId: `${JOB_ID}-pages-2` })).toEqual({
      jobId: JOB_ID,
      workflowId: `${JOB_ID}-pages-2`,
    });
    expect(temporalLogFields({ workflowId: 'not-a-job' })).toEqual({ workflowId: 'not-a-job' });
    // A job id of the old shape, without its tag, is not taken for a job's.
    const untagged = JOB_ID.slice(0, -17);
    expect(temporalLogFields({ workflowId: untagged })).toEqual({ workflowId: untagged });
  });

  it("drops the SDK's own messages below WARN but keeps our activities' INFO", () => {
    const { log, records } = captureLog('worker', 'info');
    const temporal = new PinoTemporalLogger(log);
    temporal.info('Worker state changed', { sdkComponent: 'worker' });
    temporal.debug('Activity started', { sdkComponent: 'worker' });
    temporal.info('PHI still readable after masking; masking it too', {
      sdkComponent: 'activity',
      page: 0,
    });
    temporal.error('Core error', { sdkComponent: 'core' });
    expect(records().map((r) => [r.level, r.msg])).toEqual([
      ['info', 'PHI still readable after masking; masking it too'],
      ['error', 'Core error'],
    ]);
  });

  it("demotes the SDK's 'Workflow failed' (the job sink logs the end with its code)", () => {
    const { log, records } = captureLog('worker', 'info');
    const temporal = new PinoTemporalLogger(log);
    temporal.warn('Workflow failed', { sdkComponent: 'worker', error: new Error('copied') });
    expect(records()).toEqual([]);
    const verbose = captureLog('worker', 'debug');
    new PinoTemporalLogger(verbose.log, 'DEBUG').warn('Workflow failed', {
      sdkComponent: 'worker',
      error: new Error(`copied ${PHI}`),
    });
    expect(verbose.records()).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'Workflow failed', errorCode: 'INTERNAL' }),
    ]);
    expect(verbose.lines.join('')).not.toContain(PHI);
  });
});
