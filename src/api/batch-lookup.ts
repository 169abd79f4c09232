// A batch's jobs, read from Temporal's visibility: every run with the batch's BatchId that the
// caller owns. Another account's batch lists nothing, exactly like a batch that never existed.
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { SEARCH_ATTRIBUTES, WORKFLOW_TYPE } from '../workflows/contract.js';
import { mapBounded } from '../util/concurrency.js';
import { currentRuns, OWNER_ID } from './job-lookup.js';
import { jobFromExecution, ownerOf, withOutcome, type Job } from './job-view.js';

/** What a batch id holds (`batch-` and a UUID): nothing that needs quoting in a query. */
export const BATCH_ID = /^batch-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The List query for the jobs of `batchId` that `ownerId` owns. */
export function batchQuery(batchId: string, ownerId: string): string {
  if (!BATCH_ID.test(batchId)) throw new Error('Only valid batch ids go into a List query');
  if (!OWNER_ID.test(ownerId)) throw new Error('Only valid owner ids go into a List query');
  return `WorkflowType = '${WORKFLOW_TYPE}' AND ${SEARCH_ATTRIBUTES.batchId.name} = '${batchId}' AND ${SEARCH_ATTRIBUTES.ownerId.name} = '${ownerId}'`;
}

export interface BatchLookupOptions {
  /** A batch holds at most MAX_FILES_PER_BATCH jobs: no more runs than this are read. */
  maxJobs: number;
  /** Calls to Temporal at once for failed jobs' errors. */
  concurrency: number;
  resultTtlMs: number;
}

/**
 * The caller's jobs of one batch, in submission order (job ids are minted in it); empty when the
 * batch is unknown or another account's. Visibility lists a job moments after its start.
 */
export async function getBatchJobs(
  temporal: Client,
  batchId: string,
  ownerId: string,
  { maxJobs, concurrency, resultTtlMs }: BatchLookupOptions,
): Promise<Job[]> {
  const runs: WorkflowExecutionInfo[] = [];
  // Resets leave older runs beside the current one: read a few more than the batch can hold.
  const cap = maxJobs * 4;
  for await (const run of temporal.workflow.list({
    query: batchQuery(batchId, ownerId),
    pageSize: Math.min(cap, 1000),
  })) {
    runs.push(run);
    if (runs.length >= cap) break;
  }
  const current = [...currentRuns(runs).values()]
    .filter((run) => ownerOf(run) === ownerId)
    .sort((a, b) => (a.workflowId < b.workflowId ? -1 : a.workflowId > b.workflowId ? 1 : 0));
  const nowMs = Date.now();
  const jobs = await mapBounded(current, concurrency, async (run) => {
    const job = jobFromExecution(run.workflowId, run, { resultTtlMs, nowMs });
    return job && withOutcome(temporal, job);
  });
  return jobs.filter((job): job is Job => job !== undefined);
}
