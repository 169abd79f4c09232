// remove-background jobs end to end with the remote engine, against a fake remove.bg-style API on
// 127.0.0.1: real API, Temporal and MinIO; upload and URL batches; partial results; typed errors.
import { parse as parseContentDisposition } from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteBackgroundRemover } from '../../src/bg/remote-engine.js';
import { parseAllowHosts } from '../../src/net/url-policy.js';
import {
  bgClient,
  rgbaPixels,
  settled,
  subjectOnWhite,
  twoPageTiff,
  type JobBody,
} from '../support/bg-jobs.js';
import { historyText } from '../support/history.js';
import {
  startFakeBgRemoval,
  WHITE_THRESHOLD,
  type FakeBgRemoval,
} from '../support/fake-bg-removal.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

const OPTIONS = { operation: 'remove-background' };
/** Images this wide are held by the fake until released: their jobs are still running. */
const HELD_WIDTH = 321;

let fake: FakeBgRemoval;
let docs: LoopbackServer;
let photo: Buffer;
let pipeline: TestPipeline;
let api: ServedApi;
let unconfigured: ServedApi;
let client: ReturnType<typeof bgClient>;
const taskQueue = TestPipeline.taskQueue();

beforeAll(async () => {
  fake = await startFakeBgRemoval();
  photo = await subjectOnWhite(240, 160);
  docs = await startLoopbackServer('127.0.0.1', (_req, res) =>
    res.writeHead(200, { 'content-type': 'image/png' }).end(photo),
  );
  pipeline = await TestPipeline.open({
    urlFetch: { policy: { allowHosts: parseAllowHosts(docs.hostPort), allowedPorts: [docs.port] } },
    backgroundRemover: new RemoteBackgroundRemover({
      url: fake.url,
      apiKey: fake.apiKey,
      timeoutMs: 10_000,
      maxThrottleWaits: 2,
      maxRetryAfterMs: 5_000,
      defaultRetryAfterMs: 1_000,
    }),
  });
  api = await pipeline.serveApi(taskQueue);
  unconfigured = await pipeline.serveApi(taskQueue, {
    operations: {
      enabled: ['redact', 'ocr', 'remove-background'],
      defaultEngine: 'tesseract',
      engines: ['tesseract'],
      bgRemovalConfigured: false,
    },
  });
  client = bgClient(api, (await api.register()).apiKey);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await unconfigured?.stop();
  await pipeline?.close();
  await fake?.close();
  await docs?.close();
});

/** Checks a downloaded cut-out: PNG with alpha, alpha exactly the fake's mask of its own colours. */
async function expectFakeCutout(png: Buffer, width: number, height: number) {
  const { data, channels, ...size } = await rgbaPixels(png);
  expect(size).toEqual({ width, height });
  let transparent = 0;
  let wrong = 0;
  for (let i = 0; i < width * height; i++) {
    const at = i * channels;
    const white = [0, 1, 2].every((c) => (data[at + c] as number) >= WHITE_THRESHOLD);
    const alpha = data[at + 3];
    if (alpha !== (white ? 0 : 255)) wrong++;
    if (alpha === 0) transparent++;
  }
  expect(wrong).toBe(0);
  // The corners are background, the centre is the subject.
  expect(data[3]).toBe(0);
  const centre = (Math.floor(height / 2) * width + Math.floor(width / 2)) * channels;
  expect(data[centre + 3]).toBe(255);
  return transparent / (width * height);
}

