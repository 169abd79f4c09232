// End to end through HTTP: submit a batch, poll /v1/results, download and check every output.
import { randomUUID } from 'node:crypto';
import { parse as parseContentDisposition } from 'content-disposition';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  darkFraction,
  formPage,
  intakeLines,
  multiPageTiff,
  PATIENTS,
  phiStrings,
  type TestPage,
} from '../fixtures/documents.js';
import { listQuery, readJobs } from '../../src/api/job-lookup.js';
import { createJob } from '../../src/api/submit.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

let pipeline: TestPipeline;
let api: ServedApi;
let base: string;
let apiKey: string;
let accountId: string;
const taskQueue = TestPipeline.taskQueue();

/** `fetch` with this file's API key. */
const authed = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-api-key': apiKey },
  });

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  api = await pipeline.serveApi(taskQueue);
  base = api.base;
  apiKey = (await api.register()).apiKey;
  accountId = ((await (await authed(`${base}/v1/auth/stats`)).json()) as { accountId: string })
    .accountId;
});
afterAll(async () => {
  await api.stop();
  await pipeline.close();
});

interface JobBody {
  id: string;
  status: string;
  result: {
    pages: number;
    entitiesMasked: number;
    byCategory: Record<string, number>;
    outputType: string;
  } | null;
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

interface ResultsBody {
  results: JobBody[];
  summary: Record<string, number>;
}

async function postResults(ids: readonly string[]): Promise<ResultsBody> {
  return json<ResultsBody>(
    await authed(`${base}/v1/results`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    }),
  );
}

