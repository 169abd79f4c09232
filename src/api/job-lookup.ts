// Many jobs at once (/v1/results): a few visibility List queries instead of one describe per id.
import { isGrpcServiceError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import type { JobIds } from '../jobs/job-id.js';
import { mapBounded } from '../util/concurrency.js';
import { SEARCH_ATTRIBUTES } from '../workflows/contract.js';
import {
  getJob,
  JOB_ID,
  jobFromExecution,
  ownerOf,
  withOutcome,
  type Job,
  type JobExecution,
} from './job-view.js';

/**
 * Ids per List query. One query for all 1,000 ids is barely faster on the dev server; 250 keeps
 * each query near 12 KB and each answer within one page of the server's default page size.
 */
const LIST_CHUNK = 250;

/** Splits `items` into runs of at most `size`, in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * A job id as a string literal of Temporal's visibility query language. The id rule leaves nothing
 * to escape; anything else is refused, not escaped: the dev server matches no id holding a
 * backslash however it is escaped, so escaping could only hide a lookup that finds nothing.
 */
export function quoteId(id: string): string {
  if (!JOB_ID.test(id)) throw new Error('Only valid job ids go into a List query');
  return `'${id}'`;
}

/** What an owner (account) id may hold: nothing that needs quoting in a visibility query. */
export const OWNER_ID = /^[a-z0-9_]{1,64}$/;

/** The List query for every run of these workflow ids that `ownerId` owns. */
export function listQuery(ids: readonly string[], ownerId: string): string {
  if (!OWNER_ID.test(ownerId)) throw new Error('Only valid owner ids go into a List query');
  return `WorkflowId IN (${ids.map(quoteId).join(', ')}) AND ${SEARCH_ATTRIBUTES.ownerId.name} = '${ownerId}'`;
}

type Listed = Pick<WorkflowExecutionInfo, 'workflowId' | 'startTime'>;

/**
 * The current run of each workflow id, as `describe` would pick it: a List answer holds every run
 * still retained (a reset leaves the old one closed beside the new one); the latest start is current.
 */
export function currentRuns<T extends Listed>(executions: Iterable<T>): Map<string, T> {
  const current = new Map<string, T>();
  for (const execution of executions) {
    const seen = current.get(execution.workflowId);
    if (!seen || execution.startTime > seen.startTime) current.set(execution.workflowId, execution);
  }
  return current;
}

/** Every run visibility lists for `ids` (one query, paged). */
async function listRuns(
  temporal: Client,
  ids: readonly string[],
  ownerId: string,
): Promise<WorkflowExecutionInfo[]> {
  const runs: WorkflowExecutionInfo[] = [];
  const query = listQuery(ids, ownerId);
  for await (const run of temporal.workflow.list({ query, pageSize: ids.length })) {
    runs.push(run);
  }
  return runs;
}

export interface LookupOptions {
  /** Calls to Temporal at once for ids visibility did not list, and for failed jobs' errors. */
  concurrency: number;
  /** How long after minting an id visibility may still not list its job (see `mayBeUnlisted`). */
  visibilityGraceMs: number;
  /** Tells the ids this service minted (and when) from any other. */
  jobIds: JobIds;
  /** RESULT_TTL: completed jobs closed longer ago are `expired`. */
  resultTtlMs: number;
  /** RESULT_TTL_OCR, for `ocr` jobs. */
  ocrResultTtlMs?: number | undefined;
}

/**
 * Reads each id's job (`undefined` when there is none, or `ownerId` does not own it), in order.
 * Only ids this service minted are looked up. Visibility answers for every listed id at once; it
 * is eventually consistent, so a recent id it does not list is read by `readJobs`.
 */
export async function getJobs(
  temporal: Client,
  ids: readonly string[],
  ownerId: string,
  options: LookupOptions,
): Promise<Array<Job | undefined>> {
  const minted = ids.filter((id) => options.jobIds.isMinted(id));
  const listed = await Promise.all(
    chunk(minted, LIST_CHUNK).map((c) => listRuns(temporal, c, ownerId)),
  );
  return readJobs(temporal, ids, ownerId, currentRuns(listed.flat()), options);
}

/**
 * Whether a job may exist although visibility does not list `id`: only when this service minted
 * the id within the grace before `now`. A job's workflow starts once its file is stored, moments
 * after the id is minted, and visibility lists it moments later. Any other unlisted id has no
 * job: one never minted here (a typo, another system's id, a page-range child) or an old one (a
 * job past its retention). Skipping Temporal for those keeps a request for 1,000 mostly unknown
 * ids at a few List queries.
 */
export function mayBeUnlisted(id: string, now: number, graceMs: number, jobIds: JobIds): boolean {
  const minted = jobIds.mintedAt(id);
  return minted !== undefined && minted > now - graceMs;
}

/**
 * Reads each id's job from the run visibility `listed` for it (a run `ownerId` does not own is no
 * job of theirs). An id it did not list that may
 * still be too recent to be listed is asked of Temporal itself, as is a failed run's error:
 * at most `concurrency` such calls at a time.
 */
export function readJobs(
  temporal: Client,
  ids: readonly string[],
  ownerId: string,
  listed: ReadonlyMap<string, JobExecution>,
  { concurrency, visibilityGraceMs, jobIds, resultTtlMs, ocrResultTtlMs }: LookupOptions,
): Promise<Array<Job | undefined>> {
  const now = Date.now();
  return mapBounded(ids, concurrency, async (id) => {
    const run = listed.get(id);
    if (!run) {
      if (!mayBeUnlisted(id, now, visibilityGraceMs, jobIds)) return undefined;
      return (await workflowExists(temporal, id))
        ? getJob(temporal, id, ownerId, resultTtlMs, ocrResultTtlMs)
        : undefined;
    }
    // Listed runs come from a query filtered on the owner; checked again all the same.
    if (ownerOf(run) !== ownerId) return undefined;
    const job = jobFromExecution(id, run, { resultTtlMs, ocrResultTtlMs, nowMs: now });
    return job && withOutcome(temporal, job);
  });
}

/** gRPC's status code NOT_FOUND (the SDK does not export gRPC's enum). */
const GRPC_NOT_FOUND = 5;

/**
 * Whether Temporal has a workflow with this id, asked without the workflow handle: most ids
 * visibility does not list do not exist, and the bare call spends less of the API's CPU on each.
 */
async function workflowExists(temporal: Client, id: string): Promise<boolean> {
  try {
    await temporal.workflowService.describeWorkflowExecution({
      namespace: temporal.options.namespace,
      execution: { workflowId: id },
    });
    return true;
  } catch (err) {
    if (isGrpcServiceError(err) && Number(err.code) === GRPC_NOT_FOUND) return false;
    throw err;
  }
}

/** The List query for the runs of `ownerId` waiting for a reviewer. */
export function pendingReviewsQuery(ownerId: string): string {
  if (!OWNER_ID.test(ownerId)) throw new Error('Only valid owner ids go into a List query');
  return `${SEARCH_ATTRIBUTES.ownerId.name} = '${ownerId}' AND ${SEARCH_ATTRIBUTES.reviewStatus.name} = 'pending' AND ExecutionStatus = 'Running'`;
}

/**
 * The caller's jobs waiting for a reviewer, at most `limit`, from one visibility List query (paged
 * by the SDK). Visibility lags a little: a job decided a moment ago may still be listed, and is
 * dropped here when its memo already says it is past review.
 */
export async function listPendingReviews(
  temporal: Client,
  ownerId: string,
  { limit, resultTtlMs }: { limit: number; resultTtlMs: number },
): Promise<Job[]> {
  const jobs: Job[] = [];
  const query = pendingReviewsQuery(ownerId);
  const nowMs = Date.now();
  for await (const run of temporal.workflow.list({ query, pageSize: Math.min(limit, 250) })) {
    if (ownerOf(run) !== ownerId) continue;
    const job = jobFromExecution(run.workflowId, run, { resultTtlMs, nowMs });
    if (job?.view.status === 'review') jobs.push(job);
    if (jobs.length >= limit) break;
  }
  return jobs;
}
