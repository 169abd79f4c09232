// Starts one Temporal dev server and one MinIO for the integration run, on free ports in a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, quietSink, startMinio, startTemporal } from '../../scripts/lib/servers.js';
import { ensureMinio, ensureTemporal } from '../../scripts/lib/tools.js';

export interface StackInfo {
  temporalAddress: string;
  s3Endpoint: string;
  accessKey: string;
  secretKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'redactify-it-'));
  const [temporalBin, minioBin] = [await ensureTemporal(), await ensureMinio()];
  const accessKey = 'redactify-test';
  const secretKey = 'redactify-test-secret';
  const [temporal, minio] = await Promise.all([
    startTemporal({ bin: temporalBin, port: await freePort(), sink: quietSink }),
    startMinio({
      bin: minioBin,
      port: await freePort(),
      consolePort: await freePort(),
      dataDir: join(dir, 'minio'),
      accessKey,
      secretKey,
      sink: quietSink,
    }),
  ]);
  project.provide('stack', {
    temporalAddress: temporal.address,
    s3Endpoint: minio.endpoint,
    accessKey,
    secretKey,
  });
  return async () => {
    await Promise.all([temporal.stop(), minio.stop()]);
    await rm(dir, { recursive: true, force: true });
  };
}
