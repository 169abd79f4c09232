// Each activity run alone in Temporal's MockActivityEnvironment, on the real MinIO and a real
// tesseract pool (no Temporal server): what it returns and stores, the typed failures it raises,
// its heartbeats, and what it logs.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { stackStorage } from '../../scripts/lib/servers.js';
import type { ActivityDeps } from '../../src/activities/deps.js';
import { createActivities, type Activities } from '../../src/activities/index.js';
import { JobIds } from '../../src/jobs/job-id.js';
import type { TJobManifest } from '../../src/jobs/manifest.js';
import { parseAllowHosts } from '../../src/net/url-policy.js';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';
import { ZOcrPage } from '../../src/ocr/types.js';
import { loadPhiSettings } from '../../src/phi/detector.js';
import { ZPhiEntity, type PhiEntity } from '../../src/phi/types.js';
import type { PageRef } from '../../src/workflows/contract.js';
import { jobKeys } from '../../src/storage/keys.js';
import { ObjectStore } from '../../src/storage/object-store.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  multiPageTiff,
  PATIENTS,
  phiStrings,
  type TestPage,
} from '../fixtures/documents.js';
import { activityEnvironment, heartbeatsOf, runIn } from '../support/activity-env.js';
import { captureLog } from '../support/log-capture.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { ocrPage as ocrPageOf } from '../support/ocr-lines.js';
import { DEFAULT_TEST_LIMITS, TEST_VIDEO_SETTINGS } from '../support/pipeline.js';
import { faceFinders } from '../../src/video/face-finder.js';

const patient = PATIENTS[0]!;
const jobIds = new JobIds('activity-test-job-id-secret-0123456789');
const captured = captureLog('worker-test', 'debug');

let store: ObjectStore;
let ocr: TesseractPool;
let docs: LoopbackServer;
let page: TestPage;

