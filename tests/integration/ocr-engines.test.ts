// OCR engines and the `ocr` operation on the real stack (Temporal + MinIO + the API), with Azure
// Document Intelligence played by the local fake: engine per job, throttling, a refused key,
// both fallbacks, native Tesseract and its fallback, the ocr scope, and typed refusals at submit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/access/keys.js';
import { AzureReadEngine, type AzureReadOptions } from '../../src/ocr/azure-engine.js';
import { NativeTesseractEngine } from '../../src/ocr/tesseract-native.js';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import {
  FAKE_DI_KEY,
  startFakeDocumentIntelligence,
  type FakeDocumentIntelligence,
} from '../support/azure-di-fake.js';
import { historyText } from '../support/history.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';
import type { ActivityDeps } from '../../src/activities/deps.js';
import { ensureTesseract } from '../../scripts/lib/tesseract.js';

const patient = PATIENTS[1]!;
const ADMIN_KEY = mintApiKey().apiKey;
const taskQueue = TestPipeline.taskQueue();
let reader: TesseractPool;
let nativeTesseract: NativeTesseractEngine;
let fake: FakeDocumentIntelligence;
let pipeline: TestPipeline;
let api: ServedApi;
let apiKey: string;
let page: TestPage;

const azure = (overrides: Partial<AzureReadOptions> = {}) =>
  new AzureReadEngine({
    endpoint: fake.endpoint,
    key: FAKE_DI_KEY,
    concurrency: 2,
    maxRetries: 3,
    maxRetryDelayMs: 5_000,
    pollIntervalMs: 100,
    timeoutMs: 60_000,
    ...overrides,
  });

interface JobBody {
  id: string;
  status: string;
  result: {
    operation?: string;
    ocrEngine?: string;
    pageEngines?: string[];
    entitiesMasked: number;
    byCategory: Record<string, number>;
    outputType: string;
    review: string;
    pagesFlagged: number[];
  } | null;
  error: { code: string; message: string } | null;
}

interface Report {
  operation: string;
  pages: Array<{ engine: string; flags: string[]; entities: Array<{ category: string }> }>;
}

