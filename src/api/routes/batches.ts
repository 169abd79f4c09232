// /v1/batches: one submission's jobs at once — a summary, and its completed outputs as one zip.
// Owner only: another account's batch answers 404 BATCH_NOT_FOUND, like one that never existed.
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { create as contentDisposition } from 'content-disposition';
import { RedactifyError } from '../../errors.js';
import { BATCH_ID, getBatchJobs } from '../batch-lookup.js';
import { streamBatchZip } from '../batch-zip.js';
import { validationHook } from '../errors.js';
import type { Job } from '../job-view.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';
import { PHI_RESPONSE_HEADERS, ZJobView } from './jobs.js';
import { summariseResults } from './results.js';

const ZBatchParams = z.object({
  batchId: z.string().openapi({ param: { name: 'batchId', in: 'path' }, example: 'batch-…' }),
});

const ZBatch = z
  .object({
    batchId: z.string(),
    jobs: z.array(ZJobView),
    summary: z.record(z.string(), z.number()),
    resultUrl: z.string(),
  })
  .openapi('Batch');

/** Counts per job status (without the `notFound` of /v1/results: a batch lists only its jobs). */
function batchSummary(jobs: readonly Job[]) {
  const { notFound: _notFound, ...summary } = summariseResults(jobs.map((j) => j.view));
  return summary;
}

export function batchRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const lookup = {
    maxJobs: deps.maxFilesPerBatch,
    concurrency: deps.resultsLookup.concurrency,
    resultTtlMs: deps.resultTtlMs,
  };

  /** The caller's jobs of a batch, or 404 (a malformed id, another account's batch, none). */
  const requireBatch = async (batchId: string, ownerId: string): Promise<Job[]> => {
    const jobs = BATCH_ID.test(batchId)
      ? await getBatchJobs(deps.temporal, batchId, ownerId, lookup)
      : [];
    if (jobs.length === 0) throw new RedactifyError('BATCH_NOT_FOUND', 'No batch with this id');
    return jobs;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{batchId}',
      summary: "A batch's jobs: each job's status and result summary, and counts per status",
      security: SECURITY,
      request: { params: ZBatchParams },
      responses: {
        200: json(ZBatch, 'The batch'),
        ...errorResponses(...AUTH_ERRORS, 'BATCH_NOT_FOUND'),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      const jobs = await requireBatch(batchId, c.get('principal').accountId);
      c.set(
        'auditJobIds',
        jobs.map((j) => j.view.id),
      );
      return c.json(
        {
          batchId,
          jobs: jobs.map((j) => j.view),
          summary: batchSummary(jobs),
          resultUrl: `/v1/batches/${batchId}/result.zip`,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{batchId}/result.zip',
      summary:
        "The batch's completed outputs as one zip (streamed), named as their downloads are, with batch.json listing every job",
      security: SECURITY,
      request: { params: ZBatchParams },
      responses: {
        200: {
          description: 'The zip (Content-Disposition: attachment; <batchId>.zip)',
          content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(...AUTH_ERRORS, 'BATCH_NOT_FOUND', 'BATCH_NOT_COMPLETED'),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      const jobs = await requireBatch(batchId, c.get('principal').accountId);
      const done = jobs.flatMap((j) => (j.result ? [{ view: j.view, result: j.result }] : []));
      if (done.length === 0) {
        throw new RedactifyError('BATCH_NOT_COMPLETED', 'No job of this batch has completed yet', {
          details: { summary: batchSummary(jobs) },
        });
      }
      c.set(
        'auditJobIds',
        done.map((j) => j.view.id),
      );
      const log = c.get('log');
      const zip = await streamBatchZip(
        deps.store,
        done.map(({ view, result }) => ({
          jobId: view.id,
          outputKey: result.outputKey,
          outputType: result.outputType,
        })),
        (names) => ({
          batchId,
          jobs: jobs.map((j) => ({
            id: j.view.id,
            status: j.view.status,
            ...(names.has(j.view.id) ? { file: names.get(j.view.id) } : {}),
            ...(j.view.error ? { error: j.view.error.code } : {}),
          })),
        }),
        (err) => log.error({ err: { name: (err as Error).name } }, 'batch zip aborted'),
      );
      return c.body(Readable.toWeb(zip) as ReadableStream, 200, {
        ...PHI_RESPONSE_HEADERS,
        'Content-Type': 'application/zip',
        'Content-Disposition': contentDisposition(`${batchId}.zip`),
        'X-Batch-Jobs': String(jobs.length),
        'X-Batch-Outputs': String(done.length),
      });
    },
  );
  return app;
}
