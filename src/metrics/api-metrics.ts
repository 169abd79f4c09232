// The API's metrics: jobs submitted, HTTP requests by route pattern, and the job task queues.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { TaskQueueStatus, TaskTypeStatus } from '../api/task-queues.js';
import { METRIC_PREFIX } from './registry.js';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** One scrape asks Temporal once, however many gauges read the answer. */
const QUEUE_SNAPSHOT_MS = 1_000;

export interface ApiMetricsOptions {
  /** Reads the job task queues on each scrape; no queue gauges without it. */
  taskQueues?: () => Promise<TaskQueueStatus[]>;
}

/** Registers the API's metrics on `registry` and returns what handlers record. */
export function createApiMetrics(registry: Registry, { taskQueues }: ApiMetricsOptions = {}) {
  const registers = [registry];
  const jobsSubmitted = new Counter({
    name: `${METRIC_PREFIX}jobs_submitted_total`,
    help: 'Jobs accepted by POST /v1/jobs (one per file) and started.',
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by method, route pattern and status: time until the response headers.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  if (taskQueues) registerQueueGauges(registry, taskQueues);
  return { registry, jobsSubmitted, httpRequestDuration };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;

function registerQueueGauges(registry: Registry, read: () => Promise<TaskQueueStatus[]>) {
  const registers = [registry];
  let snapshot: { at: number; queues: Promise<TaskQueueStatus[] | undefined> } | undefined;
  const current = () => {
    if (!snapshot || Date.now() - snapshot.at > QUEUE_SNAPSHOT_MS) {
      const queues = read().catch(() => {
        errors.inc();
        return undefined;
      });
      snapshot = { at: Date.now(), queues };
    }
    return snapshot.queues;
  };
  const errors = new Counter({
    name: `${METRIC_PREFIX}task_queue_describe_errors_total`,
    help: 'Scrapes whose DescribeTaskQueue calls to Temporal failed (the queue gauges are then empty).',
    registers,
    // Counted by this scrape's read, so wait for it: the failure shows in the same scrape.
    async collect() {
      await current();
    },
  });
  const gauge = (name: string, help: string, value: (t: TaskTypeStatus) => number) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames: ['task_queue', 'role', 'task_type'] as const,
      registers,
      async collect() {
        this.reset();
        for (const queue of (await current()) ?? []) {
          for (const [type, status] of Object.entries(queue.byType)) {
            this.set({ task_queue: queue.name, role: queue.role, task_type: type }, value(status));
          }
        }
      },
    });
  gauge(
    'task_queue_backlog',
    'Tasks waiting for a worker (Temporal approximate backlog).',
    (t) => t.backlog,
  );
  gauge(
    'task_queue_backlog_age_seconds',
    'Age of the oldest waiting task.',
    (t) => t.backlogAgeSeconds,
  );
  gauge('task_queue_pollers', 'Pollers Temporal saw recently on the queue.', (t) => t.pollers);
}
