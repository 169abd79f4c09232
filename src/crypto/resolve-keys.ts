// The key ring to run with: TEMPORAL_PAYLOAD_KEYS, or outside production a dev ring made once and
// kept in the data dir, so `npm start` (and `npm run api` + `npm run worker` in one checkout) agree.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyEntry, KeyRing, parseKeyRing, type RingKey } from './key-ring.js';

export const DEV_KEYS_FILE = 'payload-keys';

export interface KeyRingSettings {
  production: boolean;
  keys?: RingKey[] | undefined;
  dataDir: string;
}

export interface ResolvedKeyRing {
  ring: KeyRing;
  /** `env`: TEMPORAL_PAYLOAD_KEYS; `dev-file`: `<dataDir>/payload-keys` (never in production). */
  source: 'env' | 'dev-file';
}

/**
 * The configured ring, or the dev ring in `<dataDir>/payload-keys` (mode 0600), written on first
 * use. Production never gets here without keys: the config refuses to parse.
 */
export function resolveKeyRing(settings: KeyRingSettings): ResolvedKeyRing {
  if (settings.keys) return { ring: new KeyRing(settings.keys), source: 'env' };
  if (settings.production) throw new Error('TEMPORAL_PAYLOAD_KEYS is required in production');
  return {
    ring: new KeyRing(parseKeyRing(readOrCreateDevKeys(settings.dataDir))),
    source: 'dev-file',
  };
}

/** The dev ring's text; two processes starting at once both end up reading the one file written. */
export function readOrCreateDevKeys(dataDir: string): string {
  const file = join(dataDir, DEV_KEYS_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${generateKeyEntry('dev1')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8').trim();
}
