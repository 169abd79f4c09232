// Human review end to end through the API (REVIEW_MODE=hold): a held job approved with an added
// mask, rejected (pages masked whole, or the job failed), and invisible to another account.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewSettings } from '../../src/workflows/contract.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

const taskQueue = TestPipeline.taskQueue();
/** Every page with PHI is flagged: pattern and label entities are below confidence 1. */
const HOLD: ReviewSettings = {
  mode: 'hold',
  confidenceBelow: 1,
  timeoutMs: 3_600_000,
  timeoutAction: 'reject',
  rejectAction: 'mask-pages',
};

let pipeline: TestPipeline;
let masking: ServedApi;
let failing: ServedApi;
let page: TestPage;

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  masking = await pipeline.serveApi(taskQueue, { review: HOLD });
  failing = await pipeline.serveApi(taskQueue, { review: { ...HOLD, rejectAction: 'fail' } });
  page = await formPage(intakeLines(PATIENTS[0]!));
});
afterAll(async () => {
  await masking.stop();
  await failing.stop();
  await pipeline.close();
});

interface View {
  id: string;
  status: string;
  review: {
    pages: Array<{ index: number; width: number; height: number; flags: string[] }>;
  } | null;
  result: { reviewed?: Record<string, unknown>; pagesFlagged: number[] } | null;
  error: { code: string } | null;
}

const client = (api: ServedApi, apiKey: string) => {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${api.base}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        'x-api-key': apiKey,
        ...(init.body && typeof init.body === 'string' && { 'content-type': 'application/json' }),
      },
    });
  return {
    call,
    view: async (id: string) => (await (await call(`/v1/jobs/${id}`)).json()) as View,
    submit: async () => {
      const form = new FormData();
      form.append('files', new Blob([page.png]), 'intake.png');
      const response = await call('/v1/jobs', { method: 'POST', body: form });
      expect(response.status).toBe(202);
      return ((await response.json()) as { jobs: Array<{ id: string }> }).jobs[0]!.id;
    },
    review: (id: string, body: unknown) =>
      call(`/v1/jobs/${id}/review`, { method: 'POST', body: JSON.stringify(body) }),
  };
};
type Client = ReturnType<typeof client>;

