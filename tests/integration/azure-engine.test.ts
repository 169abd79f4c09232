// The Azure Document Intelligence engine against the local fake of its REST protocol: words and
// boxes as tesseract read them, units, throttling with Retry-After, outages and a refused key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedactifyError } from '../../src/errors.js';
import { AzureReadEngine, type AzureReadOptions } from '../../src/ocr/azure-engine.js';
import { OcrEngineUnavailableError, OcrTimeoutError } from '../../src/ocr/engine.js';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';
import type { OcrPage } from '../../src/ocr/types.js';
import { formPage, intakeLines, PATIENTS, type TestPage } from '../fixtures/documents.js';
import {
  FAKE_DI_KEY,
  startFakeDocumentIntelligence,
  type FakeDocumentIntelligence,
} from '../support/azure-di-fake.js';

const patient = PATIENTS[0]!;
let reader: TesseractPool;
let fake: FakeDocumentIntelligence;
let page: TestPage;
let direct: OcrPage;

const engine = (overrides: Partial<AzureReadOptions> = {}) =>
  new AzureReadEngine({
    endpoint: fake.endpoint,
    key: FAKE_DI_KEY,
    concurrency: 2,
    maxRetries: 3,
    maxRetryDelayMs: 5_000,
    pollIntervalMs: 50,
    timeoutMs: 60_000,
    ...overrides,
  });
const request = () => ({ png: page.png, width: page.width, height: page.height, dpi: page.dpi });
const words = (p: OcrPage) => p.lines.flatMap((l) => l.words);

beforeAll(async () => {
  reader = new TesseractPool({
    size: 1,
    model: 'best_int',
    recycleAfterPages: 50,
    timeoutMs: 60_000,
  });
  fake = await startFakeDocumentIntelligence({ reader, runningPolls: 2 });
  page = await formPage(intakeLines(patient));
  direct = await reader.recognize(request());
}, 120_000);
afterAll(async () => {
  await fake.close();
  await reader.close();
});

describe('AzureReadEngine against the fake service', () => {
  it('polls a running analysis to success and returns the words with page-pixel boxes', async () => {
    const before = fake.calls.length;
    const read = await engine().recognize(request());
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.status}`)).toEqual([
      'POST 202',
      'GET 200',
      'GET 200',
      'GET 200',
    ]);
    expect(words(read).map((w) => w.text)).toEqual(words(direct).map((w) => w.text));
    expect(words(read).map((w) => w.text)).toEqual(expect.arrayContaining(['Holloway']));
    const [first, again] = [words(read)[0]!, words(direct)[0]!];
    expect(first.box.x).toBeCloseTo(again.box.x, 3);
    expect(first.box.w).toBeCloseTo(again.box.w, 3);
    expect(first.confidence).toBeCloseTo(again.confidence, 0);
    expect(read).toMatchObject({ width: page.width, height: page.height, dpi: page.dpi });
  }, 120_000);

  it('turns inches (the unit of PDF pages) into page pixels', async () => {
    fake.options.inchesAtDpi = page.dpi;
    try {
      const read = await engine().recognize(request());
      const a = words(read)[3]!;
      const b = words(direct)[3]!;
      expect(a.text).toBe(b.text);
      expect(a.box.x).toBeCloseTo(b.box.x, 3);
      expect(a.box.y).toBeCloseTo(b.box.y, 3);
      expect(a.box.h).toBeCloseTo(b.box.h, 3);
    } finally {
      delete fake.options.inchesAtDpi;
    }
  }, 120_000);

  it('waits the Retry-After of each 429 and 503, then reads the page', async () => {
    fake.faults.push({ status: 429, retryAfterSeconds: 1 }, { status: 503, retryAfterSeconds: 1 });
    const before = fake.calls.length;
    const read = await engine().recognize(request());
    const posts = fake.calls.slice(before).filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.status)).toEqual([429, 503, 202]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(950);
    expect(words(read).length).toBe(words(direct).length);
  }, 120_000);

  it('gives up on a service that stays down with OcrEngineUnavailableError', async () => {
    fake.options.down = true;
    try {
      const before = fake.calls.length;
      const failure = await engine({ maxRetries: 2 })
        .recognize(request())
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(OcrEngineUnavailableError);
      expect((failure as OcrEngineUnavailableError).status).toBe(503);
      expect(fake.calls.slice(before).map((c) => c.status)).toEqual([503, 503, 503]);
    } finally {
      fake.options.down = false;
    }
  }, 120_000);

  it('fails a refused key with OCR_ENGINE_AUTH, without retrying', async () => {
    const before = fake.calls.length;
    const failure = await engine({ key: 'wrong-key' })
      .recognize(request())
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RedactifyError);
    expect(failure).toMatchObject({ code: 'OCR_ENGINE_AUTH', retryable: false });
    expect(fake.calls.slice(before).map((c) => c.status)).toEqual([401]);
  }, 60_000);

  it('calls an unreachable endpoint unavailable (the page falls back)', async () => {
    const closed = await startFakeDocumentIntelligence({ reader });
    const endpoint = closed.endpoint;
    await closed.close();
    const failure = await engine({ endpoint, maxRetries: 1 })
      .recognize(request())
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(OcrEngineUnavailableError);
  }, 60_000);

  it('times a page out after OCR_PAGE_TIMEOUT_MS while the analysis still runs', async () => {
    fake.options.runningPolls = 1_000;
    try {
      const started = Date.now();
      const failure = await engine({ timeoutMs: 1_500, pollIntervalMs: 100 })
        .recognize(request())
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(OcrTimeoutError);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      fake.options.runningPolls = 2;
    }
  }, 60_000);

  it('never has more pages in flight than its concurrency cap', async () => {
    const capped = engine({ concurrency: 1 });
    const before = fake.calls.length;
    await Promise.all([capped.recognize(request()), capped.recognize(request())]);
    const calls = fake.calls.slice(before);
    // With one slot, the second page is posted only after the first page's last poll.
    const posts = calls.flatMap((c, i) => (c.method === 'POST' ? [i] : []));
    expect(posts).toHaveLength(2);
    const firstPollsDone = calls.slice(0, posts[1]).filter((c) => c.method === 'GET').length;
    expect(firstPollsDone).toBe(3);
  }, 120_000);
});
