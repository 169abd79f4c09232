// Data lifecycle on real Temporal + MinIO: what a job leaves in the bucket when it ends.
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure, WorkflowNotFoundError } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../src/api/submit.js';
import { parseConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log.js';
import { applyBucketExpiry } from '../../src/storage/bucket-expiry.js';
import { ensureSweepSchedule } from '../../src/worker/sweep-schedule.js';
import { progressQuery, type RedactionResult } from '../../src/workflows/contract.js';
import { jobKeys } from '../../src/storage/keys.js';
import {
  formPage,
  intakeLines,
  multiPageTiff,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import { TEST_OWNER, TestPipeline, type ServedApi } from '../support/pipeline.js';

let pipeline: TestPipeline;
let pages: TestPage[];

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  pages = await Promise.all(PATIENTS.slice(0, 3).map((p, i) => formPage(intakeLines(p, i + 1))));
});
afterAll(() => pipeline.close());

/** The job's objects, as names under its prefix, listed from MinIO. */
async function objectsOf(jobId: string): Promise<string[]> {
  const root = `${jobKeys(jobId).root}/`;
  return (await pipeline.store.listKeys(root)).map((key) => key.slice(root.length)).sort();
}

async function start(taskQueue: string, bytes: Buffer, filename = 'scan.tiff') {
  const job = await createJob(
    pipeline.jobDeps(taskQueue),
    'batch-lifecycle',
    { filename, bytes },
    {},
    TEST_OWNER,
  );
  return pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id);
}

