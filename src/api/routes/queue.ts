// GET /v1/queue: per job task queue, the tasks waiting and the workers polling (for operators).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RedactifyError } from '../../errors.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import { readTaskQueues } from '../task-queues.js';
import type { ApiDeps, ApiEnv } from '../types.js';

const ZTaskTypeStatus = z
  .object({
    backlog: z.number().int().min(0).openapi({ description: 'Tasks waiting for a worker' }),
    backlogAgeSeconds: z.number().min(0).openapi({ description: 'Age of the oldest waiting task' }),
    pollers: z.number().int().min(0).openapi({ description: 'Pollers Temporal saw recently' }),
  })
  .openapi('TaskTypeStatus');

const ZTaskQueueStatus = z
  .object({
    name: z.string().openapi({ example: 'redactify-ocr' }),
    role: z.enum(['main', 'ocr']).openapi({
      description: 'main: workflows and light activities; ocr: OCR and verification',
    }),
    backlog: z.number().int().min(0).openapi({ description: 'Tasks waiting, all types' }),
    workers: z.number().int().min(0).openapi({ description: 'Distinct workers polling' }),
    byType: z.object({
      workflow: ZTaskTypeStatus.optional(),
      activity: ZTaskTypeStatus.optional(),
    }),
  })
  .openapi('TaskQueueStatus');

const ZQueueStatus = z.object({ queues: z.array(ZTaskQueueStatus) }).openapi('QueueStatus');

const getQueue = createRoute({
  method: 'get',
  path: '/',
  tags: ['operations'],
  summary: 'Backlog and workers of each job task queue',
  description:
    "From Temporal's DescribeTaskQueue: approximate backlog and its age per task type, and the " +
    'pollers Temporal saw in its recent poller history (a stopped worker stays listed for a few minutes).',
  security: SECURITY,
  responses: {
    200: json(ZQueueStatus, 'The main queue and the OCR queue'),
    ...errorResponses(...AUTH_ERRORS, 'SERVICE_UNAVAILABLE'),
  },
});

/** The queue-status sub-app, mounted at `/v1/queue`. */
export function queueRoutes(deps: Pick<ApiDeps, 'temporal' | 'jobs'>) {
  const app = new OpenAPIHono<ApiEnv>();
  // Any valid key (the /v1 middleware): not admin-only, it shows no job or account.
  app.openapi(getQueue, async (c) => {
    const queues = await readTaskQueues(deps.temporal, deps.jobs.taskQueue).catch(() => {
      throw new RedactifyError('SERVICE_UNAVAILABLE', 'Temporal did not answer');
    });
    return c.json({ queues }, 200);
  });
  return app;
}
