// redactDocument on real Temporal + MinIO + tesseract: output, fail-safes, typed failures, history.
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, submitUploads } from '../../src/api/submit.js';
import {
  progressQuery,
  SEARCH_ATTRIBUTES,
  type RedactionResult,
} from '../../src/workflows/contract.js';
import { jobKeys } from '../../src/storage/keys.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  multiPageTiff,
  PATIENTS,
  phiStrings,
  type TestPage,
} from '../fixtures/documents.js';
import { historyText } from '../support/history.js';
import { TEST_OWNER, TestPipeline } from '../support/pipeline.js';

let pipeline: TestPipeline;
let pages: TestPage[];

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  pages = await Promise.all(PATIENTS.map((p, i) => formPage(intakeLines(p, i + 1))));
});
afterAll(() => pipeline.close());

const jobDeps = (taskQueue: string) => pipeline.jobDeps(taskQueue);

/** Starts a job for raw bytes, skipping the API's up-front validation (as a bad upload would reach it). */
async function startRaw(taskQueue: string, bytes: Buffer, filename = 'document.bin') {
  const job = await createJob(
    jobDeps(taskQueue),
    'batch-test',
    { filename, bytes },
    {},
    TEST_OWNER,
  );
  return pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id);
}

describe('redactDocument', () => {
  it('redacts every page of a multi-page TIFF and keeps the page count, size and safe text', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const tiff = await multiPageTiff(pages);
    const filename = 'Margaret_Holloway_chart.tiff';
    const { jobs } = await submitUploads(
      jobDeps(taskQueue),
      [{ filename, bytes: tiff }],
      {},
      TEST_OWNER,
    );
    const handle = pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(jobs[0]!.id);

    const [result, progress] = await pipeline.runWorkers(
      taskQueue,
      handle.result().then(async (r) => [r, await handle.query(progressQuery)] as const),
    );

    expect(progress).toEqual({ stage: 'done', pagesDone: 3, pagesTotal: 3 });
    expect(result).toMatchObject({
      pages: 3,
      outputType: 'tiff',
      review: 'none',
      pagesFlagged: [],
    });
    // every page has NAME, 2×DATE, MRN, SSN, PHONE, EMAIL
    expect(result.byCategory).toEqual({ NAME: 3, DATE: 6, MRN: 3, SSN: 3, PHONE: 3, EMAIL: 3 });
    expect(result.entitiesMasked).toBe(21);

    const output = await pipeline.store.getBuffer(result.outputKey);
    const meta = await sharp(output).metadata();
    expect(meta.pages).toBe(3);
    for (const [index, page] of pages.entries()) {
      const pageMeta = await sharp(output, { page: index }).metadata();
      expect([pageMeta.width, pageMeta.height, pageMeta.density]).toEqual([
        page.width,
        page.height,
        page.dpi,
      ]);
      for (const word of page.words) {
        const dark = await darkFraction(output, word.box, index);
        if (word.phi) expect(dark, `PHI word on page ${index + 1}`).toBeGreaterThan(0.97);
        else expect(dark, `safe word "${word.text}"`).toBeLessThan(0.75);
      }
    }

    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.pageCount)).toBe(3);
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.phiCount)).toBe(21);
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.sourceType)).toBe('tiff');

    // Claim-check: nothing recognised, and not the file name, is in the workflow history.
    const history = await historyText(pipeline.client, handle.workflowId);
    expect(history).toContain('pageConcurrency'); // the decoded job input: the search sees payloads
    for (const secret of [...PATIENTS.flatMap(phiStrings), 'Holloway_chart']) {
      expect(history.includes(secret), 'PHI found in workflow history').toBe(false);
    }
  });

  it('masks a name on every page once any page of the document names it with a cue', async () => {
    const taskQueue = TestPipeline.taskQueue();
    // Page 1 writes the surname alone in capitals, with no cue; page 2 captions it.
    const doc = await Promise.all([
      formPage([[['Please schedule'], ['OKONKWO', 'NAME'], ['for an echo.']], [['Thank you.']]]),
      formPage([[['Patient:'], ['Chidi Okonkwo', 'NAME']], [['Seen for follow-up.']]]),
    ]);
    const { jobs } = await submitUploads(
      jobDeps(taskQueue),
      [{ filename: 'referral.tiff', bytes: await multiPageTiff(doc) }],
      {},
      TEST_OWNER,
    );
    const handle = pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(jobs[0]!.id);
    const result = await pipeline.runWorkers(taskQueue, handle.result());

    expect(result.byCategory).toEqual({ NAME: 2 });
    const output = await pipeline.store.getBuffer(result.outputKey);
    for (const [index, page] of doc.entries())
      for (const word of page.words) {
        const dark = await darkFraction(output, word.box, index);
        if (word.phi) expect(dark, `PHI word on page ${index + 1}`).toBeGreaterThan(0.97);
        else expect(dark, `safe word on page ${index + 1}`).toBeLessThan(0.75);
      }
    const text = (await pipeline.store.getBuffer(jobKeys(handle.workflowId).text)).toString();
    expect(/okonkwo/i.test(text), 'the name left in the text').toBe(false);
    expect(text).toContain('Please schedule');
    const history = await historyText(pipeline.client, handle.workflowId);
    expect(history).toContain('collectDocumentNames');
    expect(history.includes('Okonkwo'), 'PHI found in workflow history').toBe(false);
  });

  it('fails with a non-retryable UNSUPPORTED_TYPE for an HTML file renamed .png', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const handle = await startRaw(
      taskQueue,
      Buffer.from('<!DOCTYPE html><html><body>x</body></html>'),
      'scan.png',
    );
    const err = await pipeline.runWorkers(
      taskQueue,
      handle.result().catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (err as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    const cause = (activityFailure as ActivityFailure).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('UNSUPPORTED_TYPE');
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('fails with CORRUPT_INPUT for a truncated PNG, after one attempt', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const png = pages[0]!.png;
    const handle = await startRaw(
      taskQueue,
      png.subarray(0, Math.floor(png.length / 3)),
      'cut.png',
    );
    const err = await pipeline.runWorkers(
      taskQueue,
      handle.result().catch((e: unknown) => e),
    );
    const cause = ((err as WorkflowFailedError).cause as ActivityFailure)
      .cause as ApplicationFailure;
    expect(cause.type).toBe('CORRUPT_INPUT');
    const history = await handle.fetchHistory();
    const failed = history.events?.find((e) => e.activityTaskFailedEventAttributes);
    expect(failed?.activityTaskFailedEventAttributes?.retryState).toBeDefined();
    const started = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
    expect(started.at(-1)?.activityTaskStartedEventAttributes?.attempt).toBe(1);
  });
});