describe('HTTP API end to end', () => {
  it('redacts a batch of PNG, JPEG and 3-page TIFF and serves results, reports and text', async () => {
    const [p0, p1, p2] = PATIENTS as [
      (typeof PATIENTS)[0],
      (typeof PATIENTS)[0],
      (typeof PATIENTS)[0],
    ];
    const pngPage = await formPage(intakeLines(p0));
    const jpegPage = await formPage(intakeLines(p1), { font: 'serif' });
    const tiffPages = await Promise.all(
      [p0, p1, p2].map((p, i) => formPage(intakeLines(p, i + 1))),
    );
    const documents: Array<{ name: string; bytes: Buffer; pages: TestPage[]; mime: string }> = [
      { name: 'intake.png', bytes: pngPage.png, pages: [pngPage], mime: 'image/png' },
      {
        name: 'intake.jpg',
        bytes: await sharp(jpegPage.png).jpeg({ quality: 92 }).toBuffer(),
        pages: [jpegPage],
        mime: 'image/jpeg',
      },
      {
        name: 'chart.tiff',
        bytes: await multiPageTiff(tiffPages),
        pages: tiffPages,
        mime: 'image/tiff',
      },
    ];

    const form = new FormData();
    for (const d of documents) form.append('files', new Blob([d.bytes]), d.name);
    const submitted = await authed(`${base}/v1/jobs`, { method: 'POST', body: form });
    expect(submitted.status).toBe(202);
    const batch = await json<{
      batchId: string;
      jobs: Array<{
        id: string;
        filename: string;
        status: string;
        statusUrl: string;
        resultUrl: string;
      }>;
    }>(submitted);
    expect(batch.jobs.map((j) => [j.filename, j.status])).toEqual(
      documents.map((d) => [d.name, 'queued']),
    );
    const ids = batch.jobs.map((j) => j.id);
    // Just started: visibility may not list them yet, and they must still never be not_found.
    expect((await postResults(ids)).summary).toMatchObject({ queued: ids.length, notFound: 0 });

    // No worker yet: the jobs wait in the queue and results are refused with the current status.
    const early = await authed(`${base}${batch.jobs[0]!.resultUrl}`);
    expect(early.status).toBe(409);
    expect(early.headers.get('x-request-id')).toBeTruthy();
    expect(await json<unknown>(early)).toMatchObject({
      error: {
        code: 'JOB_NOT_COMPLETED',
        status: 'queued',
        requestId: early.headers.get('x-request-id'),
      },
    });
    expect(await json<JobBody>(await authed(`${base}${batch.jobs[0]!.statusUrl}`))).toMatchObject({
      status: 'queued',
      result: null,
      error: null,
    });

    const pollUntilDone = async () => {
      for (;;) {
        const body = await json<{ summary: Record<string, number> }>(
          await authed(`${base}/v1/results?ids=${ids.join(',')}`),
        );
        if (body.summary.completed === ids.length || body.summary.failed) return body;
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    await pipeline.runWorkers(taskQueue, pollUntilDone());

    const results = await postResults([...ids, 'job-unknown']);
    expect(results.summary).toEqual({
      queued: 0,
      running: 0,
      review: 0,
      completed: 3,
      failed: 0,
      cancelled: 0,
      expired: 0,
      notFound: 1,
    });
    expect(results.results.at(-1)).toEqual({ id: 'job-unknown', status: 'not_found' });

    for (const [i, doc] of documents.entries()) {
      const id = ids[i]!;
      const job = results.results[i]!;
      expect(job.result?.pages).toBe(doc.pages.length);
      const expectedEntities = doc.pages.length * 7;
      expect(job.result?.entitiesMasked).toBe(expectedEntities);

      const download = await authed(`${base}/v1/jobs/${id}/result`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(doc.mime);
      expect(parseContentDisposition(download.headers.get('content-disposition') ?? '')).toEqual({
        type: 'attachment',
        parameters: { filename: `redacted_${doc.name}` },
      });
      expect(download.headers.get('x-pages-processed')).toBe(String(doc.pages.length));
      expect(download.headers.get('x-phi-entities-masked')).toBe(String(expectedEntities));
      expect(Number(download.headers.get('x-processing-time-ms'))).toBeGreaterThan(0);
      const output = Buffer.from(await download.arrayBuffer());
      const meta = await sharp(output).metadata();
      expect(meta.pages ?? 1).toBe(doc.pages.length);
      expect(meta.exif).toBeUndefined();
      for (const [index, page] of doc.pages.entries()) {
        for (const word of page.words) {
          const dark = await darkFraction(output, word.box, index);
          if (word.phi) expect(dark, `${doc.name}: PHI word masked`).toBeGreaterThan(0.97);
          else expect(dark, `${doc.name}: "${word.text}" left readable`).toBeLessThan(0.75);
        }
      }

      const reportText = await (await authed(`${base}/v1/jobs/${id}/report`)).text();
      const report = JSON.parse(reportText) as {
        totals: { entities: number; pages: number };
        pages: Array<{
          width: number;
          entities: Array<{ category: string; bbox: object; confidence: number; detector: string }>;
        }>;
        timings: Record<string, number>;
      };
      expect(report.totals).toMatchObject({ entities: expectedEntities, pages: doc.pages.length });
      expect(report.pages[0]?.width).toBe(doc.pages[0]?.width);
      expect(report.pages[0]?.entities[0]).toEqual({
        category: expect.any(String),
        bbox: expect.any(Object),
        confidence: expect.any(Number),
        detector: expect.any(String),
      });
      expect(report.timings).toMatchObject({
        ocr: expect.any(Number),
        processingMs: expect.any(Number),
      });
      for (const ms of Object.values(report.timings)) expect(ms).toBeGreaterThanOrEqual(0);

      const text = await (await authed(`${base}/v1/jobs/${id}/text`)).text();
      expect(text).toContain('Patient Name: [NAME]');
      expect(text).toContain('SSN: [SSN]');
      expect(text).toContain('hypertension');
      for (const secret of PATIENTS.flatMap(phiStrings)) {
        expect(reportText.includes(secret) || text.includes(secret), 'PHI in report or text').toBe(
          false,
        );
      }
    }
  });

  it('answers /v1/results the same whether or not visibility lists the jobs yet', async () => {
    // Nobody polls this queue: jobs stay queued until terminated.
    const idle = TestPipeline.taskQueue();
    const deps = pipeline.jobDeps(idle);
    const file = { filename: 'a.png', bytes: Buffer.from('not read by anyone') };
    const [queued, terminated] = await Promise.all([
      createJob(deps, 'batch-results', file, {}, accountId),
      createJob(deps, 'batch-results', file, {}, accountId),
    ]);
    await pipeline.client.workflow.getHandle(terminated.id).terminate('test');
    // A page-range child shares the namespace but is not a job.
    const child = `${queued.id}-pages-1`;
    await pipeline.client.workflow.start('redactPages', { workflowId: child, taskQueue: idle });
    const ids = [queued.id, terminated.id, child, `job-${randomUUID()}`];
    const expected = {
      results: [
        {
          id: queued.id,
          status: 'queued',
          progress: { stage: 'queued' },
          result: null,
          error: null,
        },
        {
          id: terminated.id,
          status: 'failed',
          result: null,
          error: { code: 'JOB_TERMINATED', message: expect.any(String) },
        },
        { id: child, status: 'not_found' },
        { id: ids[3], status: 'not_found' },
      ],
      summary: {
        queued: 1,
        running: 0,
        review: 0,
        completed: 0,
        failed: 1,
        cancelled: 0,
        expired: 0,
        notFound: 2,
      },
    };

    // Visibility not caught up at all: the two jobs, just minted, are read from Temporal itself;
    // the child and the id this service never minted are not jobs whatever Temporal holds.
    const unlisted = await readJobs(pipeline.client, ids, accountId, new Map(), {
      concurrency: 4,
      visibilityGraceMs: 300_000,
      jobIds: pipeline.jobIds,
      resultTtlMs: 86_400_000,
    });
    expect(
      unlisted.map((job, i) => job?.view ?? { id: ids[i], status: 'not_found' }),
    ).toMatchObject(expected.results);
    // Once visibility lists the two jobs, the List query answers the same.
    const listed = async () => {
      let count = 0;
      for await (const _ of pipeline.client.workflow.list({ query: listQuery(ids, accountId) }))
        count++;
      return count;
    };
    // The child has no OwnerId, so the caller's List query never lists it: two runs.
    while ((await listed()) < 2) await new Promise((r) => setTimeout(r, 100));
    expect(await postResults(ids)).toMatchObject(expected);
  });

  it('answers 404 with the error envelope for an unknown job', async () => {
    const response = await authed(`${base}/v1/jobs/job-does-not-exist`);
    expect(response.status).toBe(404);
    expect(await json<unknown>(response)).toEqual({
      error: {
        code: 'JOB_NOT_FOUND',
        message: expect.any(String),
        requestId: response.headers.get('x-request-id'),
      },
    });
  });

  it('is ready when Temporal and MinIO answer', async () => {
    const response = await fetch(`${base}/health/ready`);
    expect(response.status).toBe(200);
    expect(await json<unknown>(response)).toEqual({
      status: 'ready',
      components: { temporal: 'ok', storage: 'ok' },
    });
  });
});
