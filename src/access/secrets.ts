// Server secrets (the key pepper and the job-id secret): from the environment, or for a single
// node with its embedded store, made once and kept in the data dir beside the database.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface ServerSecrets {
  keyPepper: string;
  jobIdSecret: string;
}

const ZSecretsFile = z.object({ keyPepper: z.string().min(32), jobIdSecret: z.string().min(32) });

/** A secret needed by every replica is missing, so each would make its own: refuse to start. */
export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
}

/**
 * The secrets to run with. Set in the environment, they are used as they are. Otherwise, with the
 * embedded store (one node), they are read from `<dataDir>/secrets.json`, written (mode 0600) on
 * first start; with a shared database (`shared`), replicas must agree, so both must be set.
 */
export function resolveSecrets(options: {
  dataDir: string;
  shared: boolean;
  keyPepper?: string | undefined;
  jobIdSecret?: string | undefined;
}): ServerSecrets {
  const { keyPepper, jobIdSecret } = options;
  if (keyPepper && jobIdSecret) return { keyPepper, jobIdSecret };
  if (options.shared) {
    throw new MissingSecretError(
      'With DATABASE_URL every API replica needs the same API_KEY_PEPPER and JOB_ID_SECRET: set both (e.g. openssl rand -hex 32)',
    );
  }
  const file = join(options.dataDir, 'secrets.json');
  let stored: ServerSecrets;
  try {
    stored = ZSecretsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
    stored = {
      keyPepper: randomBytes(32).toString('hex'),
      jobIdSecret: randomBytes(32).toString('hex'),
    };
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return {
    keyPepper: keyPepper ?? stored.keyPepper,
    jobIdSecret: jobIdSecret ?? stored.jobIdSecret,
  };
}