const call = (path: string, init: RequestInit = {}, key = apiKey) =>
  fetch(`${api.base}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-api-key': key },
  });

async function submit(options: Record<string, unknown>, key = apiKey): Promise<Response> {
  const form = new FormData();
  form.append('files', new Blob([page.png]), 'intake.png');
  form.append('options', JSON.stringify(options));
  return call('/v1/jobs', { method: 'POST', body: form }, key);
}

async function submitted(options: Record<string, unknown>, key = apiKey): Promise<string> {
  const response = await submit(options, key);
  expect(response.status).toBe(202);
  const body = (await response.json()) as { jobs: Array<{ id: string }> };
  return body.jobs[0]!.id;
}

/** Runs the workers (with `overrides`) until the job has ended; returns its view. */
async function finish(
  id: string,
  overrides: Partial<ActivityDeps> = {},
  key = apiKey,
): Promise<JobBody> {
  const until = async () => {
    for (let i = 0; i < 1200; i++) {
      const view = (await (await call(`/v1/jobs/${id}`, {}, key)).json()) as JobBody;
      if (view.status === 'completed' || view.status === 'failed') return view;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('job did not end in time');
  };
  return pipeline.runWorkers(taskQueue, until(), { overrides });
}

const report = async (id: string, key = apiKey) =>
  (await (await call(`/v1/jobs/${id}/report`, {}, key)).json()) as Report;

async function phiMasked(id: string): Promise<void> {
  const output = Buffer.from(await (await call(`/v1/jobs/${id}/result`)).arrayBuffer());
  for (const word of page.words.filter((w) => w.phi)) {
    expect(await darkFraction(output, word.box), `PHI word masked`).toBeGreaterThan(0.97);
  }
}

beforeAll(async () => {
  reader = new TesseractPool({
    size: 1,
    model: 'best_int',
    recycleAfterPages: 50,
    timeoutMs: 90_000,
  });
  fake = await startFakeDocumentIntelligence({ reader });
  nativeTesseract = await NativeTesseractEngine.start({
    binary: await ensureTesseract(),
    model: 'best_int',
    timeoutMs: 90_000,
  });
  pipeline = await TestPipeline.open({ azure: azure(), nativeTesseract });
  api = await pipeline.serveApi(taskQueue, { adminKeys: [ADMIN_KEY] });
  apiKey = (await api.register()).apiKey;
  page = await formPage(intakeLines(patient));
}, 120_000);
afterAll(async () => {
  await api.stop();
  await pipeline.close();
  await fake.close();
  await reader.close();
  await nativeTesseract.close();
});

describe('ocrEngine: azure', () => {
  it('redacts a page read by Azure; the job view and the report name the engine', async () => {
    const accepted = fake.accepted();
    const id = await submitted({ ocrEngine: 'azure' });
    const view = await finish(id);
    expect(view).toMatchObject({ status: 'completed' });
    expect(view.result).toMatchObject({
      operation: 'redact',
      ocrEngine: 'azure',
      pageEngines: ['azure'],
      pagesFlagged: [],
    });
    expect(view.result!.entitiesMasked).toBeGreaterThanOrEqual(7);
    expect(fake.accepted()).toBe(accepted + 1);
    const r = await report(id);
    expect(r.operation).toBe('redact');
    expect(r.pages[0]).toMatchObject({ engine: 'azure', flags: [] });
    await phiMasked(id);
  }, 300_000);

  it('rides out throttling: 429s are retried after their Retry-After inside the activity', async () => {
    fake.faults.push({ status: 429, retryAfterSeconds: 1 }, { status: 429, retryAfterSeconds: 1 });
    const before = fake.calls.length;
    const id = await submitted({ ocrEngine: 'azure' });
    const view = await finish(id);
    expect(view.result).toMatchObject({ pageEngines: ['azure'], pagesFlagged: [] });
    const posts = fake.calls.slice(before).filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.status)).toEqual([429, 429, 202]);
    expect(posts[2]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1_900);
  }, 300_000);

  it('fails a job whose Azure key is refused with OCR_ENGINE_AUTH, without retries', async () => {
    const before = fake.calls.length;
    const id = await submitted({ ocrEngine: 'azure' });
    const view = await finish(id, { azure: azure({ key: 'revoked-key' }) });
    expect(view.status).toBe('failed');
    expect(view.error?.code).toBe('OCR_ENGINE_AUTH');
    expect(fake.calls.slice(before).map((c) => c.status)).toEqual([401]);
  }, 300_000);

  it('reads the page with tesseract when Azure is down, and flags it', async () => {
    fake.options.down = true;
    try {
      const id = await submitted({ ocrEngine: 'azure' });
      const view = await finish(id, { azure: azure({ maxRetries: 1 }), ocrFallback: 'tesseract' });
      expect(view.result).toMatchObject({
        pageEngines: ['tesseract'],
        pagesFlagged: [0],
        review: 'required',
      });
      expect(view.result!.entitiesMasked).toBeGreaterThanOrEqual(7);
      expect((await report(id)).pages[0]).toMatchObject({
        engine: 'tesseract',
        flags: ['engine-fallback'],
      });
      await phiMasked(id);
    } finally {
      fake.options.down = false;
    }
  }, 300_000);

  it('masks the page whole when Azure is down and OCR_FALLBACK=mask, and flags it', async () => {
    fake.options.down = true;
    try {
      const id = await submitted({ ocrEngine: 'azure' });
      const view = await finish(id, { azure: azure({ maxRetries: 1 }), ocrFallback: 'mask' });
      expect(view.result).toMatchObject({
        pageEngines: ['none'],
        pagesFlagged: [0],
        byCategory: { UNREADABLE: 1 },
      });
      const p = (await report(id)).pages[0]!;
      expect(p.flags).toEqual(['engine-fallback', 'unreadable']);
      const output = Buffer.from(await (await call(`/v1/jobs/${id}/result`)).arrayBuffer());
      const box = { x: 0, y: 0, w: page.width, h: page.height };
      expect(await darkFraction(output, box)).toBeGreaterThan(0.99);
    } finally {
      fake.options.down = false;
    }
  }, 300_000);
});

describe('ocrEngine: tesseract-native', () => {
  it("redacts a page read by Debian's tesseract; the job and the report name the engine", async () => {
    const id = await submitted({ ocrEngine: 'tesseract-native' });
    const view = await finish(id);
    expect(view.result).toMatchObject({
      ocrEngine: 'tesseract-native',
      pageEngines: ['tesseract-native'],
      pagesFlagged: [],
    });
    expect(view.result!.entitiesMasked).toBeGreaterThanOrEqual(7);
    expect((await report(id)).pages[0]).toMatchObject({ engine: 'tesseract-native', flags: [] });
    await phiMasked(id);
  }, 300_000);

  it('falls back to tesseract.js, flagged, on a worker without TESSERACT_BIN', async () => {
    const id = await submitted({ ocrEngine: 'tesseract-native' });
    const view = await finish(id, { nativeTesseract: undefined });
    expect(view.result).toMatchObject({ pageEngines: ['tesseract'], pagesFlagged: [0] });
    expect((await report(id)).pages[0]).toMatchObject({
      engine: 'tesseract',
      flags: ['engine-fallback'],
    });
    await phiMasked(id);
  }, 300_000);
});

describe('operation: ocr', () => {
  it('is refused without the ocr scope; an admin grants it; then text and words come back', async () => {
    const refused = await submit({ operation: 'ocr' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'OPERATION_NOT_ALLOWED' } });

    const { accountId } = (await (await call('/v1/auth/stats')).json()) as { accountId: string };
    const scopePath = `/v1/admin/accounts/${accountId}/scopes/ocr`;
    expect((await call(scopePath, { method: 'PUT' })).status).toBe(403);
    const granted = await call(scopePath, { method: 'PUT' }, ADMIN_KEY);
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ accountId, scopes: ['ocr'] });

    const ids = [
      await submitted({ operation: 'ocr' }),
      await submitted({ operation: 'ocr', ocrEngine: 'azure' }),
    ];
    for (const [i, id] of ids.entries()) {
      const engine = i === 0 ? 'tesseract' : 'azure';
      const view = await finish(id);
      expect(view.result).toMatchObject({
        operation: 'ocr',
        ocrEngine: engine,
        pageEngines: [engine],
        entitiesMasked: 0,
        outputType: 'json',
      });
      const text = await (await call(`/v1/jobs/${id}/text`)).text();
      expect(text).toContain(patient.mrn);
      expect(text).toContain(patient.name.split(' ').at(-1));
      const words = (await (await call(`/v1/jobs/${id}/words`)).json()) as {
        pages: Array<{
          engine: string;
          lines: Array<{ words: Array<{ text: string; box: object }> }>;
        }>;
      };
      expect(words.pages[0]!.engine).toBe(engine);
      const read = words.pages[0]!.lines.flatMap((l) => l.words.map((w) => w.text));
      expect(read).toContain(patient.mrn);
      const result = await call(`/v1/jobs/${id}/result`);
      expect(result.headers.get('content-type')).toBe('application/json');
      expect(result.headers.get('cache-control')).toBe('no-store');
      expect(await result.json()).toMatchObject({ pages: [{ index: 0, engine }] });
      const r = await report(id);
      expect(r.operation).toBe('ocr');
      expect(r.pages[0]).toMatchObject({ engine, entities: [] });
      // The text is PHI: it stays in object storage, never in the workflow's history.
      const history = await historyText(pipeline.client, id);
      expect(history).not.toContain(patient.mrn);
    }

    const withdrawn = await call(scopePath, { method: 'DELETE' }, ADMIN_KEY);
    expect(await withdrawn.json()).toEqual({ accountId, scopes: [] });
    expect((await submit({ operation: 'ocr' })).status).toBe(403);
  }, 600_000);

  it('answers /words of a redaction job with NOT_FOUND', async () => {
    const id = await submitted({});
    await finish(id);
    const words = await call(`/v1/jobs/${id}/words`);
    expect(words.status).toBe(404);
    expect(await words.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  }, 300_000);
});

describe('typed refusals at submit', () => {
  it('refuses azure where it is not configured, and an operation not enabled', async () => {
    const other = await pipeline.serveApi(taskQueue, {
      adminKeys: [ADMIN_KEY],
      operations: {
        enabled: ['redact'],
        defaultEngine: 'tesseract',
        engines: ['tesseract'],
        bgRemovalConfigured: false,
      },
    });
    try {
      const send = async (options: Record<string, unknown>) => {
        const form = new FormData();
        form.append('files', new Blob([page.png]), 'intake.png');
        form.append('options', JSON.stringify(options));
        const response = await fetch(`${other.base}/v1/jobs`, {
          method: 'POST',
          body: form,
          headers: { 'x-api-key': ADMIN_KEY },
        });
        return [
          response.status,
          ((await response.json()) as { error?: { code: string } }).error?.code,
        ];
      };
      expect(await send({ ocrEngine: 'azure' })).toEqual([400, 'OCR_ENGINE_NOT_CONFIGURED']);
      expect(await send({ ocrEngine: 'tesseract-native' })).toEqual([
        400,
        'OCR_ENGINE_NOT_CONFIGURED',
      ]);
      expect(await send({ operation: 'ocr' })).toEqual([400, 'OPERATION_NOT_CONFIGURED']);
      expect(await send({ operation: 'paint' })).toEqual([400, 'VALIDATION_FAILED']);
    } finally {
      await other.stop();
    }
  }, 120_000);
});
