// /v1/results: many jobs at once, with partial results while some still run.
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { getJobs } from '../job-lookup.js';
import { JOB_ID, JOB_STATUSES, type JobStatus, type JobView } from '../job-view.js';
import type { ApiDeps, ApiEnv } from '../types.js';

type Entry = JobView | { id: string; status: 'not_found' };

export type ResultsSummary = Record<JobStatus, number> & { notFound: number };

/** Counts entries per status. */
export function summarise(entries: readonly Entry[]): ResultsSummary {
  const summary = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as ResultsSummary;
  summary.notFound = 0;
  for (const e of entries) {
    if (e.status === 'not_found') summary.notFound++;
    else summary[e.status]++;
  }
  return summary;
}

export function resultRoutes(deps: ApiDeps) {
  const app = new Hono<ApiEnv>();
  const ZIds = z
    .array(z.string().regex(JOB_ID, 'ids are letters, digits, "_", "." and "-"'))
    .min(1, 'give at least one id')
    .max(deps.resultsMaxIds, `at most ${deps.resultsMaxIds} ids per request`);

  const lookup = async (raw: unknown) => {
    const parsed = ZIds.safeParse(raw);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', z.prettifyError(parsed.error));
    const ids = [...new Set(parsed.data)];
    const jobs = await getJobs(deps.temporal, ids, deps.resultsLookup);
    const results = ids.map((id, i): Entry => jobs[i]?.view ?? { id, status: 'not_found' });
    return { results, summary: summarise(results) };
  };

  app.get('/', async (c) =>
    c.json(await lookup((c.req.query('ids') ?? '').split(',').filter(Boolean))),
  );
  app.post('/', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { ids?: unknown } | undefined;
    return c.json(await lookup(body?.ids));
  });
  return app;
}
