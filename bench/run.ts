// `npm run bench`: throughput of the whole pipeline against a bare tesseract.js loop on the same
// pages, per-stage time, orchestration overhead, memory, /v1/results latency and two-worker scale.
// Everything runs on real servers started here; the last line is machine-readable.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { temporal } from '@temporalio/proto';
import { createJob } from '../src/api/submit.js';
import { openDocument } from '../src/imaging/document.js';
import type { JobReport } from '../src/jobs/report.js';
import { readPage } from '../src/ocr/read-page.js';
import { TesseractPool } from '../src/ocr/tesseract-pool.js';
import type { StageName } from '../src/jobs/stage-timing.js';
import { mapBounded } from '../src/util/concurrency.js';
import { generateCorpus } from '../eval/corpus/index.js';
import type { CorpusDocument } from '../eval/corpus/types.js';
import {
  apiFetch,
  benchJobIds,
  cpuSeconds,
  memoryOf,
  ocrEngineEnv,
  sampleRss,
  startApi,
  startBenchStack,
  startWorker,
  waitForResults,
} from './lib/harness.js';
import { measureAuthOverhead } from './lib/auth-overhead.js';
import { nativeReferenceLoops } from './lib/native-tesseract.js';
import { benchMarkdown } from './lib/markdown.js';
import { machineLine, writeBlock } from '../scripts/lib/generated-docs.js';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    documents: { type: 'string', default: '24' },
    /** Also write the figures into docs/performance.md (between its bench:latest markers). */
    docs: { type: 'boolean', default: false },
    /** The pipeline's default OCR engine (OCR_ENGINE): tesseract, or tesseract-native. */
    'ocr-engine': { type: 'string', default: 'tesseract' },
  },
});
const OCR_SLOTS = availableParallelism();
const engineEnv = await ocrEngineEnv(args['ocr-engine']);
const machine = machineLine();
const EXTENSIONS: Record<CorpusDocument['format'], string> = {
  png: 'png',
  jpeg: 'jpg',
  tiff: 'tiff',
  pdf: 'pdf',
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const corpus = await generateCorpus({ seed: Number(args.seed), documents: Number(args.documents) });
const pageCount = corpus.reduce((n, d) => n + d.pages.length, 0);
console.log(
  `corpus: ${corpus.length} documents, ${pageCount} pages (${corpus.filter((d) => d.scanned).length} scanned documents; formats ${[...new Set(corpus.map((d) => d.format))].join(', ')})`,
);

// 1. Reference: a bare tesseract.js loop over the same page images, same engine settings and
//    number of OCR workers, word boxes on. Pages are decoded before the clock starts.
const limits = { maxPages: 500, maxPagePixels: 100_000_000, maxDocumentPixels: 5_000_000_000 };
const pages: Array<{ png: Buffer; width: number; height: number; dpi: number }> = [];
for (const doc of corpus) {
  const reader = await openDocument(doc.bytes, doc.format, {
    limits,
    defaultDpi: 300,
    pdfDpi: 300,
  });
  for (const [index, info] of reader.pages.entries())
    pages.push({ png: await reader.renderPage(index), ...info });
  await reader.close();
}
const pool = new TesseractPool({
  size: OCR_SLOTS,
  model: 'best_int',
  recycleAfterPages: 100,
  timeoutMs: 600_000,
});
const rssBeforeOcr = process.memoryUsage().rss;
let refPeakRss = rssBeforeOcr;
const refSampler = setInterval(
  () => (refPeakRss = Math.max(refPeakRss, process.memoryUsage().rss)),
  200,
);
const refStarted = performance.now();
const refCpuBefore = process.cpuUsage();
await mapBounded(pages, OCR_SLOTS, (page) => readPage(pool, page.png, page, { minDpi: 300 }));
const refSeconds = (performance.now() - refStarted) / 1000;
const refCpu = process.cpuUsage(refCpuBefore);
const refCoreSeconds = (refCpu.user + refCpu.system) / 1e6;
clearInterval(refSampler);
await pool.close();
const rssPerSlotMb = Math.round((refPeakRss - rssBeforeOcr) / OCR_SLOTS / 1e6);
console.log(
  `reference loop: ${pages.length} pages in ${round(refSeconds)} s (${round(pages.length / refSeconds)} pages/s, ${round(refCoreSeconds, 1)} core-seconds), ~${rssPerSlotMb} MB per OCR worker`,
);

// 1b. Native Tesseract on the same pages, one single-threaded process per core, when installed:
//     bare with Debian's model, and through the tesseract-native engine with the pipeline's model.
const [native, nativeSameModel] = await nativeReferenceLoops(pages, OCR_SLOTS, 'best_int');
console.log(
  native && nativeSameModel
    ? `native reference: ${native.version}, ${native.pages} pages in ${round(native.seconds)} s (${round(native.pagesPerSecond)} pages/s) with Debian's model; ` +
        `${round(nativeSameModel.seconds)} s (${round(nativeSameModel.pagesPerSecond)} pages/s) with ${nativeSameModel.model}`
    : 'native reference: no tesseract binary (apt-get install tesseract-ocr), skipped',
);

const stack = await startBenchStack();
const taskQueue = `bench-${randomUUID()}`;
const env = stack.env(taskQueue, engineEnv);
const worker = await startWorker(env);
const api = await startApi(env);
try {
  // 2. The pipeline: the whole corpus as one batch through the HTTP API.
  const idle = await memoryOf(worker.child.pid ?? 0);
  const sampler = sampleRss(worker.child.pid ?? 0);
  const form = new FormData();
  for (const doc of corpus)
    form.append('files', new Blob([doc.bytes]), `${doc.id}.${EXTENSIONS[doc.format]}`);
  const processes = {
    worker: worker.child.pid ?? 0,
    api: api.process.child.pid ?? 0,
    ...stack.pids,
  };
  const cpuBefore = await readCpu(processes);
  const submittedAt = Date.now();
  const submitted = await apiFetch(api, '/v1/jobs', { method: 'POST', body: form });
  if (submitted.status !== 202) throw new Error(`submit answered ${submitted.status}`);
  const ids = ((await submitted.json()) as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id);
  // A client polling once a second; the batch's end is read from the histories below, so the
  // polling interval neither shortens nor stretches the figure.
  const views = await waitForResults<{ status: string }>(api, ids, 1000);
  const workerPeakMb = await sampler.stop();
  const cpuAfter = await readCpu(processes);
  const cpuDuringPipeline = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, sec]) => [name, round(sec - (cpuBefore[name] ?? 0), 1)]),
  );
  if (views.some((v) => v.status !== 'completed')) throw new Error('not every job completed');

  // Per-stage time from the reports; activity intervals from the histories.
  const stages: Partial<Record<StageName, number>> = {};
  const intervals: Array<[number, number]> = [];
  let lastClose = 0;
  let historyEvents = 0;
  for (const id of ids) {
    const report = (await (await apiFetch(api, `/v1/jobs/${id}/report`)).json()) as JobReport;
    for (const [stage, ms] of Object.entries<number>(report.timings)) {
      if (stage !== 'processingMs')
        stages[stage as StageName] = (stages[stage as StageName] ?? 0) + ms;
    }
    const events = (await stack.client.workflow.getHandle(id).fetchHistory()).events ?? [];
    intervals.push(...activityIntervals(events));
    historyEvents += events.length;
    lastClose = Math.max(lastClose, timestampMs(events.at(-1)?.eventTime));
  }
  // Submit (API request sent) to the last workflow's close, both on this machine's clock.
  const wallSeconds = (lastClose - submittedAt) / 1000;
  const pipelinePagesPerSecond = pageCount / wallSeconds;
  const start = Math.min(...intervals.map(([a]) => a));
  const end = Math.max(...intervals.map(([, b]) => b));
  const overhead = 1 - unionLength(intervals) / (end - start);
  // What each process took of the CPU spent during the batch, and the ratio as it would be if
  // Temporal and MinIO ran elsewhere: their core-seconds handed back to the pipeline's cores.
  const spent = ['worker', 'api', 'temporal', 'minio'].map((name) => cpuDuringPipeline[name] ?? 0);
  const totalCpu = spent.reduce((a, b) => a + b, 0);
  const cpuShare = Object.fromEntries(
    ['worker', 'api', 'temporal', 'minio'].map((name, i) => [
      name,
      round((spent[i] ?? 0) / totalCpu, 3),
    ]),
  );
  const serverCoreSeconds = (cpuDuringPipeline.temporal ?? 0) + (cpuDuringPipeline.minio ?? 0);
  const serversShareOfCores = serverCoreSeconds / (wallSeconds * OCR_SLOTS);

  // Orchestration overhead of one multi-page document run alone: the share of its wall time
  // (workflow start to close) when none of its activities was running.
  const longest = [...corpus].sort((a, b) => b.pages.length - a.pages.length)[0];
  if (!longest) throw new Error('empty corpus');
  const alone = new FormData();
  alone.append('files', new Blob([longest.bytes]), `${longest.id}.${EXTENSIONS[longest.format]}`);
  const aloneAnswer = (await (
    await apiFetch(api, '/v1/jobs', { method: 'POST', body: alone })
  ).json()) as { jobs: Array<{ id: string }> };
  const aloneId = aloneAnswer.jobs[0]?.id ?? '';
  await waitForResults(api, [aloneId], 100);
  const events = (await stack.client.workflow.getHandle(aloneId).fetchHistory()).events ?? [];
  const aloneWall = timestampMs(events.at(-1)?.eventTime) - timestampMs(events[0]?.eventTime);
  const overheadMultiPage = 1 - unionLength(activityIntervals(events)) / aloneWall;

  // 3. /v1/results for 1,000 ids: completed, running, queued (no worker on their queue), unknown,
  //    all read with tenancy on (the List queries filter on the caller's OwnerId).
  const jobDeps = (queue: string) => ({
    temporal: stack.client,
    store: stack.store,
    jobs: { taskQueue: queue, pageConcurrency: 4, pagesPerChild: 100 },
    jobIds: benchJobIds,
  });
  const running = await Promise.all(
    corpus
      .slice(0, 6)
      .map((doc) =>
        createJob(
          jobDeps(taskQueue),
          'bench-running',
          { filename: doc.id, bytes: doc.bytes },
          {},
          api.accountId,
        ),
      ),
  );
  const queued = await mapBounded(
    Array.from({ length: 100 }, (_, i) => i),
    8,
    () =>
      createJob(
        jobDeps('bench-no-worker'),
        'bench-queued',
        { filename: 'x.png', bytes: corpus[0]?.bytes ?? Buffer.alloc(0) },
        {},
        api.accountId,
      ),
  );
  // Unknown ids: nine in ten minted 1–30 days ago (jobs past retention, the usual unknown id),
  // one in ten minted a moment ago but never started (each asked of Temporal).
  const mixed = [...ids, ...running.map((j) => j.id), ...queued.map((j) => j.id)];
  for (let i = 0; mixed.length < 1000; i++)
    mixed.push(
      benchJobIds.mint(i % 10 === 0 ? Date.now() : Date.now() - (1 + (i % 30)) * 86_400_000),
    );
  const latencies: number[] = [];
  let mixSummary: unknown;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const response = await apiFetch(api, '/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: mixed }),
    });
    mixSummary = ((await response.json()) as { summary: unknown }).summary;
    latencies.push(performance.now() - t0);
  }
  await waitForResults(
    api,
    running.map((j) => j.id),
  );

  // 4. What authentication and the audit trail add to a request: GET /v1/jobs/:id of a queued
  //    job, on this API (keys, audit row, usage count) and on one with AUTH_MODE=off.
  const auth = await measureAuthOverhead(api, env, jobDeps('bench-no-worker'));

  // 5. Horizontal scale: a second worker process on the same queues; both take work.
  const second = await startWorker(env, 'worker-2');
  const scaleForm = new FormData();
  for (const doc of corpus.slice(0, 8))
    scaleForm.append('files', new Blob([doc.bytes]), `${doc.id}.${EXTENSIONS[doc.format]}`);
  const scaleIds = (
    (await (await apiFetch(api, '/v1/jobs', { method: 'POST', body: scaleForm })).json()) as {
      jobs: Array<{ id: string }>;
    }
  ).jobs.map((j) => j.id);
  await waitForResults(api, scaleIds, 250);
  const perWorker: Record<string, number> = {};
  const names = new Map([
    [String(worker.child.pid), 'worker-1'],
    [String(second.child.pid), 'worker-2'],
  ]);
  for (const id of scaleIds) {
    for (const event of (await stack.client.workflow.getHandle(id).fetchHistory()).events ?? []) {
      const identity = event.activityTaskStartedEventAttributes?.identity;
      if (!identity) continue;
      const name = names.get(identity.split('@')[0] ?? '') ?? identity;
      perWorker[name] = (perWorker[name] ?? 0) + 1;
    }
  }
  await second.stop();

  const results = {
    machine: `${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, node ${process.version}`,
    date: new Date().toISOString(),
    corpus: { documents: corpus.length, pages: pageCount },
    ocrSlots: OCR_SLOTS,
    ocrEngine: args['ocr-engine'],
    reference: {
      seconds: round(refSeconds),
      pagesPerSecond: round(pages.length / refSeconds),
      coreSeconds: round(refCoreSeconds, 1),
    },
    pipeline: { seconds: round(wallSeconds), pagesPerSecond: round(pipelinePagesPerSecond) },
    ratioVsOcrLoop: round(pipelinePagesPerSecond / (pages.length / refSeconds)),
    ratioVsOcrLoopWithoutServers: round(
      pipelinePagesPerSecond / (1 - serversShareOfCores) / (pages.length / refSeconds),
    ),
    nativeReference: native && {
      version: native.version,
      seconds: round(native.seconds),
      pagesPerSecond: round(native.pagesPerSecond),
    },
    nativeSameModel: nativeSameModel && {
      model: nativeSameModel.model,
      seconds: round(nativeSameModel.seconds),
      pagesPerSecond: round(nativeSameModel.pagesPerSecond),
    },
    ratioVsNative: native ? round(pipelinePagesPerSecond / native.pagesPerSecond) : null,
    ratioVsNativeSameModel: nativeSameModel
      ? round(pipelinePagesPerSecond / nativeSameModel.pagesPerSecond)
      : null,
    pagesPerSecondPerCore: round(pipelinePagesPerSecond / OCR_SLOTS, 3),
    historyEventsPerPage: round(historyEvents / pageCount, 1),
    cpuShare,
    stageCoreSeconds: Object.fromEntries(
      Object.entries(stages).map(([k, v]) => [k, round(v / 1000, 1)]),
    ),
    overhead: {
      batch: round(overhead, 3),
      multiPageDocument: {
        pages: longest.pages.length,
        seconds: round(aloneWall / 1000),
        share: round(overheadMultiPage, 3),
      },
    },
    cpuSecondsDuringPipeline: cpuDuringPipeline,
    memory: { workerIdleMb: idle.rssMb, workerPeakMb, perOcrSlotMb: rssPerSlotMb },
    results1000: {
      p50Ms: round(percentile(latencies, 50), 0),
      p95Ms: round(percentile(latencies, 95), 0),
      summary: mixSummary,
    },
    twoWorkers: { activitiesPerWorker: perWorker },
    authOverhead: auth,
  };
  await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  if (args.docs) {
    await writeBlock(
      'docs/performance.md',
      'bench:latest',
      `${benchMarkdown(results)}\n\n${machine}`,
    );
  }
  console.log('\nstage core-seconds (inside activities, storage split out):');
  console.table(results.stageCoreSeconds);
  console.log(JSON.stringify(results, null, 2));
  console.log(
    `ratio_vs_ocr_loop=${results.ratioVsOcrLoop} ratio_without_servers=${results.ratioVsOcrLoopWithoutServers} ratio_vs_native=${results.ratioVsNative ?? 'n/a'} ratio_vs_native_same_model=${results.ratioVsNativeSameModel ?? 'n/a'} ocr_engine=${results.ocrEngine} ` +
      `events_per_page=${results.historyEventsPerPage} pages_per_s=${results.pipeline.pagesPerSecond} ref_pages_per_s=${results.reference.pagesPerSecond} ` +
      `overhead=${results.overhead.batch} overhead_multipage=${results.overhead.multiPageDocument.share} rss_mb=${workerPeakMb} rss_per_ocr_slot_mb=${rssPerSlotMb} ` +
      `results_1000_p50_ms=${results.results1000.p50Ms} results_1000_ms=${results.results1000.p95Ms} workers=${Object.keys(perWorker).length} ` +
      `auth_audit_ms=${auth.addedMeanMs} auth_p50_ms=${auth.keys.p50Ms} noauth_p50_ms=${auth.off.p50Ms}`,
  );
} finally {
  await api.process.stop();
  await worker.stop();
  await stack.stop();
}