/** Polls `probe` every 100 ms for at most `timeoutMs`. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('when a job ends', () => {
  it('leaves a completed job only its output, report and text', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const handle = await start(taskQueue, await multiPageTiff(pages.slice(0, 2)));
    const result = await pipeline.runWorkers(taskQueue, handle.result());
    expect(result.pages).toBe(2);
    expect(await objectsOf(handle.workflowId)).toEqual(['output.tiff', 'report.json', 'text.txt']);
    // The download name went with the output, since the manifest is gone.
    const output = await pipeline.store.stat(result.outputKey);
    expect(output?.contentDisposition).toBe('attachment; filename=redacted_scan.tiff');
  });

  it('deletes the intermediates of a failed job, keeping its input and manifest', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const png = pages[0]!.png;
    const handle = await start(taskQueue, png.subarray(0, Math.floor(png.length / 3)), 'cut.png');
    const err = await pipeline.runWorkers(
      taskQueue,
      handle.result().catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(await objectsOf(handle.workflowId)).toEqual(['input', 'manifest.json']);
  });

  it('deletes the intermediates of a job cancelled mid-redaction', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const handle = await start(taskQueue, await multiPageTiff(pages));
    const outcome = await pipeline.runWorkers(
      taskQueue,
      (async () => {
        // Cancelled once pages exist in the bucket, while OCR runs.
        await eventually(
          async () => (await handle.query(progressQuery)).stage === 'redacting',
          60_000,
        );
        expect((await objectsOf(handle.workflowId)).some((k) => k.startsWith('pages/'))).toBe(true);
        await handle.cancel();
        return handle.result().catch((e: unknown) => e);
      })(),
    );
    expect(outcome).toBeInstanceOf(WorkflowFailedError);
    expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect(await objectsOf(handle.workflowId)).toEqual(['input', 'manifest.json']);
    expect((await handle.describe()).status.name).toBe('CANCELLED');
  });
});

describe('when results expire (RESULT_TTL of seconds)', () => {
  const ttlMs = 4_000;
  const taskQueue = TestPipeline.taskQueue();
  let api: ServedApi;
  let apiKey: string;
  beforeAll(async () => {
    api = await pipeline.serveApi(taskQueue, { resultTtlMs: ttlMs });
    apiKey = (await api.register()).apiKey;
  });
  afterAll(() => api.stop());

  const get = (path: string) => fetch(`${api.base}${path}`, { headers: { 'x-api-key': apiKey } });
  const statusOf = async (id: string) =>
    ((await (await get(`/v1/jobs/${id}`)).json()) as { status: string }).status;

  it('answers expired and 410 RESULT_EXPIRED, and the sweep schedule deletes every object', async () => {
    const form = new FormData();
    form.append('files', new Blob([pages[0]!.png]), 'intake.png');
    const submitted = await fetch(`${api.base}/v1/jobs`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey },
      body: form,
    });
    expect(submitted.status).toBe(202);
    const id = ((await submitted.json()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
    const handle = pipeline.client.workflow.getHandle(id);

    await pipeline.runWorkers(
      taskQueue,
      (async () => {
        await handle.result();
        expect(await statusOf(id)).toBe('completed');
        expect((await get(`/v1/jobs/${id}/text`)).status).toBe(200);

        // Past the TTL the API says so at once; the objects are still there until the sweep.
        const closed = (await handle.describe()).closeTime!.getTime(); // closed: it has a result
        await new Promise((r) => setTimeout(r, Math.max(0, closed + ttlMs - Date.now() + 200)));
        expect(await statusOf(id)).toBe('expired');
        expect(await objectsOf(id)).toEqual(['output.png', 'report.json', 'text.txt']);
        for (const kind of ['result', 'report', 'text']) {
          const download = await get(`/v1/jobs/${id}/${kind}`);
          expect(download.status, kind).toBe(410);
          expect(((await download.json()) as { error: { code: string } }).error.code).toBe(
            'RESULT_EXPIRED',
          );
        }
        const listed = (await (await get(`/v1/results?ids=${id}`)).json()) as {
          results: Array<{ status: string; result: { pages: number } | null }>;
          summary: Record<string, number>;
        };
        expect(listed.results[0]).toMatchObject({ status: 'expired', result: { pages: 1 } });
        expect(listed.summary).toMatchObject({ expired: 1, completed: 0 });

        // The schedule, made as the worker makes it, run now instead of in RESULT_SWEEP_INTERVAL.
        const schedule = await ensureSweepSchedule(pipeline.client, {
          taskQueue,
          ttlMs,
          intervalMs: 3_600_000,
          scheduleId: `sweep-${randomUUID()}`,
        });
        try {
          // Made twice (a second worker starting): one schedule, updated, not an error.
          await ensureSweepSchedule(pipeline.client, {
            taskQueue,
            ttlMs,
            intervalMs: 3_600_000,
            scheduleId: schedule.scheduleId,
          });
          await schedule.trigger();
          await eventually(async () => (await objectsOf(id)).length === 0, 60_000);
        } finally {
          await schedule.delete();
        }
      })(),
    );
    // Still expired, not a 500 or a 404, once the objects are gone.
    expect(await statusOf(id)).toBe('expired');
    expect((await get(`/v1/jobs/${id}/result`)).status).toBe(410);
  });

  it('sets an S3 lifecycle rule on the bucket, in whole days', async () => {
    expect(await applyBucketExpiry(pipeline.store, ttlMs, createLogger('test', 'error'))).toBe(
      'applied',
    );
    expect(await pipeline.store.lifecycleRules()).toEqual([
      expect.objectContaining({
        ID: 'redactify-result-ttl',
        Status: 'Enabled',
        Filter: { Prefix: 'jobs/' },
        Expiration: { Days: 1 },
      }),
    ]);
  });
});

describe('DELETE /v1/jobs/:id', () => {
  const taskQueue = TestPipeline.taskQueue();
  let api: ServedApi;
  let owner: string;
  let other: string;
  beforeAll(async () => {
    api = await pipeline.serveApi(taskQueue);
    owner = (await api.register()).apiKey;
    other = (await api.register()).apiKey;
  });
  afterAll(() => api.stop());

  const call = (method: string, path: string, key: string) =>
    fetch(`${api.base}${path}`, { method, headers: { 'x-api-key': key } });
  const errorCode = async (response: Response) =>
    ((await response.json()) as { error: { code: string } }).error.code;

  async function submit(bytes: Buffer, name: string): Promise<string> {
    const form = new FormData();
    form.append('files', new Blob([bytes]), name);
    const response = await fetch(`${api.base}/v1/jobs`, {
      method: 'POST',
      headers: { 'x-api-key': owner },
      body: form,
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
  }

  it('cancels a running job, purges its objects and history, and is 404 to another account before', async () => {
    const id = await submit(await multiPageTiff(pages), 'chart.tiff');
    const handle = pipeline.client.workflow.getHandle(id);
    await pipeline.runWorkers(
      taskQueue,
      (async () => {
        await eventually(
          async () => (await handle.query(progressQuery)).stage === 'redacting',
          60_000,
        );
        expect((await objectsOf(id)).some((k) => k.startsWith('pages/'))).toBe(true);

        // Another account: exactly like a missing job, and nothing happens to it.
        const refused = await call('DELETE', `/v1/jobs/${id}`, other);
        expect(refused.status).toBe(404);
        expect(await errorCode(refused)).toBe('JOB_NOT_FOUND');
        expect((await handle.describe()).status.name).toBe('RUNNING');

        const deleted = await call('DELETE', `/v1/jobs/${id}`, owner);
        expect(deleted.status).toBe(204);
        expect(await deleted.text()).toBe('');
      })(),
    );
    const gone = await call('GET', `/v1/jobs/${id}`, owner);
    expect(gone.status).toBe(404);
    expect(await errorCode(gone)).toBe('JOB_NOT_FOUND');
    expect((await call('GET', `/v1/jobs/${id}/result`, owner)).status).toBe(404);
    expect((await call('DELETE', `/v1/jobs/${id}`, owner)).status).toBe(404);
    expect(await objectsOf(id)).toEqual([]);
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    // Audited like every other access: the refused attempt and the deletion.
    const rows = await api.access.store.queryAudit({ jobId: id, action: 'delete', limit: 10 });
    expect(rows.map((r) => r.outcome).sort()).toEqual(['JOB_NOT_FOUND', 'JOB_NOT_FOUND', 'ok']);
  });

  it('deletes a completed job: outputs and history', async () => {
    const id = await submit(pages[1]!.png, 'intake.png');
    const handle = pipeline.client.workflow.getHandle(id);
    await pipeline.runWorkers(taskQueue, handle.result());
    expect(await objectsOf(id)).toEqual(['output.png', 'report.json', 'text.txt']);
    expect((await call('DELETE', `/v1/jobs/${id}`, owner)).status).toBe(204);
    expect(await objectsOf(id)).toEqual([]);
    expect((await call('GET', `/v1/jobs/${id}`, owner)).status).toBe(404);
    const listed = (await (await call('GET', `/v1/results?ids=${id}`, owner)).json()) as {
      results: Array<{ status: string }>;
    };
    expect(listed.results).toEqual([{ id, status: 'not_found' }]);
  });
  it("cleans up a long job run by page-range children, and deletes the children's histories", async () => {
    const { accountId } = (await (await call('GET', '/v1/auth/stats', owner)).json()) as {
      accountId: string;
    };
    const job = await createJob(
      pipeline.jobDeps(taskQueue, { pagesPerChild: 1 }),
      'batch-long',
      { filename: 'long.tiff', bytes: await multiPageTiff(pages.slice(0, 2)) },
      {},
      accountId,
    );
    const handle = pipeline.client.workflow.getHandle(job.id);
    await pipeline.runWorkers(taskQueue, handle.result());
    expect(await objectsOf(job.id)).toEqual(['output.tiff', 'report.json', 'text.txt']);
    const children = [1, 2].map((n) => pipeline.client.workflow.getHandle(`${job.id}-pages-${n}`));
    for (const child of children) expect((await child.describe()).status.name).toBe('COMPLETED');

    expect((await call('DELETE', `/v1/jobs/${job.id}`, owner)).status).toBe(204);
    const forgotten = async () => {
      const found = await Promise.all(
        children.map((c) =>
          c.describe().then(
            () => true,
            (err: unknown) => !(err instanceof WorkflowNotFoundError),
          ),
        ),
      );
      return found.every((f) => !f);
    };
    await eventually(forgotten, 30_000);
  });
});

describe('Temporal namespace retention', () => {
  it('keeps histories no longer than RESULT_TTL plus the grace (defaults)', async () => {
    const { config } = await pipeline.client.workflowService.describeNamespace({
      namespace: 'default',
    });
    const retentionMs = Number(config?.workflowExecutionRetentionTtl?.seconds ?? 0) * 1000;
    // The dev server of the tests is started as npm start starts it, with dev-server.json's 48h.
    expect(retentionMs).toBe(48 * 3_600_000);
    expect(retentionMs).toBeLessThanOrEqual(parseConfig({}).lifecycle.historyRetentionMs);
  });
});
