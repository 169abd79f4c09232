// purgeExpiredJobs: deletes every object of the jobs whose results have expired.
import { Context, log } from '@temporalio/activity';
import { closedBeforeQuery, isPastTtl, resultTtlFor } from '../jobs/lifecycle.js';
import { jobKeys } from '../storage/keys.js';
import { RESULT_MEMO_KEY, WORKFLOW_TYPE, type RedactionResult } from '../workflows/contract.js';
import type { ActivityDeps } from './deps.js';
import { timeAndMapErrors } from './time-and-map-errors.js';

export interface SweepInput {
  /** Jobs that closed longer ago than this lose every object (RESULT_TTL). */
  ttlMs: number;
  /** `ocr` jobs (unmasked text) lose theirs after this (RESULT_TTL_OCR); `ttlMs` when absent. */
  ocrTtlMs?: number;
}

export function createPurgeExpiredJobs({ store, temporal }: ActivityDeps) {
  /**
   * Deletes every object of each job that closed more than `ttlMs` ago (outputs, manifest, a
   * failed job's input), whatever the store's own lifecycle rules do. Jobs are found through
   * Temporal's visibility, so only jobs whose history is still retained are seen: the namespace
   * retention is RESULT_TTL plus a grace, longer than the sweep interval.
   */
  return async ({ ttlMs, ocrTtlMs = ttlMs }: SweepInput) =>
    timeAndMapErrors(async () => {
      const context = Context.current();
      const now = Date.now();
      // Listed from the shorter TTL on; each run is judged by its own operation's TTL.
      const query = closedBeforeQuery(WORKFLOW_TYPE, new Date(now - Math.min(ttlMs, ocrTtlMs)));
      let jobs = 0;
      let objects = 0;
      for await (const run of temporal.workflow.list({ query })) {
        const result = run.memo?.[RESULT_MEMO_KEY] as
          Pick<RedactionResult, 'operation'> | undefined;
        const ttl = resultTtlFor(result?.operation, {
          resultTtlMs: ttlMs,
          ocrResultTtlMs: ocrTtlMs,
        });
        if (!isPastTtl(run.closeTime, ttl, now)) continue;
        const removed = await store.removePrefix(`${jobKeys(run.workflowId).root}/`);
        if (removed > 0) {
          jobs++;
          objects += removed;
        }
        context.heartbeat();
      }
      if (jobs > 0) log.info('expired results deleted', { jobs, objects });
      return { jobs, objects };
    });
}