/** Polls until `ready` holds (bounded: OCR under load is slow, never endless). */
async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 240_000;
  for (let i = 0; i < 1_200 && Date.now() < deadline; i++) {
    const value = await read();
    if (ready(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not reached in time');
}

const settled = (v: View) => v.status !== 'queued' && v.status !== 'running';

const word = (text: string) => {
  const found = page.words.find((w) => w.text === text);
  if (!found) throw new Error(`no word ${text} on the test page`);
  return found;
};

describe('review (REVIEW_MODE=hold)', () => {
  it('holds a flagged job, shows its pages to the owner only, and releases it approved with an added mask', async () => {
    const owner = client(masking, (await masking.register()).apiKey);
    const other = client(masking, (await masking.register()).apiKey);
    await pipeline.runWorkers(
      taskQueue,
      (async () => {
        const id = await owner.submit();
        const held = await until(() => owner.view(id), settled);
        expect(held.status).toBe('review');
        expect(held.review?.pages).toEqual([
          { index: 0, width: page.width, height: page.height, flags: ['low-confidence'] },
        ]);
        expect(held.result).toBeNull();
        // Nothing is released while the job waits.
        expect((await owner.call(`/v1/jobs/${id}/result`)).status).toBe(409);

        // Another account neither lists, sees, nor decides it.
        const listed = await until(
          async () =>
            ((await (await owner.call('/v1/reviews')).json()) as { reviews: Array<{ id: string }> })
              .reviews,
          (reviews) => reviews.some((r) => r.id === id),
        );
        expect(listed.find((r) => r.id === id)).toMatchObject({
          review: { pages: [{ index: 0 }] },
        });
        expect(await (await other.call('/v1/reviews')).json()).toEqual({ reviews: [] });
        expect((await other.call(`/v1/jobs/${id}/review/pages/0`)).status).toBe(404);
        expect((await other.review(id, { decision: 'approve' })).status).toBe(404);
        expect((await owner.view(id)).status).toBe('review');

        // The owner sees the masked page as it would be released: PHI masked, clinical text not.
        const under = await owner.call(`/v1/jobs/${id}/review/pages/0`);
        expect(under.status).toBe(200);
        expect(under.headers.get('content-type')).toBe('image/png');
        expect(under.headers.get('cache-control')).toBe('no-store');
        const maskedPage = Buffer.from(await under.arrayBuffer());
        const drug = word('lisinopril').box;
        expect(await darkFraction(maskedPage, word(PATIENTS[0]!.mrn).box)).toBeGreaterThan(0.9);
        expect(await darkFraction(maskedPage, drug)).toBeLessThan(0.5);
        expect((await owner.call(`/v1/jobs/${id}/review/pages/3`)).status).toBe(404);

        // Boxes off the page are refused; the job stays held.
        const outside = await owner.review(id, {
          decision: 'approve',
          addBoxes: [
            { page: 0, bbox: { x: page.width - 5, y: 0, w: 50, h: 50 }, category: 'OTHER_ID' },
          ],
        });
        expect(outside.status).toBe(400);
        expect((await owner.view(id)).status).toBe('review');

        const bbox = {
          x: Math.floor(drug.x),
          y: Math.floor(drug.y),
          w: Math.ceil(drug.w),
          h: Math.ceil(drug.h),
        };
        const approved = await owner.review(id, {
          decision: 'approve',
          addBoxes: [{ page: 0, bbox, category: 'OTHER_ID' }],
        });
        expect(approved.status).toBe(202);
        const done = await until(
          () => owner.view(id),
          (v) => v.status === 'completed',
        );
        expect(done.result?.reviewed).toEqual({
          decision: 'approve',
          by: 'reviewer',
          boxesAdded: 1,
          pagesMasked: [],
        });
        expect(done.review).toBeNull();

        // The released file has the added mask, and the text lost the word under it.
        const output = Buffer.from(await (await owner.call(`/v1/jobs/${id}/result`)).arrayBuffer());
        expect(await darkFraction(output, drug)).toBeGreaterThan(0.9);
        expect(await darkFraction(output, word('hypertension,').box)).toBeLessThan(0.5);
        const text = await (await owner.call(`/v1/jobs/${id}/text`)).text();
        expect(text).toContain('hypertension');
        expect(text).not.toContain('lisinopril');
        const report = (await (await owner.call(`/v1/jobs/${id}/report`)).json()) as {
          pages: Array<{ entities: Array<{ detector: string; category: string }> }>;
        };
        expect(report.pages[0]?.entities).toContainEqual(
          expect.objectContaining({ detector: 'reviewer', category: 'OTHER_ID' }),
        );
        // Decided once: a second decision is refused.
        expect((await owner.review(id, { decision: 'reject' })).status).toBe(409);

        // Every decision is in the audit log (the refused ones with their code).
        const rows = await masking.access.store.queryAudit({ jobId: id, limit: 100 });
        const decisions = rows
          .filter((r) => r.action.startsWith('review'))
          .map((r) => [r.action, r.outcome])
          .reverse();
        expect(decisions).toEqual(
          expect.arrayContaining([
            ['review', 'JOB_NOT_FOUND'],
            ['review', 'VALIDATION_FAILED'],
            ['review.approve', 'ok'],
            ['review', 'JOB_NOT_IN_REVIEW'],
            ['review.page', 'ok'],
          ]),
        );
      })(),
    );
  }, 300_000);

  it('masks the flagged pages whole on reject (REVIEW_REJECT_ACTION=mask-pages)', async () => {
    const owner = client(masking, (await masking.register()).apiKey);
    await pipeline.runWorkers(
      taskQueue,
      (async () => {
        const id = await owner.submit();
        expect((await until(() => owner.view(id), settled)).status).toBe('review');
        expect((await owner.review(id, { decision: 'reject' })).status).toBe(202);
        const done = await until(
          () => owner.view(id),
          (v) => v.status === 'completed',
        );
        expect(done.result?.reviewed).toEqual({
          decision: 'reject',
          by: 'reviewer',
          boxesAdded: 0,
          pagesMasked: [0],
        });
        const output = Buffer.from(await (await owner.call(`/v1/jobs/${id}/result`)).arrayBuffer());
        const { width, height } = await sharp(output).metadata();
        expect([width, height]).toEqual([page.width, page.height]);
        expect(
          await darkFraction(output, { x: 0, y: 0, w: page.width, h: page.height }),
        ).toBeGreaterThan(0.99);
        expect(await (await owner.call(`/v1/jobs/${id}/text`)).text()).toBe(
          '[PAGE MASKED IN REVIEW]',
        );
      })(),
    );
  }, 300_000);

  it('fails the job with REVIEW_REJECTED on reject (REVIEW_REJECT_ACTION=fail)', async () => {
    const owner: Client = client(failing, (await failing.register()).apiKey);
    await pipeline.runWorkers(
      taskQueue,
      (async () => {
        const id = await owner.submit();
        expect((await until(() => owner.view(id), settled)).status).toBe('review');
        expect((await owner.review(id, { decision: 'reject' })).status).toBe(202);
        const failed = await until(
          () => owner.view(id),
          (v) => v.status === 'failed',
        );
        expect(failed.error).toMatchObject({ code: 'REVIEW_REJECTED' });
        expect((await owner.call(`/v1/jobs/${id}/result`)).status).toBe(409);
      })(),
    );
  }, 300_000);
});
