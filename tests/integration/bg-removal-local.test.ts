// remove-background jobs end to end with the local engine: onnxruntime-node running a tiny ONNX
// graph built here (mask = sigmoid(w · normalised RGB + b)), so the expected alpha is known.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxBackgroundRemover, type LocalEngineOptions } from '../../src/bg/local-engine.js';
import { existsSync } from 'node:fs';
import { bgModelPath } from '../../scripts/lib/bg-model.js';
import { PROJECT_ROOT } from '../../scripts/lib/tools.js';
import { checkCutout } from '../../src/imaging/cutout.js';
import { bgClient, rgbaPixels, settled, subjectOnWhite, twoPageTiff } from '../support/bg-jobs.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';
import {
  tinyModelMask,
  writeTinySegmentationModel,
  type TinyModelOptions,
} from '../support/tiny-onnx.js';

const MODEL: TinyModelOptions = {
  size: 64,
  weights: [0.9, -0.4, 0.2],
  bias: 0.1,
  output: 'probability',
};
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;

let dir: string;
let engineOptions: LocalEngineOptions;
let pipeline: TestPipeline;
let api: ServedApi;
let client: ReturnType<typeof bgClient>;
const taskQueue = TestPipeline.taskQueue();

/** A smooth image: red rises left to right, green top to bottom, blue constant. */
async function gradient(width: number, height: number): Promise<Buffer> {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = Math.round((255 * x) / (width - 1));
      rgb[i + 1] = Math.round((255 * y) / (height - 1));
      rgb[i + 2] = 90;
    }
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The alpha the model gives a pixel of colour `rgb`. */
const expectedAlpha = (rgb: readonly number[]) =>
  255 *
  tinyModelMask(
    MODEL,
    [0, 1, 2].map((c) => ((rgb[c] as number) / 255 - MEAN[c]!) / STD[c]!) as [
      number,
      number,
      number,
    ],
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redactify-bg-'));
  engineOptions = {
    modelPath: await writeTinySegmentationModel(join(dir, 'tiny.onnx'), MODEL),
    size: MODEL.size,
    mean: MEAN,
    std: STD,
    activation: 'probability',
    threads: 1,
  };
  pipeline = await TestPipeline.open({
    backgroundRemover: new OnnxBackgroundRemover(engineOptions),
  });
  api = await pipeline.serveApi(taskQueue);
  client = bgClient(api, (await api.register()).apiKey);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await pipeline?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('remove-background, local engine (onnxruntime-node)', () => {
  it("gives each image of a batch the model's mask as alpha, at the image's own size", async () => {
    const png = await gradient(320, 200);
    const webp = await sharp(await gradient(150, 260))
      .webp({ lossless: true })
      .toBuffer();
    const submitted = await client.upload(
      [
        { name: 'wide.png', bytes: png },
        { name: 'tall.webp', bytes: webp },
        { name: 'pages.tiff', bytes: await twoPageTiff() },
      ],
      { operation: 'remove-background' },
    );
    expect(submitted.status).toBe(202);
    const ids = submitted.body.jobs.map((j) => j.id);
    const body = await pipeline.runWorkers(taskQueue, client.resultsUntil(ids, settled(ids)));
    expect(body.summary).toMatchObject({ completed: 2, failed: 1 });
    expect(body.results[2]).toMatchObject({ status: 'failed', error: { code: 'TOO_MANY_PAGES' } });

    for (const [i, width, height] of [
      [0, 320, 200],
      [1, 150, 260],
    ] as const) {
      expect(body.results[i]).toMatchObject({
        status: 'completed',
        result: { operation: 'remove-background', engine: 'local', outputType: 'png' },
      });
      const response = await client.authed(`/v1/jobs/${ids[i]}/result`);
      expect(response.headers.get('content-type')).toBe('image/png');
      const out = await rgbaPixels(Buffer.from(await response.arrayBuffer()));
      const report = (await (await client.authed(`/v1/jobs/${ids[i]}/report`)).json()) as {
        engine: string;
        operation: string;
        pages: Array<{ foreground: number }>;
      };
      expect({ width: out.width, height: out.height }).toEqual({ width, height });
      // Colour untouched; alpha follows the model's mask of that colour. The model sees a
      // 64×64 resampling and its mask is resized back, so pixels differ by a few levels.
      const source = await sharp(i === 0 ? png : webp)
        .raw()
        .toBuffer();
      let worst = 0;
      let recoloured = 0;
      const alphas: number[] = [];
      for (let p = 0; p < width * height; p++) {
        const rgb = [...out.data.subarray(p * 4, p * 4 + 3)];
        if (rgb.some((v, c) => v !== source[p * 3 + c])) recoloured++;
        const alpha = out.data[p * 4 + 3] as number;
        alphas.push(alpha);
        worst = Math.max(worst, Math.abs(alpha - expectedAlpha(rgb)));
      }
      expect(recoloured).toBe(0);
      expect(worst).toBeLessThanOrEqual(4);
      // The mask spans a real range here, so a constant alpha could not pass.
      expect(Math.max(...alphas) - Math.min(...alphas)).toBeGreaterThan(100);

      expect(report).toMatchObject({ engine: 'local', operation: 'remove-background' });
      const mean = alphas.reduce((n, a) => n + a, 0) / alphas.length / 255;
      expect(report.pages[0]!.foreground).toBeCloseTo(mean, 3);
    }
  }, 240_000);
});

describe('the local engine, alone', () => {
  it('puts logits through a sigmoid when the model gives logits', async () => {
    const logits: TinyModelOptions = { ...MODEL, output: 'logits' };
    const engine = new OnnxBackgroundRemover({
      ...engineOptions,
      modelPath: await writeTinySegmentationModel(join(dir, 'logits.onnx'), logits),
      activation: 'logits',
    });
    const out = await rgbaPixels(await engine.removeBackground(await gradient(64, 64)));
    for (const p of [0, 63, 64 * 32 + 32, 64 * 64 - 1]) {
      const rgb = [...out.data.subarray(p * 4, p * 4 + 3)];
      expect(Math.abs((out.data[p * 4 + 3] as number) - expectedAlpha(rgb))).toBeLessThanOrEqual(2);
    }
    await engine.close();
  });

  it('refuses a file that is no model, and a model of another input size, as BG_MODEL_INVALID', async () => {
    await writeFile(join(dir, 'junk.onnx'), 'not a model');
    const junk = new OnnxBackgroundRemover({ ...engineOptions, modelPath: join(dir, 'junk.onnx') });
    await expect(junk.warmUp()).rejects.toMatchObject({
      code: 'BG_MODEL_INVALID',
      retryable: false,
    });
    const missing = new OnnxBackgroundRemover({
      ...engineOptions,
      modelPath: join(dir, 'absent.onnx'),
    });
    await expect(missing.removeBackground(await gradient(8, 8))).rejects.toMatchObject({
      code: 'BG_MODEL_INVALID',
    });
    const wrongSize = new OnnxBackgroundRemover({ ...engineOptions, size: 32 });
    await expect(wrongSize.removeBackground(await gradient(8, 8))).rejects.toMatchObject({
      code: 'BG_MODEL_INVALID',
    });
    await wrongSize.close();
  });
});

/** The packaged U²-Net small model (`npm run bootstrap` / `npm run bg-model`); CI must have it. */
const U2NETP = bgModelPath(join(PROJECT_ROOT, '.tools'));
const haveU2netp = existsSync(U2NETP);

describe.skipIf(!haveU2netp && process.env.CI !== 'true')('the packaged U²-Net small model', () => {
  it('cuts a disc out of a white background', async () => {
    const engine = new OnnxBackgroundRemover({ ...engineOptions, modelPath: U2NETP, size: 320 });
    const [width, height] = [600, 400];
    const out = await engine.removeBackground(await subjectOnWhite(width, height));
    const { data } = await rgbaPixels(out);
    const alphaAt = (x: number, y: number) => data[(y * width + x) * 4 + 3];
    expect([alphaAt(5, 5), alphaAt(width - 5, height - 5)]).toEqual([0, 0]);
    expect(alphaAt(width / 2, height / 2)).toBe(255);
    // The disc (r = height / 3) covers π r² of the image; the mask keeps about that much.
    const disc = (Math.PI * Math.floor(height / 3) ** 2) / (width * height);
    const { foreground } = await checkCutout(out, { width, height });
    expect(Math.abs(foreground - disc)).toBeLessThan(0.02);
    await engine.close();
  }, 60_000);
});