beforeAll(async () => {
  store = new ObjectStore(stackStorage(inject('stack'), `act-${randomUUID().slice(0, 8)}`));
  await store.ensureBucket();
  ocr = new TesseractPool({ size: 1, model: 'best_int', recycleAfterPages: 50, timeoutMs: 60_000 });
  page = await formPage(intakeLines(patient));
  docs = await startLoopbackServer('127.0.0.1', (req, res) => {
    if (req.url?.startsWith('/scans/')) res.writeHead(200).end(page.png);
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  await ocr.close();
  await docs.close();
});

function deps(overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return {
    store,
    ocr,
    ocrFallback: 'tesseract',
    phi: loadPhiSettings({ packFiles: [] }),
    documents: { limits: DEFAULT_TEST_LIMITS, defaultDpi: 300, pdfDpi: 200 },
    maskPaddingPx: 2,
    ocrMinDpi: 300,
    verifyMode: 'targeted',
    urlFetch: {
      policy: { allowHosts: parseAllowHosts(docs.hostPort), allowedPorts: [docs.port] },
      connectTimeoutMs: 2_000,
      totalTimeoutMs: 5_000,
      maxRedirects: 2,
      maxBytes: 5 * 1024 * 1024,
    },
    detectBudgetMs: 5_000,
    lifecycle: { keepIntermediates: false, keepInput: false },
    faceFinders: faceFinders(),
    video: TEST_VIDEO_SETTINGS,
    // Only the sweep talks to Temporal, and no test here runs it: the connection stays unopened.
    temporal: new Client({
      connection: Connection.lazy({ address: inject('stack').temporalAddress }),
    }),
    ...overrides,
  };
}

/** Runs one activity of the set built from `deps(overrides)` for job `jobId`. */
function run<K extends keyof Activities>(
  name: K,
  jobId: string,
  input: Parameters<Activities[K]>[0],
  overrides: Partial<ActivityDeps> = {},
) {
  const activity = createActivities(deps(overrides))[name] as (
    arg: typeof input,
  ) => Promise<Awaited<ReturnType<Activities[K]>>>;
  return runIn(activityEnvironment(captured.log, name, jobId), activity, input);
}

/** A new job with its manifest, and `input` as its uploaded file when given. */
async function newJob(input?: Buffer, source?: TJobManifest['source']): Promise<string> {
  const jobId = jobIds.mint();
  const manifest: TJobManifest = {
    jobId,
    batchId: `batch-${randomUUID()}`,
    filename: 'scan of Margaret Holloway.png',
    source: source ?? { kind: 'upload', size: input?.length ?? 0 },
    options: {},
    submittedAt: new Date().toISOString(),
  };
  await store.putJson(jobKeys(jobId).manifest, manifest);
  if (input) await store.put(jobKeys(jobId).input, input, 'application/octet-stream');
  return jobId;
}

/** The captured log records with message `msg` of job `jobId`. */
const logged = (msg: string, jobId: string) =>
  captured.records().filter((r) => r.msg === msg && r.jobId === jobId);

/** The failure `promise` rejects with, which must be an `ApplicationFailure`. */
async function failureOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  const { type, nonRetryable, category } = err as ApplicationFailure;
  return { type, nonRetryable, category };
}

const permanent = (type: string) => ({
  type,
  nonRetryable: true,
  category: ApplicationFailureCategory.BENIGN,
});

describe('fetchSource', () => {
  it('sniffs a stored upload and splits its time between compute and storage', async () => {
    const jobId = await newJob(page.png);
    const result = await run('fetchSource', jobId, { jobId });
    expect(result).toMatchObject({ sourceType: 'png', bytes: page.png.length });
    expect(result.storageMs).toBeGreaterThan(0);
    expect(result.ms).toBeGreaterThanOrEqual(result.storageMs);
  });

  it('refuses an empty or unreadable upload with a permanent, typed failure', async () => {
    const empty = await newJob(Buffer.alloc(0));
    expect(await failureOf(run('fetchSource', empty, { jobId: empty }))).toEqual(
      permanent('EMPTY_FILE'),
    );
    const text = await newJob(Buffer.from('Patient: Margaret Holloway\n'.repeat(40)));
    expect(await failureOf(run('fetchSource', text, { jobId: text }))).toEqual(
      permanent('UNSUPPORTED_TYPE'),
    );
  });

  it('leaves an input that is not there yet to be retried', async () => {
    const jobId = await newJob();
    const err = await run('fetchSource', jobId, { jobId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ApplicationFailure);
    expect((err as Error).message).toMatch(/input object .* is missing/);
  });

  it('downloads a URL input once, keeping it for later attempts', async () => {
    const url = `${docs.origin}/scans/intake.png?mrn=${patient.mrn}`;
    const jobId = await newJob(undefined, { kind: 'url', url });
    const before = docs.requests.length;
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await run('fetchSource', jobId, { jobId })).toMatchObject({
        sourceType: 'png',
        bytes: page.png.length,
      });
    }
    expect(docs.requests.length - before).toBe(1);
    expect(logged('url input fetched', jobId)).toEqual([
      expect.objectContaining({
        level: 'info',
        origin: 'http://127.0.0.1', // the port is left out too
        redirects: 0,
        activityType: 'fetchSource',
        attempt: 1,
      }),
    ]);
  });

  it('fails a URL the server refuses with its permanent code', async () => {
    const jobId = await newJob(undefined, { kind: 'url', url: `${docs.origin}/gone` });
    expect(await failureOf(run('fetchSource', jobId, { jobId }))).toEqual(
      permanent('URL_HTTP_ERROR'),
    );
    expect(await store.stat(jobKeys(jobId).input)).toBeUndefined();
    expect(logged('url input not fetched', jobId)).toEqual([
      expect.objectContaining({
        level: 'warn',
        origin: 'http://127.0.0.1',
        errorCode: 'URL_HTTP_ERROR',
      }),
    ]);
  });
});

