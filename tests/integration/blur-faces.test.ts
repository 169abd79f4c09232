// blur-faces end to end on the real stack (Temporal, MinIO, the face detector, ffmpeg): a photo
// batch and its zip, a panning video made from a real portrait (MP4, and a MOV recorded
// sideways), the video limits, and another account kept out of the batch.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { detectFaces, type FaceImage } from '../../src/faces/detect.js';
import { coverage, type Box } from '../../src/imaging/geometry.js';
import { sniffType } from '../../src/imaging/sniff.js';
import { probeVideoFile } from '../../src/video/probe.js';
import { runTool } from '../../src/video/tools.js';
import type { VideoSummary } from '../../src/workflows/contract.js';
import { historyText } from '../support/history.js';
import { TEST_VIDEO_SETTINGS, TestPipeline, type ServedApi } from '../support/pipeline.js';
import {
  faceOnFrame,
  makePanVideo,
  makePlainVideo,
  meanDiff,
  PORTRAIT,
  PORTRAIT_FACE,
  readAllFrames,
  SMALL_PAN,
} from '../support/video.js';

const tools = TEST_VIDEO_SETTINGS.tools;
const CAMERA = new URL('../fixtures/faces/camera.jpg', import.meta.url).pathname;
const CAMERAMAN_FACE: Box = { x: 205, y: 125, w: 45, h: 60 };

let pipeline: TestPipeline;
let api: ServedApi;
let key: string;
let dir: string;
const taskQueue = TestPipeline.taskQueue();

interface JobView {
  id: string;
  status: string;
  result: {
    pages: number;
    entitiesMasked: number;
    byCategory: Record<string, number>;
    outputType: string;
    video?: VideoSummary;
  } | null;
  error: { code: string } | null;
}

const authed = (path: string, apiKey = key, init: RequestInit = {}) =>
  fetch(`${api.base}${path}`, { ...init, headers: { 'x-api-key': apiKey } });

async function submit(files: Array<[path: string, name: string]>) {
  const form = new FormData();
  for (const [path, name] of files) form.append('files', new Blob([await readFile(path)]), name);
  form.append('options', JSON.stringify({ operation: 'blur-faces' }));
  const response = await authed('/v1/jobs', key, { method: 'POST', body: form });
  expect(response.status).toBe(202);
  return (await response.json()) as { batchId: string; jobs: Array<{ id: string }> };
}

