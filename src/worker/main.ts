// `npm run worker`: one worker process against the configured Temporal and object store.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import sharp from 'sharp';
import { createActivities } from '../activities/index.js';
import { createBackgroundRemover } from '../bg/create-engine.js';
import { parseConfig } from '../config/env.js';
import { encryptedDataConverter } from '../crypto/payload-codec.js';
import { resolveKeyRing } from '../crypto/resolve-keys.js';
import { createLogger } from '../log.js';
import { createRegistry } from '../metrics/registry.js';
import { serveMetrics } from '../metrics/serve.js';
import { createWorkerMetrics } from '../metrics/worker-metrics.js';
import { AzureReadEngine } from '../ocr/azure-engine.js';
import { NativeTesseractEngine } from '../ocr/tesseract-native.js';
import { TesseractPool } from '../ocr/tesseract-pool.js';
import type { PSM } from 'tesseract.js';
import { loadPhiSettings } from '../phi/detector.js';
import { EncryptedObjectStore } from '../storage/encrypted-store.js';
import { applyBucketExpiry } from '../storage/bucket-expiry.js';
import { ensureSweepSchedule } from './sweep-schedule.js';
import { PinoTemporalLogger } from './temporal-logger.js';
import { createWorkers } from './workers.js';
import { faceFinders } from '../video/face-finder.js';
import { resolveVideoTools } from '../video/tools.js';

const config = parseConfig();
const log = createLogger('worker', config.logLevel);
// libvips would start a thread per core for each image; the cores belong to OCR.
sharp.concurrency(1);
Runtime.install({
  logger: new PinoTemporalLogger(
    log.child({ source: 'temporal' }),
    config.logLevel === 'debug' ? 'DEBUG' : 'WARN',
  ),
});

const keys = resolveKeyRing(config.encryption);
if (keys.source === 'dev-file') {
  log.warn(
    { keyIds: keys.ring.ids },
    'TEMPORAL_PAYLOAD_KEYS unset: using the dev key ring in DATA_DIR',
  );
}
const store = new EncryptedObjectStore(config.s3, keys.ring);
await store.ensureBucket();
if (config.lifecycle.bucketRule) await applyBucketExpiry(store, config.lifecycle.resultTtlMs, log);
const phi = loadPhiSettings(config.phi);
const ocr = new TesseractPool({
  size: config.worker.ocrWorkers,
  model: config.worker.ocrModel,
  recycleAfterPages: config.worker.ocrRecycleAfterPages,
  timeoutMs: config.worker.ocrPageTimeoutMs,
  psm: config.worker.ocrPsm as PSM,
});
// A model that cannot be loaded stops the worker here, not in the first job.
const backgroundRemover = createBackgroundRemover(config.bgRemoval);
await backgroundRemover?.warmUp();
const azure = config.ocr.azure && new AzureReadEngine(config.ocr.azure);
// A TESSERACT_BIN that does not run stops the worker here, not in the first job.
const nativeTesseract =
  config.ocr.tesseractBin === undefined
    ? undefined
    : await NativeTesseractEngine.start({
        binary: config.ocr.tesseractBin,
        model: config.worker.ocrModel,
        timeoutMs: config.worker.ocrPageTimeoutMs,
        psm: config.worker.ocrPsm as PSM,
      });
const metrics = createWorkerMetrics(createRegistry(), { ocr });
const metricsServer =
  config.metrics.workerPort > 0
    ? await serveMetrics({
        registry: metrics.registry,
        host: config.metrics.workerHost,
        port: config.metrics.workerPort,
        token: config.metrics.token,
      })
    : undefined;
const connection = await NativeConnection.connect({ address: config.temporal.address });
const clientConnection = await Connection.connect({ address: config.temporal.address });
const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
try {
  await ensureSweepSchedule(temporal, {
    taskQueue: config.temporal.taskQueue,
    ttlMs: config.lifecycle.resultTtlMs,
    ocrTtlMs: config.lifecycle.ocrResultTtlMs,
    intervalMs: config.lifecycle.sweepIntervalMs,
  });
  const workers = await createWorkers({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: encryptedDataConverter(keys.ring),
    activities: createActivities({
      store,
      ocr,
      nativeTesseract,
      azure,
      ocrFallback: config.ocr.fallback,
      phi,
      documents: {
        limits: config.limits,
        defaultDpi: config.worker.defaultDpi,
        pdfDpi: config.worker.pdfDpi,
      },
      maskPaddingPx: config.worker.maskPaddingPx,
      ocrMinDpi: config.worker.ocrMinDpi,
      verifyMode: config.worker.verifyMode,
      urlFetch: config.fetch,
      detectBudgetMs: config.worker.detectBudgetMs,
      lifecycle: config.lifecycle,
      faces: config.worker.faces,
      temporal,
      backgroundRemover,
      faceFinders: faceFinders(config.worker.faces),
      video: {
        tools: resolveVideoTools(config.video.tools),
        limits: config.video.limits,
        segmentSeconds: config.video.segmentSeconds,
        hiding: config.video.hiding,
        encoder: config.video.encoder,
      },
    }),
    ocrSlots: config.worker.ocrWorkers,
    faceSlots: config.worker.faceWorkers,
    activityConcurrency: config.worker.activityConcurrency,
    videoSlots: config.video.segmentSlots,
    metrics,
    log,
  });
  log.info(
    {
      taskQueue: config.temporal.taskQueue,
      ocrWorkers: config.worker.ocrWorkers,
      bgRemoval: backgroundRemover?.name ?? 'off',
      metrics: metricsServer?.url ?? 'off',
    },
    'worker ready',
  );
  // Both stop on SIGINT/SIGTERM. If one fails, the other is shut down before the pool closes.
  const stopped = await Promise.allSettled(
    workers.map((w) =>
      w.run().catch((err: unknown) => {
        for (const other of workers) if (other.getState() === 'RUNNING') other.shutdown();
        throw err;
      }),
    ),
  );
  const failure = stopped.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
} finally {
  await ocr.close();
  await backgroundRemover?.close();
  await azure?.close();
  await nativeTesseract?.close();
  await connection.close();
  await clientConnection.close();
  await metricsServer?.close();
  log.info('worker stopped');
}