describe('splitPages', () => {
  let tiff: Buffer;
  beforeAll(async () => {
    tiff = await multiPageTiff([page, await formPage(intakeLines(PATIENTS[1]!, 2))]);
  });

  it('renders every page to storage, heartbeating after each', async () => {
    const jobId = await newJob(tiff);
    const environment = activityEnvironment(captured.log, 'splitPages', jobId);
    const heartbeats = heartbeatsOf(environment);
    const { splitPages } = createActivities(deps());
    const { pages } = await runIn(environment, splitPages, { jobId, sourceType: 'tiff' });
    expect(pages.map((p) => [p.index, p.key, p.width, p.height])).toEqual([
      [0, jobKeys(jobId).page(0), page.width, page.height],
      [1, jobKeys(jobId).page(1), page.width, page.height],
    ]);
    expect(heartbeats).toEqual([1, 2]);
    for (const p of pages) {
      const { format, width } = await sharp(await store.getBuffer(p.key)).metadata();
      expect([format, width]).toEqual(['png', page.width]);
    }
  });

  it('resumes after the last page a previous attempt heartbeated', async () => {
    const jobId = await newJob(tiff);
    const environment = activityEnvironment(captured.log, 'splitPages', jobId, {
      attempt: 2,
      heartbeatDetails: 1,
    });
    const heartbeats = heartbeatsOf(environment);
    const { splitPages } = createActivities(deps());
    const { pages } = await runIn(environment, splitPages, { jobId, sourceType: 'tiff' });
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(heartbeats).toEqual([2]);
    // The page rendered by the earlier attempt was not looked at: its faces will be searched.
    expect(await store.stat(jobKeys(jobId).page(0))).toBeUndefined();
    expect(await store.stat(jobKeys(jobId).page(1))).toBeDefined();
  });

  it('refuses a document over the page limit before rendering any page', async () => {
    const jobId = await newJob(tiff);
    const limits = { ...DEFAULT_TEST_LIMITS, maxPages: 1 };
    const split = run(
      'splitPages',
      jobId,
      { jobId, sourceType: 'tiff' },
      { documents: { limits, defaultDpi: 300, pdfDpi: 200 } },
    );
    expect(await failureOf(split)).toEqual(permanent('TOO_MANY_PAGES'));
    expect(await store.stat(jobKeys(jobId).page(0))).toBeUndefined();
  });
});

describe('ocrPage → detectPhi → maskPage → verifyPage on one page', () => {
  let jobId: string;
  let ref: PageRef;
  let entities: PhiEntity[];
  beforeAll(async () => {
    jobId = await newJob(page.png);
    ref = {
      index: 0,
      key: jobKeys(jobId).page(0),
      width: page.width,
      height: page.height,
      dpi: 200,
    };
    await store.put(ref.key, page.png, 'image/png');
  });

  it('ocrPage stores the words it read and returns their count', async () => {
    const result = await run('ocrPage', jobId, { jobId, page: ref });
    const stored = await store.getJson(jobKeys(jobId).ocr(0), ZOcrPage);
    const words = stored.lines.flatMap((l) => l.words.map((w) => w.text));
    expect(result).toMatchObject({ readable: true, words: words.length });
    expect(words).toEqual(expect.arrayContaining(['Holloway', 'hypertension,']));
  });

  it('detectPhi returns boxes and categories and stores the text without the PHI', async () => {
    const result = await run('detectPhi', jobId, { jobId, page: ref });
    entities = result.entities;
    expect(result.flags).toBeUndefined();
    expect(new Set(entities.map((e) => e.category))).toEqual(
      new Set(['NAME', 'DATE', 'MRN', 'SSN', 'PHONE', 'EMAIL']),
    );
    const text = (await store.getBuffer(jobKeys(jobId).pageText(0))).toString('utf8');
    expect(text).toContain('hypertension');
    for (const secret of phiStrings(patient)) expect(text).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain('Holloway');
  });

  it('maskPage paints every PHI word opaque and leaves the rest readable', async () => {
    const { maskedKey } = await run('maskPage', jobId, { jobId, page: ref, entities });
    expect(maskedKey).toBe(jobKeys(jobId).masked(0));
    const masked = await store.getBuffer(maskedKey);
    for (const word of page.words) {
      const dark = await darkFraction(masked, word.box);
      if (word.phi) expect(dark, `PHI word masked`).toBeGreaterThan(0.97);
      else expect(dark, `"${word.text}" left readable`).toBeLessThan(0.75);
    }
    const stored = await store.getJson(jobKeys(jobId).entities(0), ZPhiEntity.array());
    expect(stored).toEqual(entities);
  });

  it('verifyPage (targeted) re-reads no word of a page OCR was sure of, and finds nothing', async () => {
    const result = await run('verifyPage', jobId, { jobId, page: ref, entities });
    expect(result).toMatchObject({ residual: [], reread: 0 });
  });

  it('verifyPage returns PHI a mask missed and takes it out of the page text', async () => {
    const missed = await newJob(page.png);
    const keys = jobKeys(missed);
    await Promise.all([
      store.put(keys.masked(0), page.png, 'image/png'), // a mask that painted nothing
      store.putJson(keys.ocr(0), await store.getJson(jobKeys(jobId).ocr(0), ZOcrPage)),
      store.putText(keys.pageText(0), `Patient Name: ${patient.name}`),
    ]);
    const result = await run(
      'verifyPage',
      missed,
      { jobId: missed, page: { ...ref, key: keys.page(0) }, entities: [] },
      { verifyMode: 'full' },
    );
    expect(result.residual.map((e) => e.category)).toEqual(
      expect.arrayContaining(['NAME', 'SSN', 'MRN']),
    );
    const text = (await store.getBuffer(keys.pageText(0))).toString('utf8');
    expect(text).toContain('hypertension');
    for (const secret of phiStrings(patient)) expect(text).not.toContain(secret);
    expect(logged('PHI still readable after masking; masking it too', missed)).toEqual([
      expect.objectContaining({ level: 'info', page: 0, residual: result.residual.length }),
    ]);
  });

  it('verifyPage reads nothing when verification is off', async () => {
    const unmasked = await newJob(page.png);
    const result = await run(
      'verifyPage',
      unmasked,
      { jobId: unmasked, page: { ...ref, key: jobKeys(unmasked).page(0) }, entities: [] },
      { verifyMode: 'off' },
    );
    expect(result).toMatchObject({ residual: [], reread: 0, storageMs: 0 });
  });
});

