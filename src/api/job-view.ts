// A job as clients see it, read from Temporal: status, progress, result summary or error.
import {
  WorkflowFailedError,
  type Client,
  type WorkflowExecutionStatusName,
} from '@temporalio/client';
import {
  ApplicationFailure,
  TerminatedFailure,
  TimeoutFailure,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { isErrorCode, type ErrorCode } from '../errors.js';
import {
  PROGRESS_MEMO_KEY,
  RESULT_MEMO_KEY,
  WORKFLOW_TYPE,
  type JobProgress,
  type RedactionResult,
} from '../shared.js';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The public result: the workflow result without internal object keys. */
export type JobResult = Omit<RedactionResult, 'outputKey' | 'reportKey'>;

export interface JobView {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  result: JobResult | null;
  error: { code: ErrorCode; message: string } | null;
}

/** Maps a Temporal execution status (and whether the run has started) to the job status. */
export function jobStatus(
  status: WorkflowExecutionStatusName,
  progress: JobProgress | null,
): JobStatus {
  switch (status) {
    case 'COMPLETED':
      return 'completed';
    case 'FAILED':
    case 'TERMINATED':
    case 'TIMED_OUT':
      return 'failed';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return !progress || progress.stage === 'queued' ? 'queued' : 'running';
  }
}

/**
 * Explains a failed run with a stable code. Only our own failure types carry their message,
 * because ours are written without document text; anything else gets a generic one.
 */
export function describeFailure(err: unknown): { code: ErrorCode; message: string } {
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
      return { code: cause.type, message: cause.message };
    }
    if (cause instanceof TerminatedFailure) {
      return { code: 'JOB_TERMINATED', message: 'The job was terminated by an operator' };
    }
    if (cause instanceof TimeoutFailure) {
      return { code: 'JOB_TIMED_OUT', message: 'The job timed out' };
    }
  }
  return {
    code: 'INTERNAL',
    message: 'Processing failed; operators can see the cause in the Temporal UI',
  };
}

/** A job as read from Temporal: the public view, and the full result (with object keys) if done. */
export interface Job {
  view: JobView;
  result?: RedactionResult;
}

/** Reads one job, or `undefined` when no job has that id. */
export async function getJob(temporal: Client, id: string): Promise<Job | undefined> {
  const handle = temporal.workflow.getHandle(id);
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
  // Child workflows (a document's page ranges) share the namespace but are not jobs.
  if (description.type !== WORKFLOW_TYPE) return undefined;
  const progress = (description.memo?.[PROGRESS_MEMO_KEY] as JobProgress | undefined) ?? null;
  const status = jobStatus(description.status.name, progress);
  const view: JobView = { id, status, progress, result: null, error: null };
  if (status === 'completed') {
    const memo = description.memo?.[RESULT_MEMO_KEY] as RedactionResult | undefined;
    const result = memo ?? ((await handle.result()) as RedactionResult);
    const { outputKey: _outputKey, reportKey: _reportKey, ...summary } = result;
    return { view: { ...view, result: summary }, result };
  }
  if (status === 'failed') {
    view.error = await handle.result().then(
      () => describeFailure(undefined),
      (err: unknown) => describeFailure(err instanceof WorkflowFailedError ? err : undefined),
    );
  }
  return { view };
}
