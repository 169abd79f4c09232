// DELETE /v1/jobs/:id behind the route: stop the job, purge its objects, delete its history.
import { isGrpcServiceError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { jobKeys } from '../storage/keys.js';
import type { ObjectStore } from '../storage/object-store.js';

/** gRPC's status code NOT_FOUND (the SDK does not export gRPC's enum). */
const GRPC_NOT_FOUND = 5;

export interface DeleteJobOptions {
  /** How long a cancelled job may take to stop (its activities finish, it cleans up). */
  stopTimeoutMs: number;
  /**
   * How long Temporal may take to forget the run after the delete request: the dev server takes
   * about 10 s for a run that closed moments before (it deletes asynchronously).
   */
  forgetTimeoutMs: number;
}

export const DELETE_JOB_DEFAULTS: DeleteJobOptions = {
  stopTimeoutMs: 30_000,
  forgetTimeoutMs: 60_000,
};

/**
 * Deletes a job for good; the caller has checked that it exists and is the caller's. A running job
 * is cancelled and waited for (terminated if it does not stop in time), so no activity writes
 * after the purge; then every object under its prefix is deleted, then the workflow histories of
 * the job and its page-range children. Objects go first: if the store fails, the job is still
 * there and DELETE can be retried. Resolves once Temporal no longer describes the job (bounded).
 */
export async function deleteJob(
  temporal: Client,
  store: ObjectStore,
  jobId: string,
  { stopTimeoutMs, forgetTimeoutMs }: DeleteJobOptions = DELETE_JOB_DEFAULTS,
): Promise<void> {
  const handle = temporal.workflow.getHandle(jobId);
  if (await isRunning(handle)) {
    await handle.cancel();
    if (!(await pollUntil(async () => !(await isRunning(handle)), stopTimeoutMs))) {
      await handle.terminate('deleted by its owner').catch(ignoreNotFound);
    }
  }
  await store.removePrefix(`${jobKeys(jobId).root}/`);
  // Page-range children are numbered from 1 and run one after another: stop at the first gap.
  for (let n = 1; await deleteHistory(temporal, `${jobId}-pages-${n}`); n++);
  await deleteHistory(temporal, jobId);
  await pollUntil(async () => !(await exists(handle)), forgetTimeoutMs);
}

async function isRunning(handle: WorkflowHandle): Promise<boolean> {
  try {
    return (await handle.describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

async function exists(handle: WorkflowHandle): Promise<boolean> {
  try {
    await handle.describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** Deletes a workflow's history (Temporal terminates it first if it runs); false when none. */
async function deleteHistory(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    await temporal.workflowService.deleteWorkflowExecution({
      namespace: temporal.options.namespace,
      workflowExecution: { workflowId },
    });
    return true;
  } catch (err) {
    if (isGrpcServiceError(err) && Number(err.code) === GRPC_NOT_FOUND) return false;
    throw err;
  }
}

function ignoreNotFound(err: unknown): void {
  if (!(err instanceof WorkflowNotFoundError)) throw err;
}

/** Polls `done` every 200 ms for at most `timeoutMs`; whether it came true. */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}
