// `npm run bench:bg`: milliseconds per megapixel of the local background-removal engine (resize,
// normalise, inference, mask back to alpha, PNG out), on the tiny test graph and, when present,
// on the packaged U²-Net small model (`npm run bg-model`, or BG_MODEL_PATH). No servers.
import { access, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { OnnxBackgroundRemover } from '../src/bg/local-engine.js';
import { subjectOnWhite } from '../tests/support/bg-jobs.js';
import { writeTinySegmentationModel } from '../tests/support/tiny-onnx.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '1000x1000,2000x2000,4000x3000' },
  },
});
const rounds = Number(args.rounds);
const sizes = args.sizes.split(',').map((s) => s.split('x').map(Number) as [number, number]);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
// As the worker runs it: libvips on one thread, the cores belong to the OCR/CPU queue's slots.
sharp.concurrency(1);

const dir = await mkdtemp(join(tmpdir(), 'bench-bg-'));
const u2netp = process.env.BG_MODEL_PATH ?? join('.tools', 'models', 'u2netp.onnx');
const models: Array<{ name: string; path: string }> = [
  {
    name: 'tiny graph (1×1 conv + sigmoid)',
    path: await writeTinySegmentationModel(join(dir, 'tiny.onnx'), {
      size: 320,
      weights: [0.9, -0.4, 0.2],
      bias: 0.1,
      output: 'probability',
    }),
  },
];
if (
  await access(u2netp).then(
    () => true,
    () => false,
  )
)
  models.push({ name: 'u2netp (320×320)', path: u2netp });
else
  console.error(
    `(${u2netp} not found: run \`npm run bg-model\` to bench the packaged U²-Net model)`,
  );

const images = await Promise.all(sizes.map(([w, h]) => subjectOnWhite(w, h)));
const rows: string[] = [];
try {
  for (const model of models) {
    // One image at a time with 2 inference threads, and two at a time with 1 thread each (as
    // two CPU-queue slots on 2 cores run them).
    for (const { threads, parallel } of [
      { threads: 2, parallel: 1 },
      { threads: 1, parallel: 2 },
    ]) {
      const engine = new OnnxBackgroundRemover({
        modelPath: model.path,
        size: 320,
        mean: [0.485, 0.456, 0.406],
        std: [0.229, 0.224, 0.225],
        activation: 'probability',
        threads,
      });
      await engine.warmUp();
      for (const [i, image] of images.entries()) {
        const [w, h] = sizes[i] ?? [0, 0];
        const mp = (w * h) / 1e6;
        await engine.removeBackground(image); // warm caches
        const times: number[] = [];
        for (let r = 0; r < rounds; r++) {
          const started = performance.now();
          await Promise.all(Array.from({ length: parallel }, () => engine.removeBackground(image)));
          times.push((performance.now() - started) / parallel);
        }
        const ms = median(times);
        rows.push(
          `| ${model.name} | ${threads} thread${threads > 1 ? 's' : ''} × ${parallel} at once | ${w}×${h} (${mp.toFixed(1)} MP) | ${Math.round(ms)} | ${Math.round(ms / mp)} |`,
        );
        console.error(rows.at(-1));
      }
      await engine.close();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(
  `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, median of ${rounds} rounds; ms per image are wall time divided by the images in flight.\n`,
);
console.log('| model | inference | image | ms per image | ms per MP |');
console.log('| --- | --- | --- | ---: | ---: |');
console.log(rows.join('\n'));
