// Outputs keep no metadata: PHI written into every metadata field of the input never reaches them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob } from '../../src/api/submit.js';
import type { RedactionResult } from '../../src/workflows/contract.js';
import { bytesContain as contains } from '../fixtures/bytes.js';
import { formPage } from '../fixtures/documents.js';
import { inputsWithMetadata, METADATA_PHI } from '../fixtures/metadata.js';
import { TEST_OWNER, TestPipeline } from '../support/pipeline.js';

let pipeline: TestPipeline;
beforeAll(async () => {
  pipeline = await TestPipeline.open();
});
afterAll(() => pipeline.close());

describe('metadata', () => {
  it('strips EXIF, XMP, IPTC, comments, text chunks, TIFF tags and PDF document info', async () => {
    const page = await formPage([[['Follow-up visit, no complaints.']]], { dpi: 150 });
    const inputs = await inputsWithMetadata(page.png);
    for (const input of inputs)
      expect(contains(input.bytes, METADATA_PHI), `${input.name} carries the PHI`).toBe(true);

    const taskQueue = TestPipeline.taskQueue();
    const deps = pipeline.jobDeps(taskQueue);
    const jobs = await Promise.all(
      inputs.map((input) =>
        createJob(deps, 'batch-meta', { filename: input.name, bytes: input.bytes }, {}, TEST_OWNER),
      ),
    );
    const results = await pipeline.runWorkers(
      taskQueue,
      Promise.all(
        jobs.map((job) =>
          pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id).result(),
        ),
      ),
    );
    for (const [i, result] of results.entries()) {
      const output = await pipeline.store.getBuffer(result.outputKey);
      expect(result.pages).toBe(1);
      expect(
        contains(output, METADATA_PHI),
        `${inputs[i]!.name} (${inputs[i]!.fields}) leaked into the output`,
      ).toBe(false);
      expect(contains(output, 'Zelda'), `${inputs[i]!.name}: no part of the name`).toBe(false);
    }
  });
});
