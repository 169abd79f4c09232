// Starts and stops the Temporal dev server and MinIO as child processes (npm start, tests, bench).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ObjectStoreOptions } from '../../src/storage/object-store.js';
import { ensureMinio, ensureTemporal, PROJECT_ROOT } from './tools.js';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves when a line of output matches `pattern`. */
  waitForLine(pattern: RegExp): Promise<void>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export type LineSink = (name: string, line: string) => void;

/** Prefixes each output line with the process name (the `npm start` view). */
export const prefixedSink: LineSink = (name, line) => process.stdout.write(`[${name}] ${line}\n`);

/** Drops output (tests), keeping the last lines for error messages. */
export const quietSink: LineSink = () => undefined;

/** Spawns a long-running child whose output goes line by line to `sink`. */
export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; sink?: LineSink; cwd?: string } = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sink = options.sink ?? prefixedSink;
  const watchers = new Set<{ pattern: RegExp; resolve: () => void }>();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      sink(name, line);
      for (const watcher of watchers) {
        if (!watcher.pattern.test(line)) continue;
        watchers.delete(watcher);
        watcher.resolve();
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    name,
    child,
    exited,
    waitForLine: (pattern) => new Promise((resolve) => watchers.add({ pattern, resolve })),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Polls `probe` until it returns true, failing after `timeoutMs` or when `process` exits. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 60_000, process: watched }: { timeoutMs?: number; process?: ManagedProcess } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void watched?.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${what}: the process exited before it was ready`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms`);
}

interface DevServerSettings {
  namespace: string;
  retention: string;
  searchAttributes: Record<string, string>;
  dynamicConfig: Record<string, unknown>;
}

/** The checked-in dev-server settings (`temporal/dev-server.json`). */
export function devServerSettings(): DevServerSettings {
  return JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'temporal', 'dev-server.json'), 'utf8'),
  ) as DevServerSettings;
}

export interface TemporalDevOptions {
  bin: string;
  port: number;
  /** Web UI port; the UI is off when absent. */
  uiPort?: number;
  /** The codec server the Web UI decodes payloads with (the API's /codec). */
  uiCodecEndpoint?: string;
  /** SQLite file; in memory when absent. */
  dbFile?: string;
  sink?: LineSink;
}

/** Runs a CLI command against the server and resolves true when it exits 0. */
function cliSucceeds(bin: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * Starts `temporal server start-dev` with our namespace settings and search attributes, and
 * resolves once the namespace answers.
 */
export async function startTemporal(
  options: TemporalDevOptions,
): Promise<ManagedProcess & { address: string }> {
  const settings = devServerSettings();
  const address = `127.0.0.1:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--log-level',
    'warn',
  ];
  if (options.uiPort) {
    args.push('--ui-port', String(options.uiPort));
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  } else args.push('--headless');
  if (options.dbFile) {
    await mkdir(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const [name, type] of Object.entries(settings.searchAttributes)) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  for (const [key, value] of Object.entries(settings.dynamicConfig)) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const server = spawnManaged('temporal', options.bin, args, { sink: options.sink });
  const cli = ['--address', address, '--namespace', settings.namespace];
  await waitUntil(
    'Temporal',
    () => cliSucceeds(options.bin, ['operator', 'namespace', 'describe', ...cli]),
    {
      process: server,
    },
  );
  if (
    !(await cliSucceeds(options.bin, [
      'operator',
      'namespace',
      'update',
      '--retention',
      settings.retention,
      ...cli,
    ]))
  ) {
    throw new Error(`could not set the retention of namespace ${settings.namespace}`);
  }
  return Object.assign(server, { address });
}

export interface MinioOptions {
  bin: string;
  port: number;
  consolePort: number;
  dataDir: string;
  accessKey: string;
  secretKey: string;
  sink?: LineSink;
}

/** Starts a single-node MinIO server and resolves once it reports itself live. */
export async function startMinio(
  options: MinioOptions,
): Promise<ManagedProcess & { endpoint: string }> {
  await mkdir(options.dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const server = spawnManaged(
    'minio',
    options.bin,
    [
      'server',
      options.dataDir,
      '--quiet',
      '--address',
      `127.0.0.1:${options.port}`,
      '--console-address',
      `127.0.0.1:${options.consolePort}`,
    ],
    {
      sink: options.sink,
      env: {
        MINIO_ROOT_USER: options.accessKey,
        MINIO_ROOT_PASSWORD: options.secretKey,
        MINIO_UPDATE: 'off',
        MINIO_CALLHOME_ENABLE: 'off',
      },
    },
  );
  await waitUntil('MinIO', async () => (await fetch(`${endpoint}/minio/health/live`)).ok, {
    process: server,
  });
  return Object.assign(server, { endpoint });
}

export interface EphemeralStack {
  temporalAddress: string;
  s3Endpoint: string;
  accessKey: string;
  secretKey: string;
  /** MinIO's data directory (tests read its files to check what is stored at rest). */
  minioDataDir: string;
  /** Process ids of the servers (for CPU and memory readings). */
  pids: { temporal: number; minio: number };
  stop: () => Promise<void>;
}

/** Object-store settings for `bucket` on an ephemeral stack's MinIO. */
export function stackStorage(
  stack: Pick<EphemeralStack, 's3Endpoint' | 'accessKey' | 'secretKey'>,
  bucket: string,
): ObjectStoreOptions {
  const { s3Endpoint: endpoint, accessKey, secretKey } = stack;
  return { endpoint, region: 'us-east-1', accessKey, secretKey, bucket };
}

/**
 * Temporal (in memory, headless) and MinIO (in a temp dir) on free ports, for tests and benchmarks.
 * `stop` ends both and deletes the temp dir.
 */
export async function startEphemeralStack(sink: LineSink = quietSink): Promise<EphemeralStack> {
  const dir = await mkdtemp(join(tmpdir(), 'redactify-'));
  const temporalBin = await ensureTemporal();
  const minioBin = await ensureMinio();
  const accessKey = 'redactify-test';
  const secretKey = 'redactify-test-secret';
  const [temporal, minio] = await Promise.all([
    startTemporal({ bin: temporalBin, port: await freePort(), sink }),
    startMinio({
      bin: minioBin,
      port: await freePort(),
      consolePort: await freePort(),
      dataDir: join(dir, 'minio'),
      accessKey,
      secretKey,
      sink,
    }),
  ]);
  return {
    temporalAddress: temporal.address,
    pids: { temporal: temporal.child.pid ?? 0, minio: minio.child.pid ?? 0 },
    s3Endpoint: minio.endpoint,
    accessKey,
    secretKey,
    minioDataDir: join(dir, 'minio'),
    async stop() {
      await Promise.all([temporal.stop(), minio.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
