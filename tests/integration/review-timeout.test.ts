// A held job's review timeout, on Temporal's time-skipping test server (Maven's Java test server,
// see scripts/lib/test-server.ts): the real workflow and activities on real MinIO, a review
// timeout of a day that passes in seconds, and what REVIEW_TIMEOUT_ACTION decides then.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/tools.js';
import { createJob } from '../../src/api/submit.js';
import type { RedactionResult, ReviewSettings } from '../../src/workflows/contract.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import { TEST_OWNER, TestPipeline } from '../support/pipeline.js';
import { startTimeSkippingServer } from '../support/time-skipping.js';

const DAY_MS = 24 * 3_600_000;
const HOLD: ReviewSettings = {
  mode: 'hold',
  confidenceBelow: 1,
  timeoutMs: DAY_MS,
  timeoutAction: 'reject',
  rejectAction: 'mask-pages',
};

let pipeline: TestPipeline;
let env: TestWorkflowEnvironment;
let page: TestPage;

/** The search attributes the workflow sets, registered as the dev server gets them. */
async function registerSearchAttributes() {
  const settings = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'temporal', 'dev-server.json'), 'utf8'),
  ) as { searchAttributes: Record<string, 'Keyword' | 'Int'> };
  const type = {
    Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(settings.searchAttributes).map(([name, t]) => [name, type[t]]),
    ),
  });
}

let server: Awaited<ReturnType<typeof startTimeSkippingServer>>;

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  server = await startTimeSkippingServer();
  env = await TestWorkflowEnvironment.createFromExistingServer({
    address: server.address,
    client: { dataConverter: pipeline.dataConverter },
  });
  await registerSearchAttributes();
  page = await formPage(intakeLines(PATIENTS[1]!));
}, 150_000);
afterAll(async () => {
  await env?.teardown();
  await server?.stop();
  await pipeline?.close();
});

/** Runs one held job nobody reviews to its end; returns its result and its run's server time. */
async function unreviewed(review: ReviewSettings) {
  const taskQueue = TestPipeline.taskQueue();
  const deps = { ...pipeline.jobDeps(taskQueue, { review }), temporal: env.client };
  const job = await createJob(
    deps,
    'batch-timeout',
    { filename: 'intake.png', bytes: page.png },
    {},
    TEST_OWNER,
  );
  const handle = env.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id);
  const result = await pipeline.runWorkers(taskQueue, handle.result(), {
    connection: env.nativeConnection,
  });
  const { startTime, closeTime } = await handle.describe();
  return { result, elapsedMs: (closeTime?.getTime() ?? 0) - startTime.getTime() };
}

describe('review timeout (time-skipping)', () => {
  it('rejects by default when nobody reviews in time: the flagged page is masked whole', async () => {
    const started = Date.now();
    const { result, elapsedMs } = await unreviewed(HOLD);
    expect(result.reviewed).toEqual({
      decision: 'reject',
      by: 'timeout',
      boxesAdded: 0,
      pagesMasked: [0],
    });
    // The server's clock passed the day; the wall clock did not.
    expect(elapsedMs).toBeGreaterThanOrEqual(DAY_MS);
    expect(Date.now() - started).toBeLessThan(DAY_MS / 100);
    const output = await pipeline.store.getBuffer(result.outputKey);
    expect(
      await darkFraction(output, { x: 0, y: 0, w: page.width, h: page.height }),
    ).toBeGreaterThan(0.99);
  }, 300_000);

  it('releases the page as masked with REVIEW_TIMEOUT_ACTION=approve', async () => {
    const { result } = await unreviewed({ ...HOLD, timeoutAction: 'approve' });
    expect(result.reviewed).toEqual({
      decision: 'approve',
      by: 'timeout',
      boxesAdded: 0,
      pagesMasked: [],
    });
    const output = await pipeline.store.getBuffer(result.outputKey);
    const mrn = page.words.find((w) => w.text === PATIENTS[1]!.mrn)!.box;
    const drug = page.words.find((w) => w.text === 'lisinopril')!.box;
    expect(await darkFraction(output, mrn)).toBeGreaterThan(0.9);
    expect(await darkFraction(output, drug)).toBeLessThan(0.5);
  }, 300_000);
});
