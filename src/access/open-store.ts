// Picks the access store from configuration: PostgreSQL when DATABASE_URL is set, else SQLite in
// the data dir.
import { join } from 'node:path';
import { PostgresAccessStore } from './postgres-store.js';
import { SqliteAccessStore } from './sqlite-store.js';
import type { AccessStore } from './store.js';

/** Where the embedded store lives under the data dir. */
export const SQLITE_FILE = 'redactify.sqlite';

/** Opens and migrates the configured store. */
export async function openAccessStore(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<AccessStore> {
  const store: AccessStore = options.databaseUrl
    ? new PostgresAccessStore(options.databaseUrl)
    : new SqliteAccessStore(join(options.dataDir, SQLITE_FILE));
  await store.migrate();
  return store;
}
