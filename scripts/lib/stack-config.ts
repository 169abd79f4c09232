// Settings of the local stack (`npm start`): ports and data directories, parsed once by zod.
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './tools.js';

const port = z.coerce.number().int().min(1).max(65535);

export const ZStackEnv = z.object({
  DATA_DIR: z.string().min(1).default(join(PROJECT_ROOT, '.data')),
  TOOLS_DIR: z.string().min(1).default(join(PROJECT_ROOT, '.tools')),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  MINIO_PORT: port.default(9000),
  MINIO_CONSOLE_PORT: port.default(9001),
});

export type StackConfig = z.infer<typeof ZStackEnv>;

export function parseStackConfig(
  env: Record<string, string | undefined> = process.env,
): StackConfig {
  const result = ZStackEnv.safeParse(env);
  if (!result.success)
    throw new Error(`Invalid stack configuration:\n${z.prettifyError(result.error)}`);
  return result.data;
}
