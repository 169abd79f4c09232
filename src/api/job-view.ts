// A job as clients see it, read from Temporal: status, progress, result summary or error.
import {
  WorkflowFailedError,
  type Client,
  type WorkflowExecutionInfo,
  type WorkflowExecutionStatusName,
} from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { ErrorCode } from '../errors.js';
import { isPastTtl, resultTtlFor } from '../jobs/lifecycle.js';
import {
  PROGRESS_MEMO_KEY,
  RESULT_MEMO_KEY,
  REVIEW_MEMO_KEY,
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPE,
  type JobProgress,
  type PageFlag,
  type PendingReview,
  type RedactionResult,
} from '../workflows/contract.js';
import { describeFailure } from '../util/failure.js';

/** What a job id may hold; the API refuses any other before asking Temporal. */
export const JOB_ID = /^[\w.-]{1,128}$/;

/** `review`: held for a reviewer (REVIEW_MODE=hold), see `review`. `expired`: completed longer than RESULT_TTL ago; its outputs are deleted (downloads: 410). */
export const JOB_STATUSES = [
  'queued',
  'running',
  'review',
  'completed',
  'failed',
  'cancelled',
  'expired',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The public result: the workflow result without internal object keys. */
export type JobResult = Omit<RedactionResult, 'outputKey' | 'reportKey'>;

export interface JobView {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  result: JobResult | null;
  error: { code: ErrorCode; message: string } | null;
  /** While `status` is `review`: the pages to look at, and when the review times out. */
  review: JobReview | null;
}

/** A held job's review as clients see it. */
export interface JobReview {
  pages: Array<{ index: number; width: number; height: number; flags: PageFlag[] }>;
  dueAt: string;
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
      if (!progress || progress.stage === 'queued') return 'queued';
      return progress.stage === 'review' ? 'review' : 'running';
  }
}

/** A job as read from Temporal: the public view, and the full result (with object keys) if done. */
export interface Job {
  view: JobView;
  result?: RedactionResult;
}

/** What a job is read from: one run as `describe` or a visibility List returns it. */
export type JobExecution = Pick<WorkflowExecutionInfo, 'type' | 'status' | 'memo'> &
  Partial<Pick<WorkflowExecutionInfo, 'typedSearchAttributes' | 'closeTime'>>;

/** When a completed job's results expire: RESULT_TTL after it closed, as seen at `nowMs`. */
export interface Expiry {
  resultTtlMs: number;
  /** RESULT_TTL_OCR, for `ocr` jobs (RESULT_TTL when absent). */
  ocrResultTtlMs?: number | undefined;
  nowMs: number;
}

/** The account that submitted the run (its `OwnerId` search attribute), if it has one. */
export function ownerOf(execution: JobExecution): string | undefined {
  return execution.typedSearchAttributes?.get(SEARCH_ATTRIBUTES.ownerId);
}

/**
 * The job as far as the execution itself tells: status, progress and, from the memo, the result.
 * `undefined` when the execution is not a job. A failed run's error, and a completed run's result
 * missing from the memo, need the run's outcome: see `withOutcome`. A completed job past its TTL
 * is `expired`: its summary stays, its objects are deleted (or about to be), so it has no keys.
 */
export function jobFromExecution(
  id: string,
  execution: JobExecution,
  { resultTtlMs, ocrResultTtlMs, nowMs }: Expiry,
): Job | undefined {
  // Child workflows (a document's page ranges) share the namespace but are not jobs.
  if (execution.type !== WORKFLOW_TYPE) return undefined;
  const progress = (execution.memo?.[PROGRESS_MEMO_KEY] as JobProgress | undefined) ?? null;
  const result = execution.memo?.[RESULT_MEMO_KEY] as RedactionResult | undefined;
  const ttlMs = resultTtlFor(result?.operation, { resultTtlMs, ocrResultTtlMs });
  let status = jobStatus(execution.status.name, progress);
  if (status === 'completed' && isPastTtl(execution.closeTime, ttlMs, nowMs)) {
    status = 'expired';
  }
  const pending = execution.memo?.[REVIEW_MEMO_KEY] as PendingReview | undefined;
  const review =
    status === 'review' && pending
      ? { pages: pending.pages, dueAt: new Date(pending.dueAtMs).toISOString() }
      : null;
  const view: JobView = { id, status, progress, result: null, error: null, review };
  if (!result) return { view };
  if (status === 'completed') return withResult(view, result);
  // Expired: the counts stay readable; the object keys are gone with the objects.
  if (status === 'expired') return { view: withResult(view, result).view };
  return { view };
}

/** Whether the job still lacks what only the run's outcome holds (its error or its result). */
function needsOutcome(job: Job): boolean {
  return job.view.status === 'failed' || (job.view.status === 'completed' && !job.result);
}

/** Fills in a failed job's error, or a completed job's result, from the run's outcome. */
export async function withOutcome(temporal: Client, job: Job): Promise<Job> {
  if (!needsOutcome(job)) return job;
  const handle = temporal.workflow.getHandle(job.view.id);
  if (job.view.status === 'completed') {
    return withResult(job.view, (await handle.result()) as RedactionResult);
  }
  const error = await handle.result().then(
    () => describeFailure(undefined),
    (err: unknown) => describeFailure(err instanceof WorkflowFailedError ? err : undefined),
  );
  return { view: { ...job.view, error } };
}

/** A completed job: the public result is the workflow result without internal object keys. */
function withResult(view: JobView, result: RedactionResult): Job {
  const { outputKey: _outputKey, reportKey: _reportKey, ...summary } = result;
  return { view: { ...view, result: summary }, result };
}

/**
 * Reads one job, or `undefined` when no job has that id or `ownerId` does not own it: another
 * account's job is answered exactly like a missing one.
 */
export async function getJob(
  temporal: Client,
  id: string,
  ownerId: string,
  resultTtlMs: number,
  ocrResultTtlMs?: number,
): Promise<Job | undefined> {
  let description;
  try {
    description = await temporal.workflow.getHandle(id).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
  if (ownerOf(description) !== ownerId) return undefined;
  const job = jobFromExecution(id, description, {
    resultTtlMs,
    ocrResultTtlMs,
    nowMs: Date.now(),
  });
  return job && withOutcome(temporal, job);
}
