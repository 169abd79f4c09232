// Data lifecycle on real Temporal + MinIO: what a job leaves in the bucket when it ends.
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../src/api/submit.js';
import { progressQuery, type RedactionResult } from '../../src/shared.js';
import { jobKeys } from '../../src/storage/keys.js';
import {
  formPage,
  intakeLines,
  multiPageTiff,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import { TEST_OWNER, TestPipeline } from '../support/pipeline.js';

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
