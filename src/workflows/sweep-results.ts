// sweepExpiredResults: run by a Temporal Schedule, deletes the objects of jobs past RESULT_TTL.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { SweepInput } from '../activities/purge-expired-jobs.js';
import { SWEEP_OPTIONS } from './activity-options.js';

const { purgeExpiredJobs } = proxyActivities<Activities>(SWEEP_OPTIONS);

/** Deletes every object of jobs that closed more than `ttlMs` ago; returns how many. */
export async function sweepExpiredResults(
  input: SweepInput,
): Promise<{ jobs: number; objects: number }> {
  const { jobs, objects } = await purgeExpiredJobs(input);
  return { jobs, objects };
}
