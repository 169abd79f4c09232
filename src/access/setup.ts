// Opens everything the API needs to know who calls: secrets, the store, accounts, rate limiters,
// and the audit log's retention timer.
import { errorFields } from '../util/failure.js';
import type { AccessDeps } from '../api/types.js';
import { JobIds } from '../jobs/job-id.js';
import type { Logger } from '../log.js';
import { Accounts } from './accounts.js';
import { openAccessStore } from './open-store.js';
import { PostgresAccessStore } from './postgres-store.js';
import { createLimiters, type RateLimitSettings } from './rate-limits.js';
import { resolveSecrets } from './secrets.js';
import type { AccessStore } from './store.js';

export interface AccessSettings {
  dataDir: string;
  databaseUrl?: string | undefined;
  mode: 'keys' | 'off';
  registration: 'open' | 'closed';
  adminKeys: readonly string[];
  keyPepper?: string | undefined;
  jobIdSecret?: string | undefined;
  rateLimits: RateLimitSettings;
  auditRetentionDays: number;
}

export interface OpenedAccess {
  access: AccessDeps;
  jobIds: JobIds;
  store: AccessStore;
  /** Stops the retention timer and closes the store. */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
/** How often old audit rows are deleted. */
const PRUNE_EVERY_MS = 3_600_000;

/** Deletes audit rows past retention now and every hour; returns the timer's stop function. */
export function startAuditRetention(
  store: AccessStore,
  retentionDays: number,
  log: Logger,
): () => void {
  const prune = () => {
    const before = new Date(Date.now() - retentionDays * DAY_MS).toISOString();
    store.pruneAudit(before).then(
      (deleted) => deleted > 0 && log.info({ deleted }, 'audit rows past retention deleted'),
      (err: unknown) => log.error(errorFields(err), 'audit retention failed'),
    );
  };
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Opens the configured access layer (PostgreSQL with DATABASE_URL, else SQLite in the data dir). */
export async function openAccess(settings: AccessSettings, log: Logger): Promise<OpenedAccess> {
  const secrets = resolveSecrets({
    dataDir: settings.dataDir,
    shared: settings.databaseUrl !== undefined,
    keyPepper: settings.keyPepper,
    jobIdSecret: settings.jobIdSecret,
  });
  const store = await openAccessStore(settings);
  const accounts = new Accounts(store, secrets.keyPepper, settings.adminKeys);
  await accounts.init();
  const pool = store instanceof PostgresAccessStore ? store.pool : undefined;
  const limiters = await createLimiters(settings.rateLimits, pool);
  const stopRetention = startAuditRetention(store, settings.auditRetentionDays, log);
  return {
    access: { accounts, limiters, mode: settings.mode, registration: settings.registration },
    jobIds: new JobIds(secrets.jobIdSecret),
    store,
    async close() {
      stopRetention();
      await store.close();
    },
  };
}