/** CPU seconds used so far by each named process. */
async function readCpu(pids: Record<string, number>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(pids).map(async ([name, pid]) => [name, await cpuSeconds(pid)] as const),
  );
  // The worker's main thread: workflows, the Temporal SDK, S3 calls, detection. The rest of the
  // worker is OCR threads and native thread pools (sharp, zlib).
  const worker = pids.worker ?? 0;
  return { ...Object.fromEntries(entries), workerMainThread: await cpuSeconds(worker, worker) };
}

/** A protobuf timestamp in epoch milliseconds. */
function timestampMs(t: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
}

/** Start–end times (ms) of every activity execution in a history. */
function activityIntervals(
  events: temporal.api.history.v1.IHistoryEvent[],
): Array<[number, number]> {
  const ms = timestampMs;
  const started = new Map<string, number>();
  const out: Array<[number, number]> = [];
  for (const event of events) {
    const id = String(event.eventId);
    if (event.activityTaskStartedEventAttributes) started.set(id, ms(event.eventTime));
    const done =
      event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes;
    const from = done && started.get(String(done.startedEventId));
    if (from !== undefined && from !== null && done) out.push([from, ms(event.eventTime)]);
  }
  return out;
}

/** Length of the union of intervals. */
function unionLength(intervals: ReadonlyArray<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [curStart, curEnd] = sorted[0] ?? [0, 0];
  for (const [a, b] of sorted.slice(1)) {
    if (a > curEnd) {
      total += curEnd - curStart;
      [curStart, curEnd] = [a, b];
    } else curEnd = Math.max(curEnd, b);
  }
  return total + (curEnd - curStart);
}
