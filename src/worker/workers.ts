// Builds the two workers of one process: workflows + light activities, and OCR on its own queue.
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { Activities } from '../activities/index.js';
import type { Logger } from '../log.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import { facesTaskQueue, ocrTaskQueue, videoTaskQueue } from '../workflows/contract.js';
import { jobSinks } from './job-sinks.js';
import { stageMetricsInterceptor } from './stage-metrics.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface RedactifyWorkersOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Carries the payload codec (see `encryptedDataConverter`): the API's client must use the same keys. */
  dataConverter: DataConverter;
  activities: Activities;
  /** Concurrent OCR activities: the OCR pool size, so queued pages wait in Temporal, not here. */
  ocrSlots: number;
  /** Concurrent face detections (their own queue, never an OCR slot); 1 when absent. */
  faceSlots?: number;
  /** Concurrent light activities (fetch, split, detect, mask, assemble). */
  activityConcurrency: number;
  /** Concurrent video segments (decode, find faces, blur, encode): VIDEO_SEGMENT_SLOTS. */
  videoSlots: number;
  /** A prebuilt bundle (tests build one per file); otherwise workflows are bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /** Where job and stage events are counted. */
  metrics: WorkerMetrics;
  /** Where job events are logged (workflows' and activities' own logs go through `Runtime`). */
  log: Logger;
}

/**
 * Creates the main worker, the OCR worker (OCR, verification and background removal), the faces worker (face detection)
 * and the video worker (segments), the CPU-heavy activities each on a queue of their own; run them together with
 * `Promise.all(w.run())`.
 */
export async function createWorkers(options: RedactifyWorkersOptions): Promise<Worker[]> {
  const { ocrPage, verifyPage, removeBackground, findFaces, blurVideoSegment, ...light } =
    options.activities;
  const common = {
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: options.dataConverter,
    interceptors: { activity: [stageMetricsInterceptor(options.metrics)] },
  };
  const main = await Worker.create({
    ...common,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities: light,
    sinks: jobSinks(options.metrics, options.log),
    maxConcurrentActivityTaskExecutions: options.activityConcurrency,
  });
  const ocr = await Worker.create({
    ...common,
    taskQueue: ocrTaskQueue(options.taskQueue),
    activities: { ocrPage, verifyPage, removeBackground },
    maxConcurrentActivityTaskExecutions: options.ocrSlots,
  });
  const faces = await Worker.create({
    ...common,
    taskQueue: facesTaskQueue(options.taskQueue),
    activities: { findFaces },
    maxConcurrentActivityTaskExecutions: options.faceSlots ?? 1,
  });
  const video = await Worker.create({
    ...common,
    taskQueue: videoTaskQueue(options.taskQueue),
    activities: { blurVideoSegment },
    maxConcurrentActivityTaskExecutions: options.videoSlots,
  });
  return [main, ocr, faces, video];
}
