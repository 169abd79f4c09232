// /v1/results: many of the caller's jobs at once, with partial results while some still run.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { validationHook } from '../errors.js';
import { getJobs } from '../job-lookup.js';
import { JOB_ID, JOB_STATUSES, type JobStatus, type JobView } from '../job-view.js';
import { AUTH_ERRORS, errorResponses, json, SECURITY } from '../openapi.js';
import type { ApiDeps, ApiEnv } from '../types.js';
import { jsonBodyLimit, ZJobView } from './jobs.js';

type Entry = JobView | { id: string; status: 'not_found' };

export type ResultsSummary = Record<JobStatus, number> & { notFound: number };

/** Counts entries per status. */
export function summariseResults(entries: readonly Entry[]): ResultsSummary {
  const summary = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as ResultsSummary;
  summary.notFound = 0;
  for (const e of entries) {
    if (e.status === 'not_found') summary.notFound++;
    else summary[e.status]++;
  }
  return summary;
}

const ZResults = z
  .object({
    results: z.array(
      z.union([ZJobView, z.object({ id: z.string(), status: z.literal('not_found') })]),
    ),
    summary: z.object({
      ...Object.fromEntries(JOB_STATUSES.map((s) => [s, z.number()])),
      notFound: z.number(),
    }),
  })
  .openapi('Results');

export function resultRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const ZIds = z
    .array(z.string().regex(JOB_ID, 'ids are letters, digits, "_", "." and "-"'))
    .min(1, 'give at least one id')
    .max(deps.resultsMaxIds, `at most ${deps.resultsMaxIds} ids per request`);
  const errors = errorResponses(...AUTH_ERRORS, 'VALIDATION_FAILED', 'BODY_TOO_LARGE');
  const lookup = {
    ...deps.resultsLookup,
    jobIds: deps.jobIds,
    resultTtlMs: deps.resultTtlMs,
    ocrResultTtlMs: deps.ocrResultTtlMs,
  };

  const read = async (ids: readonly string[], ownerId: string) => {
    const unique = [...new Set(ids)];
    const jobs = await getJobs(deps.temporal, unique, ownerId, lookup);
    const results = unique.map((id, i): Entry => jobs[i]?.view ?? { id, status: 'not_found' });
    return { results, summary: summariseResults(results) };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary:
        "Many of the caller's jobs by id (comma-separated); others' and unknown ids are not_found",
      security: SECURITY,
      request: {
        query: z.object({
          ids: z
            .string()
            .transform((v) => v.split(',').filter(Boolean))
            .pipe(ZIds),
        }),
      },
      responses: { 200: json(ZResults, 'One entry per id, and a summary'), ...errors },
    }),
    async (c) => c.json(await read(c.req.valid('query').ids, c.get('principal').accountId), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: "Many of the caller's jobs by id; others' and unknown ids are not_found",
      security: SECURITY,
      middleware: [jsonBodyLimit(deps.maxJsonBodyBytes)] as const,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ ids: ZIds }) } },
        },
      },
      responses: {
        200: json(ZResults, 'One entry per id, and a summary'),
        ...errorResponses(
          ...AUTH_ERRORS,
          'VALIDATION_FAILED',
          'BODY_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
        ),
      },
    }),
    async (c) => c.json(await read(c.req.valid('json').ids, c.get('principal').accountId), 200),
  );
  return app;
}
