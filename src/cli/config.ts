// Where the CLI keeps its key (`redactify login`) and how the API URL and key are chosen:
// flag, then environment, then the config file.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { parseApiUrl, UsageError } from './options.js';

export const DEFAULT_API_URL = 'http://127.0.0.1:8000';

export const ZCliConfig = z.object({
  apiUrl: z.string().optional(),
  apiKey: z.string().optional(),
});
export type TCliConfig = z.infer<typeof ZCliConfig>;

/** `$XDG_CONFIG_HOME/redactify/config.json`, else `~/.config/redactify/config.json`. */
export function configPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const base = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, 'redactify', 'config.json');
}

/** The stored config, or `{}` when there is none. A file that is not ours is a usage error. */
export async function loadConfig(path: string): Promise<TCliConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not valid JSON; run "redactify login" again`);
  }
  const parsed = ZCliConfig.safeParse(value);
  if (!parsed.success) throw new UsageError(`${path} is not a redactify config`);
  return parsed.data;
}

/** Writes the config readable by its owner only (0600, directory 0700), atomically. */
export async function saveConfig(path: string, config: TCliConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created, and umask may narrow it: set it explicitly.
  await chmod(temp, 0o600);
  await rename(temp, path);
}

export interface Connection {
  api: string;
  key: string;
}

/**
 * The API URL and key: `--api`/`--key`, else `REDACTIFY_API_URL`/`REDACTIFY_API_KEY`, else the
 * config file; the URL defaults to a local API. No key anywhere is a usage error.
 */
export function resolveConnection(
  flags: { api?: string | undefined; key?: string | undefined },
  env: NodeJS.ProcessEnv,
  config: TCliConfig,
): Connection {
  const api = flags.api ?? env.REDACTIFY_API_URL ?? config.apiUrl ?? DEFAULT_API_URL;
  const key = flags.key ?? env.REDACTIFY_API_KEY ?? config.apiKey;
  if (!key) {
    throw new UsageError(
      'No API key: pass --key, set REDACTIFY_API_KEY, or run "redactify login" (keys come from "npm run keys -- create" or POST /v1/auth/register)',
    );
  }
  return { api: parseApiUrl(api), key };
}
