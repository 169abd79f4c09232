// The verification loop of redactDocument on a real Temporal server, with activities faked the way
// the Temporal samples do (typed as the real set), so each residual-PHI path is exercised exactly.
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../../src/activities/index.js';
import type { PhiEntity } from '../../src/phi/types.js';
import { facesTaskQueue, ocrTaskQueue, WORKFLOW_TYPE } from '../../src/workflows/contract.js';
import type { redactDocument } from '../../src/workflows/index.js';
import { TestPipeline } from '../support/pipeline.js';
import { parsePrometheusText, sampleValue } from '../support/prom-text.js';

let pipeline: TestPipeline;
beforeAll(async () => {
  pipeline = await TestPipeline.open();
});
afterAll(() => pipeline.close());

const entity = (x: number): PhiEntity => ({
  category: 'NAME',
  bbox: { x, y: 0, w: 10, h: 10 },
  confidence: 0.9,
  detector: 'label',
});

/** Activities of other operations, which a redact job never runs: they fail if it does. */
function notCalled<const N extends string>(...names: N[]) {
  const fail = (name: string) => () => Promise.reject(new Error(`${name} ran in a redact job`));
  return Object.fromEntries(names.map((n) => [n, fail(n)])) as unknown as Pick<
    Activities,
    N & keyof Activities
  >;
}

/** Fake activities for a one-page document; `residuals[n]` is what the n-th verification finds. */
function fakes(residuals: PhiEntity[][], masks: PhiEntity[][]): Activities {
  let verifications = 0;
  const page = { index: 0, key: 'p0', width: 100, height: 100, dpi: 300 };
  const fake = {
    fetchSource: async () => ({
      sourceType: 'png' as const,
      bytes: 1,
      operation: 'redact' as const,
      ms: 1,
      storageMs: 0,
    }),
    splitPages: async () => ({ pages: [page], ms: 1, storageMs: 0 }),
    ocrPage: async () => ({
      readable: true,
      words: 3,
      engine: 'tesseract' as const,
      flags: [],
      ms: 1,
      storageMs: 0,
    }),
    detectPhi: async () => ({ entities: [entity(0)], ms: 1, storageMs: 0 }),
    findFaces: async () => ({ entities: [], ms: 1, storageMs: 0 }),
    maskPage: async ({ entities }: { entities: PhiEntity[] }) => {
      masks.push(entities);
      return { maskedKey: 'm0', ms: 1, storageMs: 0 };
    },
    verifyPage: async () => ({
      residual: residuals[verifications++] ?? [],
      reread: 1,
      ms: 1,
      storageMs: 0,
    }),
    assembleOutput: async () => ({
      outputKey: 'o',
      reportKey: 'r',
      outputType: 'png' as const,
      processingMs: 5,
      ms: 1,
      storageMs: 0,
    }),
    removeBackground: async () => Promise.reject(new Error('not a remove-background job')),
    assembleCutout: async () => Promise.reject(new Error('not a remove-background job')),
    // Review is off (REVIEW_MODE=flag) in these runs.
    remaskForReview: async () => {
      throw new Error('no review in these runs');
    },
    cleanUpJob: async () => ({ deleted: 0, ms: 1, storageMs: 0 }),
    purgeExpiredJobs: async () => ({ jobs: 0, objects: 0, ms: 1, storageMs: 0 }),
    ...notCalled(
      'blurPageFaces',
      'splitVideo',
      'blurVideoSegment',
      'assembleVideo',
      'collectDocumentNames',
    ),
  };
  return fake;
}

async function run(residuals: PhiEntity[][]) {
  const taskQueue = TestPipeline.taskQueue();
  const masks: PhiEntity[][] = [];
  const activities = fakes(residuals, masks);
  const { ocrPage, verifyPage, findFaces, ...light } = activities;
  const common = {
    connection: pipeline.nativeConnection,
    workflowBundle: pipeline.bundle,
    dataConverter: pipeline.dataConverter,
  };
  const main = await Worker.create({
    ...common,
    taskQueue,
    activities: light,
    sinks: pipeline.jobSinks(),
  });
  const ocr = await Worker.create({
    ...common,
    taskQueue: ocrTaskQueue(taskQueue),
    activities: { ocrPage, verifyPage },
  });
  const faces = await Worker.create({
    ...common,
    taskQueue: facesTaskQueue(taskQueue),
    activities: { findFaces },
  });
  const execution = pipeline.client.workflow.execute<typeof redactDocument>(WORKFLOW_TYPE, {
    taskQueue,
    workflowId: `verify-${taskQueue}`,
    args: [{ jobId: 'j', pageConcurrency: 1, pagesPerChild: 100 }],
  });
  const [result] = await Promise.all([
    main.runUntil(execution),
    ocr.runUntil(execution),
    faces.runUntil(execution),
  ]);
  return { result, masks };
}

describe('verification rounds', () => {
  it('completes clean when the first check reads no PHI', async () => {
    const { result, masks } = await run([[]]);
    expect(masks).toEqual([[entity(0)]]);
    expect(result).toMatchObject({ review: 'none', pagesFlagged: [], entitiesMasked: 1 });
  });

  it('masks residual PHI in a second round and completes clean when the second check reads none', async () => {
    const { result, masks } = await run([[entity(50)], []]);
    expect(masks).toEqual([[entity(0)], [entity(0), entity(50)]]);
    expect(result).toMatchObject({ review: 'none', entitiesMasked: 2 });
  });

  it('masks what is still read after the second round too, and asks for review', async () => {
    const flagged = async () =>
      sampleValue(
        parsePrometheusText(await pipeline.workerMetrics.registry.metrics()),
        'redactify_pages_flagged_total',
        { flag: 'residual-phi' },
      );
    const before = await flagged();
    const { result, masks } = await run([[entity(50)], [entity(80)]]);
    expect((await flagged()) - before).toBe(1);
    expect(masks.at(-1)).toEqual([entity(0), entity(50), entity(80)]);
    expect(result).toMatchObject({ review: 'required', pagesFlagged: [0], entitiesMasked: 3 });
  });
});
