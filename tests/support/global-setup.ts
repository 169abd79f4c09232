// Starts one Temporal dev server, one MinIO and one PostgreSQL for the integration run, on free
// ports in temp dirs.
import type { TestProject } from 'vitest/node';
import { startEphemeralPostgres } from '../../scripts/lib/postgres.js';
import { startEphemeralStack } from '../../scripts/lib/servers.js';

export interface StackInfo {
  temporalAddress: string;
  s3Endpoint: string;
  accessKey: string;
  secretKey: string;
  /** MinIO's data directory, to check what reaches its disk. */
  minioDataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
    /** `postgres://…/postgres` of a server tests may create databases on. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const [{ stop, ...stack }, postgres] = await Promise.all([
    startEphemeralStack(),
    startEphemeralPostgres(),
  ]);
  project.provide('stack', stack);
  project.provide('postgresUrl', postgres.url);
  return async () => {
    await Promise.all([stop(), postgres.stop()]);
  };
}
