// `npm run api`: the HTTP API against the configured Temporal, object store and access store.
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { openAccess } from '../access/setup.js';
import { parseConfig } from '../config/env.js';
import { EncryptionCodec } from '../crypto/payload-codec.js';
import { resolveKeyRing } from '../crypto/resolve-keys.js';
import { createLogger } from '../log.js';
import { createApiMetrics } from '../metrics/api-metrics.js';
import { createRegistry } from '../metrics/registry.js';
import { loadPacks } from '../phi/pack.js';
import { EncryptedObjectStore } from '../storage/encrypted-store.js';
import { createApp } from './app.js';
import { readTaskQueues } from './task-queues.js';

const config = parseConfig();
const log = createLogger('api', config.logLevel);

// Lazy: the API starts even while Temporal is down, and /health/ready says so.
const keys = resolveKeyRing(config.encryption);
if (keys.source === 'dev-file') {
  log.warn(
    { keyIds: keys.ring.ids },
    'TEMPORAL_PAYLOAD_KEYS unset: using the dev key ring in DATA_DIR',
  );
}
const codec = new EncryptionCodec(keys.ring);
const connection = Connection.lazy({ address: config.temporal.address });
const temporal = new Client({
  connection,
  namespace: config.temporal.namespace,
  dataConverter: { payloadCodecs: [codec] },
});
const store = new EncryptedObjectStore(config.s3, keys.ring);
// The same packs the workers load: option names are checked at submit, and a bad pack stops the API too.
const packNames = loadPacks(config.phi.packFiles).map((p) => p.name);
const metrics = createApiMetrics(createRegistry(), {
  taskQueues: () => readTaskQueues(temporal, config.temporal.taskQueue),
});
const access = await openAccess(config.access, log);
if (config.access.mode === 'off') {
  log.warn(
    { authMode: 'off' },
    'AUTH_MODE=off: every request acts as one anonymous account; never expose this API',
  );
}
log.info(
  {
    store: config.access.databaseUrl ? 'postgresql' : 'sqlite',
    registration: config.access.registration,
    adminKeys: config.access.adminKeys.length,
  },
  'access store open',
);

const app = createApp(
  {
    temporal,
    store,
    jobs: {
      taskQueue: config.temporal.taskQueue,
      pageConcurrency: config.worker.pageConcurrency,
      pagesPerChild: config.worker.pagesPerChild,
      review: config.review,
    },
    access: access.access,
    jobIds: access.jobIds,
    packNames,
    maxUploadBytes: config.api.maxUploadBytes,
    maxFilesPerBatch: config.api.maxFilesPerBatch,
    maxVideoBytes: config.video.limits.maxBytes,
    urlPolicy: config.fetch.policy,
    maxJsonBodyBytes: config.api.maxJsonBodyBytes,
    maxMultipartParts: config.api.maxMultipartParts,
    maxFormFieldBytes: config.api.maxFormFieldBytes,
    resultsMaxIds: config.api.resultsMaxIds,
    resultsLookup: {
      concurrency: config.api.resultsConcurrency,
      visibilityGraceMs: config.api.resultsVisibilityGraceMs,
    },
    resultTtlMs: config.lifecycle.resultTtlMs,
    ocrResultTtlMs: config.lifecycle.ocrResultTtlMs,
    operations: config.operations,
    metrics,
    codec: {
      codec,
      corsOrigins: config.encryption.codecCorsOrigins,
      uiToken: config.encryption.codecUiToken,
    },
    metricsToken: config.metrics.token,
    allowedHosts: config.api.allowedHosts,
    trustProxy: config.api.trustProxy,
  },
  log,
);

const server = serve(
  { fetch: app.fetch, hostname: config.api.host, port: config.api.port },
  (info) => {
    log.info({ url: `http://${config.api.host}:${info.port}` }, 'api listening');
  },
);

const stop = () => {
  server.close(() => {
    void Promise.allSettled([access.close(), connection.close()]).finally(() => process.exit(0));
  });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