describe('fail-safe paths', () => {
  it('ocrPage answers unreadable, storing nothing, when OCR runs out of time', async () => {
    const jobId = await newJob(page.png);
    const ref = {
      index: 0,
      key: jobKeys(jobId).page(0),
      width: page.width,
      height: page.height,
      dpi: 200,
    };
    await store.put(ref.key, page.png, 'image/png');
    const slow = new TesseractPool({
      size: 1,
      model: 'best_int',
      recycleAfterPages: 50,
      timeoutMs: 1,
    });
    try {
      const result = await run('ocrPage', jobId, { jobId, page: ref }, { ocr: slow });
      expect(result).toMatchObject({ readable: false, words: 0 });
      expect(await store.stat(jobKeys(jobId).ocr(0))).toBeUndefined();
      expect(logged('OCR timed out; the page will be masked whole', jobId)).toEqual([
        expect.objectContaining({ level: 'warn', page: 0, activityType: 'ocrPage' }),
      ]);
    } finally {
      await slow.close();
    }
  });

  it('detectPhi masks a page whole and flags it when detection runs past its budget', async () => {
    const jobId = await newJob(page.png);
    const lines = Array.from(
      { length: 4_000 },
      (_, i) => `Patient Name: Margaret Holloway DOB 03/14/1958 row ${i}`,
    );
    await store.putJson(jobKeys(jobId).ocr(0), ocrPageOf(lines));
    const ref = { index: 0, key: jobKeys(jobId).page(0), width: 900, height: 160_000, dpi: 300 };
    const result = await run('detectPhi', jobId, { jobId, page: ref }, { detectBudgetMs: 1 });
    expect(result).toMatchObject({
      flags: ['detection-timeout'],
      entities: [{ category: 'UNREADABLE', bbox: { x: 0, y: 0, w: 900, h: 160_000 } }],
    });
    const text = (await store.getBuffer(jobKeys(jobId).pageText(0))).toString('utf8');
    expect(text).toBe('[UNREADABLE PAGE]');
  });
});

describe('logs', () => {
  it('name no patient, file or URL path in any line the activities above wrote', () => {
    const text = captured.lines.join('');
    expect(captured.records().length).toBeGreaterThan(3);
    for (const secret of [...phiStrings(patient), 'scan of', '/scans/', patient.mrn]) {
      expect(text).not.toContain(secret);
    }
  });
});
