// Backlog and pollers of the job task queues, from Temporal's DescribeTaskQueue (stats in default mode).
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { ocrTaskQueue } from '../workflows/contract.js';

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

export type TaskType = 'workflow' | 'activity';

/** One kind of task on one queue. */
export interface TaskTypeStatus {
  /** Tasks waiting for a worker (Temporal's approximate backlog count). */
  backlog: number;
  /** Age of the oldest waiting task; 0 when none waits. */
  backlogAgeSeconds: number;
  /** Pollers Temporal saw recently (its poller history keeps them for a few minutes). */
  pollers: number;
}

/** One task queue: `main` runs workflows and light activities, `ocr` the OCR activities. */
export interface TaskQueueStatus {
  name: string;
  role: 'main' | 'ocr';
  /** Tasks waiting, all types together. */
  backlog: number;
  /** Distinct worker identities polling it, any type. */
  workers: number;
  byType: Partial<Record<TaskType, TaskTypeStatus>>;
}

/** int64 fields arrive as `Long` objects (or numbers, or strings once serialised). */
type Int64 = number | string | { toString(): string };
const int64 = (value: Int64 | null | undefined) =>
  value === null || value === undefined ? 0 : Number(value.toString());

/** The fields of a DescribeTaskQueue answer that are read here. */
export interface DescribeTaskQueueAnswer {
  pollers?: ReadonlyArray<{ identity?: string | null }> | null;
  stats?: {
    approximateBacklogCount?: Int64 | null;
    approximateBacklogAge?: { seconds?: Int64 | null; nanos?: number | null } | null;
  } | null;
}

/** Sums one queue's DescribeTaskQueue answers (one per task type) into its status. */
export function summariseTaskQueue(
  name: string,
  role: TaskQueueStatus['role'],
  answers: ReadonlyArray<readonly [TaskType, DescribeTaskQueueAnswer]>,
): TaskQueueStatus {
  const byType: TaskQueueStatus['byType'] = {};
  const identities = new Set<string>();
  for (const [type, answer] of answers) {
    const pollers = answer.pollers ?? [];
    for (const poller of pollers) if (poller.identity) identities.add(poller.identity);
    const age = answer.stats?.approximateBacklogAge;
    byType[type] = {
      backlog: int64(answer.stats?.approximateBacklogCount),
      backlogAgeSeconds: int64(age?.seconds) + (age?.nanos ?? 0) / 1e9,
      pollers: pollers.length,
    };
  }
  const backlog = Object.values(byType).reduce((n, t) => n + t.backlog, 0);
  return { name, role, backlog, workers: identities.size, byType };
}

/**
 * The queue task types no worker polls, as `queue/type` (empty when every type of every queue has
 * a poller): what `npm start` waits on before it says the stack is up.
 */
export function unpolledQueues(queues: readonly TaskQueueStatus[]): string[] {
  return queues.flatMap((queue) =>
    Object.entries(queue.byType)
      .filter(([, status]) => status.pollers === 0)
      .map(([type]) => `${queue.name}/${type}`),
  );
}

const TYPES: Record<TaskType, proto.temporal.api.enums.v1.TaskQueueType> = {
  workflow: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  activity: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
};

/**
 * Reads both job queues of `taskQueue` (`<q>` and `<q>-ocr`): three DescribeTaskQueue calls,
 * because stats come one task type per call in default mode (ENHANCED mode, which answers all
 * types at once, is deprecated). Rejects when Temporal does not answer within `timeoutMs`.
 */
export async function readTaskQueues(
  client: Client,
  taskQueue: string,
  timeoutMs = 2_000,
): Promise<TaskQueueStatus[]> {
  const queues = [
    { name: taskQueue, role: 'main', types: ['workflow', 'activity'] },
    { name: ocrTaskQueue(taskQueue), role: 'ocr', types: ['activity'] },
  ] as const;
  return client.withDeadline(Date.now() + timeoutMs, () =>
    Promise.all(
      queues.map(async ({ name, role, types }) => {
        const answers = await Promise.all(
          types.map(async (type) => {
            const answer = await client.workflowService.describeTaskQueue({
              namespace: client.options.namespace,
              taskQueue: { name, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
              taskQueueType: TYPES[type],
              reportStats: true,
            });
            return [type, answer] as const;
          }),
        );
        return summariseTaskQueue(name, role, answers);
      }),
    ),
  );
}
