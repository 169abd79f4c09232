// Starts one Temporal dev server and one MinIO for the integration run, on free ports in a temp dir.
import type { TestProject } from 'vitest/node';
import { startEphemeralStack } from '../../scripts/lib/servers.js';

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
  const { stop, ...stack } = await startEphemeralStack();
  project.provide('stack', stack);
  return stop;
}