/** Polls until every job has ended (bounded: 60 s of polls at most, then it fails). */
async function settle(ids: readonly string[]): Promise<JobView[]> {
  for (let i = 0; i < 240; i++) {
    const views = await Promise.all(
      ids.map(async (id) => (await (await authed(`/v1/jobs/${id}`)).json()) as JobView),
    );
    if (views.every((v) => !['queued', 'running'].includes(v.status))) return views;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('jobs did not end');
}

/** Runs the workers while `ids` are processed, and returns their final views. */
const process = (ids: readonly string[]) => pipeline.runWorkers(taskQueue, settle(ids));

async function download(id: string): Promise<Buffer> {
  const response = await authed(`/v1/jobs/${id}/result`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function rgb(bytes: Buffer) {
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 as const };
}

/** Whether the detector still finds a face over most of `truth`. */
async function faceStillFound(image: FaceImage, truth: Box) {
  const faces = await detectFaces(image, { turns: [0] });
  return faces.some((f) => coverage(truth, f.bbox) > 0.3 || coverage(f.bbox, truth) > 0.5);
}

/** The entries of a zip: name → bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (openErr, stream) => {
          if (openErr) return reject(openErr);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  api = await pipeline.serveApi(taskQueue);
  key = (await api.register()).apiKey;
  dir = await mkdtemp(join(tmpdir(), 'redactify-blur-faces-'));
});
afterAll(async () => {
  await api.stop();
  await pipeline.close();
  await rm(dir, { recursive: true, force: true });
});

describe('blur-faces on a photo batch, and the batch zip', () => {
  it('blurs each face, reads no text, and zips the outputs for their owner only', async () => {
    const batch = await submit([
      [PORTRAIT, 'Jane Roe portrait.jpg'],
      [CAMERA, 'camera.jpg'],
    ]);
    const ids = batch.jobs.map((j) => j.id);
    const views = await process(ids);
    const truths = [PORTRAIT_FACE, CAMERAMAN_FACE];
    for (const [i, view] of views.entries()) {
      expect(view.status, view.error?.code).toBe('completed');
      expect(view.result).toMatchObject({ outputType: 'jpeg', pages: 1 });
      expect(view.result?.entitiesMasked).toBeGreaterThanOrEqual(1);
      expect(Object.keys(view.result?.byCategory ?? {})).toEqual(['FACE']);
      const before = await rgb(await readFile(i === 0 ? PORTRAIT : CAMERA));
      const after = await rgb(await download(view.id));
      const truth = truths[i] as Box;
      // The face was there to find, and is gone; the rest of the photo is the photo.
      expect(await faceStillFound(before, truth)).toBe(true);
      expect(await faceStillFound(after, truth)).toBe(false);
      expect(meanDiff(before.data, after.data, before.width, truth)).toBeGreaterThan(8);
      expect(
        meanDiff(before.data, after.data, before.width, { x: 0, y: 0, w: 60, h: 60 }),
      ).toBeLessThan(6);
      expect(await (await authed(`/v1/jobs/${view.id}/text`)).text()).toBe('');
    }
    // The history carries keys and counts, never the file name.
    expect(await historyText(pipeline.client, ids[0] as string)).not.toContain('Jane Roe');

    const summary = await authed(`/v1/batches/${batch.batchId}`);
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({
      batchId: batch.batchId,
      summary: { completed: 2, failed: 0 },
      resultUrl: `/v1/batches/${batch.batchId}/result.zip`,
    });

    const zipped = await authed(`/v1/batches/${batch.batchId}/result.zip`);
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    expect(zipped.headers.get('content-disposition')).toContain(`${batch.batchId}.zip`);
    const entries = await unzip(Buffer.from(await zipped.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual(
      ['batch.json', 'redacted_Jane Roe portrait.jpg', 'redacted_camera.jpg'].sort(),
    );
    expect(
      entries.get('redacted_Jane Roe portrait.jpg')?.equals(await download(ids[0] as string)),
    ).toBe(true);
    expect(entries.get('redacted_camera.jpg')?.equals(await download(ids[1] as string))).toBe(true);
    expect(JSON.parse(entries.get('batch.json')?.toString() ?? '{}')).toMatchObject({
      batchId: batch.batchId,
      jobs: [
        { id: ids[0], status: 'completed', file: 'redacted_Jane Roe portrait.jpg' },
        { id: ids[1], status: 'completed', file: 'redacted_camera.jpg' },
      ],
    });

    // Another account sees no such batch, exactly like one that never existed.
    const other = (await api.register()).apiKey;
    for (const path of [
      `/v1/batches/${batch.batchId}`,
      `/v1/batches/${batch.batchId}/result.zip`,
    ]) {
      const refused = await authed(path, other);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: { code: 'BATCH_NOT_FOUND' } });
    }
  });
});

describe('blur-faces on video', () => {
  it('hides the face on every frame of a pan, keeps the audio and the duration (MP4, and a MOV recorded sideways)', async () => {
    const mp4 = await makePanVideo(tools, dir, 'pan.mp4', SMALL_PAN, 'mp4');
    const mov = await makePanVideo(tools, dir, 'pan.mov', SMALL_PAN, 'mov', { turned: true });
    expect(sniffType(await readFile(mp4))).toEqual({ supported: true, type: 'mp4' });
    expect(sniffType(await readFile(mov))).toEqual({ supported: true, type: 'mov' });
    expect((await probeVideoFile(tools, mov, 'mov'))?.rotation).toBe(270);
    const batch = await submit([
      [mp4, 'visit.mp4'],
      [mov, 'visit.mov'],
    ]);
    const views = await process(batch.jobs.map((j) => j.id));
    const format = { width: SMALL_PAN.width, height: SMALL_PAN.height, rate: `${SMALL_PAN.fps}/1` };
    const frameCount = SMALL_PAN.seconds * SMALL_PAN.fps;

    for (const [i, view] of views.entries()) {
      expect(view.status, view.error?.code).toBe('completed');
      expect(view.result?.outputType).toBe('mp4');
      const video = view.result?.video;
      expect(video?.frames).toBe(frameCount);
      expect(video?.segments).toBeGreaterThanOrEqual(2);
      expect(video?.framesInterpolated).toBeGreaterThan(0);
      expect((video?.framesDetected ?? 0) + (video?.framesInterpolated ?? 0)).toBe(frameCount);
      expect(video?.faces).toBeGreaterThan(0);
      expect(video?.hasAudio).toBe(true);
      expect(Math.abs((video?.durationS ?? 0) - SMALL_PAN.seconds)).toBeLessThan(0.25);

      const out = join(dir, `out-${i}.mp4`);
      await writeFile(out, await download(view.id));
      // H.264 video and AAC audio in MP4, upright and of the input's size, as long as the input.
      const streams = JSON.parse(
        (
          await runTool(
            tools.ffprobe,
            ['-v', 'error', '-show_streams', '-print_format', 'json', out],
            { timeoutMs: 30_000, maxStdoutBytes: 1 << 20 },
          )
        ).toString(),
      ) as { streams: Array<{ codec_type: string; codec_name: string }> };
      expect(streams.streams.map((s) => [s.codec_type, s.codec_name]).sort()).toEqual([
        ['audio', 'aac'],
        ['video', 'h264'],
      ]);
      const info = await probeVideoFile(tools, out, 'mp4');
      expect(info).toMatchObject({ width: SMALL_PAN.width, height: SMALL_PAN.height, rotation: 0 });

      const source = await readAllFrames(
        tools,
        i === 0 ? mp4 : mov,
        i === 0 ? 'mp4' : 'mov',
        format,
        {
          // Upright as ffmpeg's own autorotate shows this file (checked by hand against it).
          filter: i === 0 ? undefined : 'transpose=cclock',
        },
      );
      const blurred = await readAllFrames(tools, out, 'mp4', format);
      expect(blurred).toHaveLength(frameCount);
      expect(source).toHaveLength(frameCount);
      // Every frame, detected or interpolated: no face found where the face is, its pixels changed.
      let leaked = 0;
      for (const [n, frame] of blurred.entries()) {
        const truth = faceOnFrame(SMALL_PAN, n);
        const image = {
          data: frame,
          width: format.width,
          height: format.height,
          channels: 3 as const,
        };
        const changed = meanDiff(source[n] as Buffer, frame, format.width, truth);
        if (changed < 8 || (n % 5 === 0 && (await faceStillFound(image, truth)))) leaked++;
      }
      expect(leaked).toBe(0);
      // The source frames really show the face (so the check above could fail).
      const first = {
        data: source[0] as Buffer,
        width: format.width,
        height: format.height,
        channels: 3 as const,
      };
      expect(await faceStillFound(first, faceOnFrame(SMALL_PAN, 0))).toBe(true);
    }

    const report = (await (await authed(`/v1/jobs/${views[0]?.id}/report`)).json()) as {
      video: {
        segments: Array<{ faces: number; framesInterpolated: Array<[number, number]> }>;
      };
    };
    expect(report.video.segments.length).toBeGreaterThanOrEqual(2);
    expect(report.video.segments.every((s) => s.faces > 0)).toBe(true);
    expect(report.video.segments.flatMap((s) => s.framesInterpolated).length).toBeGreaterThan(0);
  });

  it('refuses a video over MAX_VIDEO_SECONDS or the frame size with typed job errors', async () => {
    const long = await makePlainVideo(tools, join(dir, 'long.mp4'), 25, 64, 48);
    const large = await makePlainVideo(tools, join(dir, 'large.mp4'), 1, 800, 600);
    const batch = await submit([
      [long, 'long.mp4'],
      [large, 'large.mp4'],
    ]);
    const views = await process(batch.jobs.map((j) => j.id));
    expect(views.map((v) => [v.status, v.error?.code])).toEqual([
      ['failed', 'VIDEO_TOO_LONG'],
      ['failed', 'VIDEO_RESOLUTION_TOO_HIGH'],
    ]);
    const zipped = await authed(`/v1/batches/${batch.batchId}/result.zip`);
    expect(zipped.status).toBe(409);
    expect(await zipped.json()).toMatchObject({ error: { code: 'BATCH_NOT_COMPLETED' } });
  });

  it('reads WebM and AVI: sniffed by their bytes, probed and decoded frame by frame', async () => {
    const clip = { ...SMALL_PAN, seconds: 1 };
    for (const container of ['webm', 'avi'] as const) {
      const path = await makePanVideo(tools, dir, `pan.${container}`, clip, container);
      expect(sniffType(await readFile(path))).toEqual({ supported: true, type: container });
      const info = await probeVideoFile(tools, path, container);
      expect(info).toMatchObject({ width: 320, height: 240, hasAudio: true, rotation: 0 });
      const frames = await readAllFrames(tools, path, container, {
        width: 320,
        height: 240,
        rate: info?.rate ?? '10/1',
      });
      expect(frames.length).toBeGreaterThanOrEqual(9);
      expect(frames.length).toBeLessThanOrEqual(11);
    }
  });
});
