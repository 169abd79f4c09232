// `npm start`: the whole stack in one command — Temporal (+ Web UI), MinIO, one worker, the API.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { readTaskQueues, unpolledQueues } from '../src/api/task-queues.js';
import { parseConfig } from '../src/config/env.js';
import { readOrCreateDevKeys } from '../src/crypto/resolve-keys.js';
import { ObjectStore } from '../src/storage/object-store.js';
import {
  startMinio,
  startTemporal,
  spawnManaged,
  waitUntil,
  type ManagedProcess,
} from './lib/servers.js';
import { parseStackConfig } from './lib/stack-config.js';
import { ensureMinio, ensureTemporal, PROJECT_ROOT } from './lib/tools.js';

if (existsSync(join(PROJECT_ROOT, '.env'))) process.loadEnvFile(join(PROJECT_ROOT, '.env'));
const stack = parseStackConfig();
// The services talk to the servers this script starts.
process.env.TEMPORAL_ADDRESS = `127.0.0.1:${stack.TEMPORAL_PORT}`;
process.env.S3_ENDPOINT = `http://127.0.0.1:${stack.MINIO_PORT}`;
// Local and friction-free: anyone on this machine may register a key (production: closed).
process.env.AUTH_REGISTRATION ??= 'open';
process.env.DATA_DIR = stack.DATA_DIR;
// The Web UI this script starts may call the API's codec server from the browser.
process.env.CODEC_CORS_ORIGINS ??= [
  `http://127.0.0.1:${stack.TEMPORAL_UI_PORT}`,
  `http://localhost:${stack.TEMPORAL_UI_PORT}`,
].join(',');
// The Web UI sends no API key: it decodes through a path secret, new each start unless set.
process.env.CODEC_UI_TOKEN ??= randomBytes(32).toString('base64url');
const config = parseConfig();
// The API and the worker must share one key ring: made here once, before either starts.
if (!config.encryption.keys && !config.encryption.production) readOrCreateDevKeys(stack.DATA_DIR);

const apiUrl = `http://${config.api.host}:${config.api.port}`;

const running: ManagedProcess[] = [];
let stopping = false;
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('[start] stopping…');
  for (const p of [...running].reverse()) await p.stop();
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

/** A child that dies on its own takes the stack down, so nothing runs half-configured. */
function supervise<P extends ManagedProcess>(p: P): P {
  running.push(p);
  void p.exited.then((code) => {
    if (!stopping) {
      console.error(`[start] ${p.name} exited with code ${code}`);
      void stopAll(1);
    }
  });
  return p;
}

try {
  const temporalBin = await ensureTemporal({ toolsDir: stack.TOOLS_DIR });
  const minioBin = await ensureMinio({ toolsDir: stack.TOOLS_DIR });
  const [temporal, minio] = await Promise.all([
    startTemporal({
      bin: temporalBin,
      port: stack.TEMPORAL_PORT,
      uiPort: stack.TEMPORAL_UI_PORT,
      uiCodecEndpoint: `${apiUrl}/codec/ui/${config.encryption.codecUiToken ?? ''}`,
      dbFile: join(stack.DATA_DIR, 'temporal', 'temporal.db'),
    }).then(supervise),
    startMinio({
      bin: minioBin,
      port: stack.MINIO_PORT,
      consolePort: stack.MINIO_CONSOLE_PORT,
      dataDir: join(stack.DATA_DIR, 'minio'),
      accessKey: config.s3.accessKey,
      secretKey: config.s3.secretKey,
    }).then(supervise),
  ]);
  await new ObjectStore(config.s3).ensureBucket();

  const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const worker = supervise(spawnManaged('worker', tsx, ['src/worker/main.ts']));
  const api = supervise(spawnManaged('api', tsx, ['src/api/main.ts']));
  await waitUntil('API', async () => (await fetch(`${apiUrl}/health/ready`)).ok, {
    process: api,
    timeoutMs: 120_000,
  });
  // Up means a job submitted now runs: the worker polls both queues (workflows and activities on
  // the main one, OCR on its own), as Temporal's DescribeTaskQueue sees it.
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  await waitUntil(
    'worker',
    async () =>
      unpolledQueues(await readTaskQueues(client, config.temporal.taskQueue)).length === 0,
    { process: worker, timeoutMs: 180_000 },
  );
  await connection.close();

  const { workerHost, workerPort } = config.metrics;
  const workerMetrics = workerPort > 0 ? `http://${workerHost}:${workerPort}/metrics` : 'off';
  console.log(`
Redactify is up.
  API           ${apiUrl}   (POST /v1/jobs, GET /v1/results, /v1/queue, /health/ready, /docs)
  Metrics       ${apiUrl}/metrics   worker ${workerMetrics}
  Temporal UI   http://127.0.0.1:${stack.TEMPORAL_UI_PORT}   (gRPC ${temporal.address}; payloads decoded by the API's /codec)
  MinIO         ${minio.endpoint}   console http://127.0.0.1:${stack.MINIO_CONSOLE_PORT}   bucket "${config.s3.bucket}"
Get an API key (registration is ${config.access.registration}):
  curl -s -H 'content-type: application/json' -d '{"email":"you@example.org","name":"You"}' ${apiUrl}/v1/auth/register
Press Ctrl-C to stop everything.
`);
} catch (err) {
  console.error(`[start] ${(err as Error).message}`);
  await stopAll(1);
}
