// failureCode (workflows, logs, metrics) and describeFailure (the API) read one failure chain alike.
import { WorkflowFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  RetryState,
  TerminatedFailure,
  TimeoutFailure,
  TimeoutType,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { RedactifyError } from '../../src/errors.js';
import { describeFailure, errorFields, failureCode } from '../../src/util/failure.js';

const failed = (cause: Error) =>
  new WorkflowFailedError('failed', cause, RetryState.NON_RETRYABLE_FAILURE);
const activity = (cause: Error) =>
  new ActivityFailure('failed', 'splitPages', '1', RetryState.NON_RETRYABLE_FAILURE, 'w', cause);
const child = (cause: Error) =>
  new ChildWorkflowFailure(
    'default',
    { workflowId: 'job-x-pages-1', runId: 'r' },
    'redactPageRange',
    RetryState.NON_RETRYABLE_FAILURE,
    cause,
  );

const GENERIC = 'Processing failed; operators can see the cause in the Temporal UI';

const CHAINS: Array<[name: string, err: unknown, code: string, message: string]> = [
  [
    'our failure type, under a child workflow',
    failed(
      child(
        activity(ApplicationFailure.nonRetryable('The document has 51 pages', 'TOO_MANY_PAGES')),
      ),
    ),
    'TOO_MANY_PAGES',
    'The document has 51 pages',
  ],
  [
    'our error before it crossed a boundary',
    new RedactifyError('EMPTY_FILE', 'The file is empty'),
    'EMPTY_FILE',
    'The file is empty',
  ],
  [
    'a termination',
    failed(new TerminatedFailure('by operator Jane Roe')),
    'JOB_TERMINATED',
    'The job was terminated by an operator',
  ],
  [
    'an activity timeout',
    failed(activity(new TimeoutFailure('timed out', undefined, TimeoutType.START_TO_CLOSE))),
    'JOB_TIMED_OUT',
    'The job timed out',
  ],
  [
    'a foreign failure type',
    failed(
      activity(ApplicationFailure.create({ message: 'bad page for Jane Roe', type: 'Error' })),
    ),
    'INTERNAL',
    GENERIC,
  ],
  ['no error at all', undefined, 'INTERNAL', GENERIC],
];

describe('failureCode and describeFailure', () => {
  it.each(CHAINS)('agree on %s', (_name, err, code, message) => {
    expect(failureCode(err)).toBe(code);
    expect(describeFailure(err)).toEqual({ code, message });
    expect(errorFields(err).errorCode).toBe(code);
  });

  it('take the first coded failure in the chain, as the workflow reported it', () => {
    const inner = ApplicationFailure.nonRetryable('The file is empty', 'EMPTY_FILE');
    const outer = ApplicationFailure.create({
      message: 'The document is corrupt',
      type: 'CORRUPT_INPUT',
      cause: inner,
    });
    expect(describeFailure(failed(outer))).toEqual({
      code: 'CORRUPT_INPUT',
      message: 'The document is corrupt',
    });
  });
});