describe('fail-safe', () => {
  let slow: TestPipeline;
  beforeAll(async () => {
    slow = await TestPipeline.open({ ocrTimeoutMs: 1 });
  });
  afterAll(() => slow.close());

  it('masks a page whose OCR times out entirely and flags it for review', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const job = await createJob(
      slow.jobDeps(taskQueue),
      'batch-test',
      { filename: 'a.png', bytes: pages[0]!.png },
      {},
      TEST_OWNER,
    );
    const handle = slow.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id);
    const result = await slow.runWorkers(taskQueue, handle.result());

    expect(result).toMatchObject({
      pages: 1,
      review: 'required',
      pagesFlagged: [0],
      byCategory: { UNREADABLE: 1 },
    });
    const output = await slow.store.getBuffer(result.outputKey);
    const page = pages[0]!;
    expect(await darkFraction(output, { x: 0, y: 0, w: page.width, h: page.height })).toBe(1);
    const report = JSON.parse((await slow.store.getBuffer(jobKeys(job.id).report)).toString()) as {
      pagesFlagged: number[];
      pages: Array<{ flags: string[] }>;
    };
    expect(report.pagesFlagged).toEqual([0]);
    expect(report.pages[0]?.flags).toEqual(['unreadable']);
  });
});

describe('detection time budget', () => {
  let hurried: TestPipeline;
  // Far below what detecting a whole form page takes, so every page runs past it.
  beforeAll(async () => {
    hurried = await TestPipeline.open({ detectBudgetMs: 1 });
  });
  afterAll(() => hurried.close());

  it('masks a page whose detection runs past its budget whole, flags it, and releases no text', async () => {
    const taskQueue = TestPipeline.taskQueue();
    const allow = Array.from({ length: 1000 }, (_, i) => `Term ${i}`);
    const job = await createJob(
      hurried.jobDeps(taskQueue),
      'batch-test',
      { filename: 'a.png', bytes: pages[0]!.png },
      { allow },
      TEST_OWNER,
    );
    const handle = hurried.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id);
    const result = await hurried.runWorkers(taskQueue, handle.result());

    expect(result).toMatchObject({
      pages: 1,
      review: 'required',
      pagesFlagged: [0],
      byCategory: { UNREADABLE: 1 },
    });
    const output = await hurried.store.getBuffer(result.outputKey);
    const page = pages[0]!;
    expect(await darkFraction(output, { x: 0, y: 0, w: page.width, h: page.height })).toBe(1);
    const report = JSON.parse(
      (await hurried.store.getBuffer(jobKeys(job.id).report)).toString(),
    ) as { pages: Array<{ flags: string[] }> };
    expect(report.pages[0]?.flags).toEqual(['detection-timeout']);
    const text = (await hurried.store.getBuffer(jobKeys(job.id).text)).toString();
    expect(text).toBe('[UNREADABLE PAGE]');
  });
});
