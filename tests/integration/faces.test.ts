// A default redact job over an ID-card-like scan: the portrait's face and the text PHI are masked.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitUploads } from '../../src/api/submit.js';
import { detectFaces } from '../../src/faces/detect.js';
import { decodeRaw } from '../../src/imaging/raw.js';
import type { RedactionResult } from '../../src/workflows/contract.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  PATIENTS,
  phiStrings,
} from '../fixtures/documents.js';
import { historyText } from '../support/history.js';
import { TEST_OWNER, TestPipeline } from '../support/pipeline.js';

let pipeline: TestPipeline;
beforeAll(async () => {
  pipeline = await TestPipeline.open();
});
afterAll(() => pipeline.close());

// The astronaut's head from the scikit-image photo, and her face (eyebrows to chin) inside it.
const HEAD = { left: 140, top: 40, width: 170, height: 190 };
const FACE_IN_HEAD = { x: 40, y: 45, w: 85, h: 100 };
const SCALE = 1.5;
const PHOTO_AT = { left: 1950, top: 60 };

describe('faces in a default redact job', () => {
  it('masks the portrait on an ID-card scan and the text PHI beside it', async () => {
    const patient = PATIENTS[0]!;
    const page = await formPage(intakeLines(patient).slice(0, 5), { dpi: 200, width: 2300 });
    const photo = await sharp(
      await readFile(new URL('../fixtures/faces/astronaut.jpg', import.meta.url)),
    )
      .extract(HEAD)
      .resize(Math.round(HEAD.width * SCALE), Math.round(HEAD.height * SCALE))
      .toBuffer();
    expect(Math.max(...page.words.map((w) => w.box.x + w.box.w))).toBeLessThan(PHOTO_AT.left);
    const card = await sharp(page.png)
      .composite([{ input: photo, ...PHOTO_AT }])
      .png()
      .toBuffer();
    const face = {
      x: PHOTO_AT.left + FACE_IN_HEAD.x * SCALE,
      y: PHOTO_AT.top + FACE_IN_HEAD.y * SCALE,
      w: FACE_IN_HEAD.w * SCALE,
      h: FACE_IN_HEAD.h * SCALE,
    };

    const taskQueue = TestPipeline.taskQueue();
    const { jobs } = await submitUploads(
      pipeline.jobDeps(taskQueue),
      [{ filename: 'id-card.png', bytes: card }],
      {},
      TEST_OWNER,
    );
    const handle = pipeline.client.workflow.getHandle<() => Promise<RedactionResult>>(jobs[0]!.id);
    const result = await pipeline.runWorkers(taskQueue, handle.result());

    expect(result.byCategory.FACE).toBeGreaterThanOrEqual(1);
    const output = await pipeline.store.getBuffer(result.outputKey);
    // The face is filled (black), not just touched by a box.
    expect(await darkFraction(output, face)).toBeGreaterThan(0.99);
    for (const word of page.words)
      if (word.phi) expect(await darkFraction(output, word.box)).toBeGreaterThan(0.97);
    // Looking again finds no face on what the job returned.
    expect(await detectFaces(await decodeRaw(output))).toEqual([]);

    const report = JSON.parse((await pipeline.store.getBuffer(result.reportKey)).toString()) as {
      pages: { entities: { category: string }[] }[];
    };
    const faces = report.pages[0]!.entities.filter((e) => e.category === 'FACE');
    expect(faces[0]).toMatchObject({ detector: 'face-api/tiny_face_detector' });

    const history = await historyText(pipeline.client, handle.workflowId);
    for (const secret of [...phiStrings(patient), 'id-card'])
      expect(history.includes(secret)).toBe(false);
  });
});