describe('remove-background, remote engine', () => {
  it('cuts out an upload batch, with partial results in /v1/results while one image is still at the engine', async () => {
    fake.holdWidth(HELD_WIDTH);
    const held = await subjectOnWhite(HELD_WIDTH, 200);
    const jpeg = await subjectOnWhite(300, 200, true);
    const submitted = await client.upload(
      [
        { name: 'Jane Doe portrait.png', bytes: held },
        { name: 'badge.jpg', bytes: jpeg },
        { name: 'two-pages.tiff', bytes: await twoPageTiff() },
      ],
      OPTIONS,
    );
    expect(submitted.status).toBe(202);
    const ids = submitted.body.jobs.map((j) => j.id);
    const [heldId, jpegId, tiffId] = ids as [string, string, string];

    const { partial, final } = await pipeline.runWorkers(
      taskQueue,
      (async () => {
        const partial = await client.resultsUntil(
          ids,
          (b) => b.summary.completed === 1 && b.summary.failed === 1,
        );
        fake.release();
        return { partial, final: await client.resultsUntil(ids, settled(ids)) };
      })(),
    );

    // Partial: the JPEG is done, the TIFF failed, the held image is still running.
    const byId = (body: { results: JobBody[] }) => new Map(body.results.map((r) => [r.id, r]));
    const first = byId(partial);
    expect(first.get(jpegId)).toMatchObject({
      status: 'completed',
      result: { pages: 1, outputType: 'png', operation: 'remove-background', engine: 'remote' },
    });
    expect(first.get(tiffId)).toMatchObject({
      status: 'failed',
      error: { code: 'TOO_MANY_PAGES' },
    });
    expect(first.get(heldId)?.status).toBe('running');
    expect(first.get(heldId)?.progress?.stage).toBe('removing-background');
    expect(partial.summary).toMatchObject({ completed: 1, failed: 1, running: 1 });
    expect(final.summary).toMatchObject({ completed: 2, failed: 1 });

    for (const [id, width, name] of [
      [heldId, HELD_WIDTH, 'cutout_Jane Doe portrait.png'],
      [jpegId, 300, 'cutout_badge.png'],
    ] as const) {
      const response = await client.authed(`/v1/jobs/${id}/result`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(
        parseContentDisposition(response.headers.get('content-disposition') ?? '').parameters
          .filename,
      ).toBe(name);
      const png = Buffer.from(await response.arrayBuffer());
      const report = (await (await client.authed(`/v1/jobs/${id}/report`)).json()) as {
        operation: string;
        engine: string;
        pages: Array<{ foreground: number; width: number; height: number }>;
      };
      const background = await expectFakeCutout(png, width, 200);
      expect(report).toMatchObject({ operation: 'remove-background', engine: 'remote' });
      expect(report.pages).toHaveLength(1);
      expect(report.pages[0]).toMatchObject({ width, height: 200 });
      expect(report.pages[0]!.foreground).toBeCloseTo(1 - background, 3);
    }
    // The engine got the images as `image.png` with the key; the file names stayed here.
    const seen = fake.uploads.filter((u) => u.width === HELD_WIDTH || u.width === 300);
    expect(seen).toHaveLength(2);
    for (const upload of seen) {
      expect(upload).toMatchObject({
        apiKey: fake.apiKey,
        filename: 'image.png',
        fields: { format: 'png' },
      });
    }
    const history = await historyText(pipeline.client, heldId);
    expect(history).not.toContain('Jane Doe');
  }, 240_000);

  it('cuts out a URL batch', async () => {
    const submitted = await client.submitUrls([`${docs.origin}/photo.png`], OPTIONS);
    expect(submitted.status).toBe(202);
    const ids = submitted.body.jobs.map((j) => j.id);
    const body = await pipeline.runWorkers(taskQueue, client.resultsUntil(ids, settled(ids)));
    expect(body.results[0]).toMatchObject({ status: 'completed', result: { engine: 'remote' } });
    const png = Buffer.from(await (await client.authed(`/v1/jobs/${ids[0]}/result`)).arrayBuffer());
    await expectFakeCutout(png, 240, 160);
  }, 120_000);

  it('waits out a 429 for its Retry-After and retries a 503', async () => {
    const before = fake.uploads.length;
    fake.script({ status: 429, retryAfter: '1' }, { status: 503 });
    const submitted = await client.upload([{ name: 'a.png', bytes: photo }], OPTIONS);
    const ids = submitted.body.jobs.map((j) => j.id);
    const body = await pipeline.runWorkers(taskQueue, client.resultsUntil(ids, settled(ids)));
    expect(body.results[0]?.status).toBe('completed');
    const attempts = fake.uploads.slice(before);
    expect(attempts).toHaveLength(3);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
  }, 120_000);

  it('fails a job for good on 403 (BG_REMOVAL_AUTH) and on another 4xx (BG_REMOVAL_REJECTED), asking once', async () => {
    for (const [status, code] of [
      [403, 'BG_REMOVAL_AUTH'],
      [401, 'BG_REMOVAL_AUTH'],
      [402, 'BG_REMOVAL_REJECTED'],
    ] as const) {
      const before = fake.uploads.length;
      fake.script({ status });
      const submitted = await client.upload([{ name: 'a.png', bytes: photo }], OPTIONS);
      const ids = submitted.body.jobs.map((j) => j.id);
      const body = await pipeline.runWorkers(taskQueue, client.resultsUntil(ids, settled(ids)));
      expect(body.results[0]).toMatchObject({ status: 'failed', error: { code } });
      expect(fake.uploads.length - before).toBe(1);
    }
  }, 180_000);

  it('refuses remove-background at submit where no engine is configured (OPERATION_NOT_CONFIGURED)', async () => {
    const other = bgClient(unconfigured, (await unconfigured.register()).apiKey);
    const before = fake.uploads.length;
    const upload = await other.upload([{ name: 'a.png', bytes: photo }], OPTIONS);
    expect(upload.status).toBe(400);
    expect(upload.body.error?.code).toBe('OPERATION_NOT_CONFIGURED');
    const urls = await other.submitUrls([`${docs.origin}/photo.png`], OPTIONS);
    expect(urls.status).toBe(400);
    expect(urls.body.error?.code).toBe('OPERATION_NOT_CONFIGURED');
    // Redaction is still offered there.
    const redact = await other.upload([{ name: 'a.png', bytes: photo }], {});
    expect(redact.status).toBe(202);
    expect(fake.uploads.length).toBe(before);
  }, 60_000);
});
