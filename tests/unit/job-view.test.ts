import { WorkflowFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  RetryState,
  TerminatedFailure,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { jobFromExecution, jobStatus, type JobResult } from '../../src/api/job-view.js';
import { summariseResults } from '../../src/api/routes/results.js';
import type { RedactionResult } from '../../src/workflows/contract.js';
import { describeFailure } from '../../src/util/failure.js';

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

/** A TTL no test reaches. */
const NEVER = { resultTtlMs: Infinity, nowMs: Date.now() };

describe('jobFromExecution', () => {
  const run = (
    name: 'RUNNING' | 'COMPLETED' | 'FAILED',
    memo?: Record<string, unknown>,
    type = 'redactDocument',
  ) => ({ type, status: { code: 0, name }, memo });
  const summary: JobResult = {
    pages: 2,
    entitiesMasked: 14,
    byCategory: { NAME: 4 },
    processingMs: 1200,
    outputType: 'png',
    review: 'none',
    pagesFlagged: [],
  };
  const result: RedactionResult = {
    ...summary,
    outputKey: 'jobs/job-1/output.png',
    reportKey: 'jobs/job-1/report.json',
  };

  it('is not a job when the workflow is of another type (a child page-range workflow)', () => {
    expect(
      jobFromExecution('job-1-pages-1', run('RUNNING', {}, 'redactPages'), NEVER),
    ).toBeUndefined();
  });

  it('reads status and progress from the memo', () => {
    const progress = { stage: 'redacting', pagesDone: 1, pagesTotal: 2 };
    expect(jobFromExecution('job-1', run('RUNNING', { progress }), NEVER)).toEqual({
      view: { id: 'job-1', status: 'running', progress, result: null, error: null, review: null },
    });
    expect(jobFromExecution('job-1', run('RUNNING'), NEVER)?.view.status).toBe('queued');
  });

  it('is in review while a held run waits, with its pages and due time from the memo', () => {
    const progress = { stage: 'review', pagesDone: 2, pagesTotal: 2 };
    const pending = {
      pages: [{ index: 1, width: 800, height: 600, flags: ['residual-phi'] }],
      dueAtMs: Date.parse('2026-01-01T01:00:00Z'),
    };
    expect(
      jobFromExecution('job-1', run('RUNNING', { progress, review: pending }), NEVER)?.view,
    ).toMatchObject({
      status: 'review',
      review: { pages: pending.pages, dueAt: '2026-01-01T01:00:00.000Z' },
    });
    // Decided: the run assembles again, and the review is no longer shown.
    const assembling = { ...progress, stage: 'assembling' };
    expect(
      jobFromExecution('job-1', run('RUNNING', { progress: assembling, review: pending }), NEVER)
        ?.view,
    ).toMatchObject({ status: 'running', review: null });
  });

  it('reads a completed result from the memo, object keys kept out of the public view', () => {
    const job = jobFromExecution('job-1', run('COMPLETED', { result }), NEVER);
    expect(job?.result).toEqual(result);
    expect(job?.view).toMatchObject({ status: 'completed', error: null });
    expect(job?.view.result).toEqual(summary);
  });

  it('leaves what only the outcome holds empty: a failed error, a result missing from the memo', () => {
    expect(jobFromExecution('job-1', run('FAILED'), NEVER)?.view).toMatchObject({
      status: 'failed',
      error: null,
    });
    const done = jobFromExecution('job-1', run('COMPLETED'), NEVER);
    expect(done?.result).toBeUndefined();
    expect(done?.view).toMatchObject({ status: 'completed', result: null });
  });

  it('is expired once completed longer ago than the TTL: counts kept, object keys gone', () => {
    const closeTime = new Date('2026-01-01T00:00:00Z');
    const at = (nowMs: number) => ({ resultTtlMs: 30_000, nowMs });
    const completed = { ...run('COMPLETED', { result }), closeTime };
    const before = jobFromExecution('job-1', completed, at(closeTime.getTime() + 29_999));
    expect(before?.view.status).toBe('completed');
    const after = jobFromExecution('job-1', completed, at(closeTime.getTime() + 30_000));
    expect(after?.view).toMatchObject({ status: 'expired', result: summary });
    expect(after?.result).toBeUndefined();
    // Only completed jobs expire; a failed one keeps its error.
    const failedRun = { ...run('FAILED'), closeTime };
    expect(jobFromExecution('job-1', failedRun, at(Date.now()))?.view.status).toBe('failed');
  });

  it('expires an ocr job (unmasked text) after RESULT_TTL_OCR, a redaction after RESULT_TTL', () => {
    const closeTime = new Date('2026-01-01T00:00:00Z');
    const ttls = { resultTtlMs: 86_400_000, ocrResultTtlMs: 3_600_000 };
    const nowMs = closeTime.getTime() + 3_600_000;
    const ocr = { ...result, operation: 'ocr' as const, outputType: 'json' as const };
    const ocrRun = { ...run('COMPLETED', { result: ocr }), closeTime };
    expect(jobFromExecution('job-1', ocrRun, { ...ttls, nowMs })?.view.status).toBe('expired');
    expect(jobFromExecution('job-1', ocrRun, { ...ttls, nowMs: nowMs - 1 })?.view.status).toBe(
      'completed',
    );
    const redactRun = { ...run('COMPLETED', { result }), closeTime };
    expect(jobFromExecution('job-1', redactRun, { ...ttls, nowMs })?.view.status).toBe('completed');
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
      review: null,
    });
    expect(
      summariseResults([
        view('completed'),
        view('completed'),
        view('running'),
        { id: 'y', status: 'not_found' },
      ]),
    ).toEqual({
      queued: 0,
      running: 1,
      review: 0,
      completed: 2,
      failed: 0,
      cancelled: 0,
      expired: 0,
      notFound: 1,
    });
  });
});
