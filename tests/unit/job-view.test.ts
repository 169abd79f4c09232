import { WorkflowFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  RetryState,
  TerminatedFailure,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { describeFailure, jobStatus } from '../../src/api/job-view.js';
import { summarise } from '../../src/api/routes/results.js';

const failed = (cause: Error) =>
  new WorkflowFailedError('failed', cause, RetryState.NON_RETRYABLE_FAILURE);
const activity = (cause: Error) =>
  new ActivityFailure(
    'failed',
    'fetchSource',
    '1',
    RetryState.NON_RETRYABLE_FAILURE,
    'worker',
    cause,
  );

describe('jobStatus', () => {
  it.each([
    ['RUNNING', { stage: 'queued', pagesDone: 0, pagesTotal: 0 }, 'queued'],
    ['RUNNING', null, 'queued'],
    ['RUNNING', { stage: 'redacting', pagesDone: 1, pagesTotal: 3 }, 'running'],
    ['COMPLETED', null, 'completed'],
    ['FAILED', null, 'failed'],
    ['TERMINATED', null, 'failed'],
    ['TIMED_OUT', null, 'failed'],
    ['CANCELLED', null, 'cancelled'],
  ] as const)('%s with progress %j is %s', (status, progress, expected) => {
    expect(jobStatus(status, progress)).toBe(expected);
  });
});

describe('describeFailure', () => {
  it('reports our own failure type and message from deep in the chain', () => {
    const cause = ApplicationFailure.nonRetryable(
      'The file is an SVG image, which is not supported',
      'UNSUPPORTED_TYPE',
    );
    expect(describeFailure(failed(activity(cause)))).toEqual({
      code: 'UNSUPPORTED_TYPE',
      message: 'The file is an SVG image, which is not supported',
    });
  });

  it('never echoes a foreign failure message, which could hold anything', () => {
    const foreign = ApplicationFailure.create({
      message: 'sharp: bad page for Jane Roe',
      type: 'Error',
    });
    expect(describeFailure(failed(activity(foreign)))).toEqual({
      code: 'INTERNAL',
      message: expect.not.stringContaining('Jane'),
    });
  });

  it('reports terminated runs', () => {
    expect(describeFailure(failed(new TerminatedFailure('by operator'))).code).toBe(
      'JOB_TERMINATED',
    );
  });
});

describe('results summary', () => {
  it('counts each status and unknown ids', () => {
    const view = (status: 'queued' | 'running' | 'completed') => ({
      id: 'x',
      status,
      progress: null,
      result: null,
      error: null,
    });
    expect(
      summarise([
        view('completed'),
        view('completed'),
        view('running'),
        { id: 'y', status: 'not_found' },
      ]),
    ).toEqual({
      queued: 0,
      running: 1,
      completed: 2,
      failed: 0,
      cancelled: 0,
      notFound: 1,
    });
  });
});
