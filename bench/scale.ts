// `npm run bench:scale`: time and worker peak RSS for 10, 50 and 100-page TIFF and PDF documents,
// one fresh worker process per run, so linearity (time) and flatness (memory) are visible.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { createJob } from '../src/api/submit.js';
import type { RedactionResult } from '../src/workflows/contract.js';
import {
  formPage,
  intakeLines,
  cycle,
  intakePdf,
  multiPageTiff,
  PATIENTS,
} from '../tests/fixtures/documents.js';
import {
  benchJobIds,
  memoryOf,
  sampleRss,
  seconds,
  startBenchStack,
  startWorker,
} from './lib/harness.js';

const SIZES = (process.env.BENCH_SIZES ?? '10,50,100').split(',').map(Number);
const stack = await startBenchStack();
const rows: Array<Record<string, string | number>> = [];
try {
  const forms = await Promise.all(PATIENTS.map((p) => formPage(intakeLines(p), { dpi: 200 })));
  for (const pages of SIZES) {
    const documents = {
      tiff: await multiPageTiff(cycle(forms, pages)),
      pdf: await intakePdf(pages),
    };
    for (const [format, bytes] of Object.entries(documents)) {
      const taskQueue = `bench-${randomUUID()}`;
      const worker = await startWorker(stack.env(taskQueue, { PDF_DPI: '200' }));
      const idle = await memoryOf(worker.child.pid ?? 0);
      const sampler = sampleRss(worker.child.pid ?? 0);
      const started = performance.now();
      const job = await createJob(
        {
          temporal: stack.client,
          store: stack.store,
          jobs: { taskQueue, pageConcurrency: 4, pagesPerChild: 100 },
          jobIds: benchJobIds,
        },
        'bench-scale',
        { filename: `doc.${format}`, bytes },
        {},
        'bench',
      );
      const handle = stack.client.workflow.getHandle<() => Promise<RedactionResult>>(job.id);
      const result = await handle.result();
      const wallMs = performance.now() - started;
      const peakDuringJob = await sampler.stop();
      const memory = await memoryOf(worker.child.pid ?? 0);
      const history = await handle.describe();
      await worker.stop();
      rows.push({
        format,
        pages: result.pages,
        seconds: seconds(wallMs),
        pages_per_s: Math.round((result.pages / (wallMs / 1000)) * 100) / 100,
        worker_idle_rss_mb: idle.rssMb,
        worker_peak_rss_during_job_mb: peakDuringJob,
        worker_peak_rss_incl_startup_mb: memory.peakMb,
        history_events: history.historyLength,
        history_kb: Math.round((history.historySize ?? 0) / 1024),
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  }
} finally {
  await stack.stop();
}
console.table(rows);
const machine = `${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, node ${process.version}`;
await writeFile(
  'bench/scale-results.json',
  `${JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2)}\n`,
);
console.log(`machine: ${machine}`);
