// The worker's side of the workflows' sinks: job and page events become metrics and log lines.
import type { InjectedSinks } from '@temporalio/worker';
import type { Logger } from '../log.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import type { JobSinks } from '../workflows/contract.js';

/** Sinks for `Worker.create({ sinks })`; not called during replay, so nothing is counted twice. */
export function jobSinks(metrics: WorkerMetrics, log: Logger): InjectedSinks<JobSinks> {
  return {
    jobEvents: {
      pageRedacted: { fn: (_info, page) => metrics.recordPage(page) },
      jobFinished: {
        fn: (info, outcome) => {
          metrics.recordJob(outcome);
          if (outcome.status === 'completed') {
            log.info(
              { jobId: info.workflowId, pages: outcome.pages, entities: outcome.entities },
              'job completed',
            );
          } else {
            log.warn({ jobId: info.workflowId, errorCode: outcome.code }, 'job failed');
          }
        },
      },
    },
  };
}
