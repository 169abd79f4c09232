// 100-page documents (TIFF and PDF) go through, page by page, with history far below Temporal's limits.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJob } from '../../src/api/job-view.js';
import { createJob } from '../../src/api/submit.js';
import type { RedactionResult } from '../../src/workflows/contract.js';
import {
  formPage,
  intakeLines,
  cycle,
  intakePdf,
  multiPageTiff,
  PATIENTS,
} from '../fixtures/documents.js';
import { TEST_OWNER, TestPipeline } from '../support/pipeline.js';

const PAGES = 100;
let pipeline: TestPipeline;

beforeAll(async () => {
  pipeline = await TestPipeline.open({
    limits: { maxPages: 200, maxPagePixels: 40_000_000, maxDocumentPixels: 2_000_000_000 },
  });
});
afterAll(() => pipeline.close());

describe('large documents', () => {
  it(`redacts a ${PAGES}-page TIFF and a ${PAGES}-page PDF`, async () => {
    const forms = await Promise.all(PATIENTS.map((p) => formPage(intakeLines(p), { dpi: 150 })));
    const tiff = await multiPageTiff(cycle(forms, PAGES));
    const pdf = await intakePdf(PAGES);

    const taskQueue = TestPipeline.taskQueue();
    // 40 pages per child workflow: a 100-page document runs as three children.
    const deps = pipeline.jobDeps(taskQueue, { pageConcurrency: 4, pagesPerChild: 40 });
    const jobs = [
      await createJob(deps, 'batch-large', { filename: 'big.tiff', bytes: tiff }, {}, TEST_OWNER),
      await createJob(deps, 'batch-large', { filename: 'big.pdf', bytes: pdf }, {}, TEST_OWNER),
    ];
    const handles = jobs.map((j) =>
      pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(j.id),
    );
    const results = await pipeline.runWorkers(
      taskQueue,
      Promise.all(handles.map((h) => h.result())),
    );

    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ pages: PAGES, review: 'none' });
      // Seven PHI values per page: name, two dates, MRN, SSN, phone, e-mail.
      expect(result.entitiesMasked).toBe(PAGES * 7);
      // The parent stays small; each 40-page child holds its own pages' history.
      const parent = await handles[i]!.describe();
      expect(parent.historyLength).toBeLessThan(200);
      for (const n of [1, 2, 3]) {
        const child = await pipeline.client.workflow
          .getHandle(`${jobs[i]!.id}-pages-${n}`)
          .describe();
        expect(child.status.name).toBe('COMPLETED');
        expect(child.historyLength).toBeLessThan(1_000);
      }
      // A child is not a job: the API answers 404 for its id.
      expect(
        await getJob(pipeline.client, `${jobs[i]!.id}-pages-1`, TEST_OWNER, 86_400_000),
      ).toBeUndefined();
    }
    const [tiffOut, pdfOut] = await Promise.all(
      results.map((r) => pipeline.store.getBuffer(r.outputKey)),
    );
    expect((await sharp(tiffOut).metadata()).pages).toBe(PAGES);
    expect(results[1]!.outputType).toBe('pdf');
    expect(pdfOut!.subarray(0, 5).toString()).toBe('%PDF-');
    // The output PDF is masked page images only: no text layer under the boxes.
    const rendered = await getDocument({
      data: new Uint8Array(pdfOut!),
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
    expect(rendered.numPages).toBe(PAGES);
    expect((await (await rendered.getPage(1)).getTextContent()).items).toEqual([]);
    await rendered.destroy();
  });
});
