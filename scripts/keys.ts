// `npm run keys -- <command>`: accounts and keys from the command line, against the configured
// store (how the first key is made where registration is closed).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Accounts } from '../src/access/accounts.js';
import { mintApiKey } from '../src/access/keys.js';
import { openAccessStore } from '../src/access/open-store.js';
import { resolveSecrets } from '../src/access/secrets.js';
import { EmailTakenError } from '../src/access/store.js';
import { parseConfig } from '../src/config/env.js';
import { PROJECT_ROOT } from './lib/tools.js';

const USAGE = `usage: npm run keys -- <command>
  create --email <email> --name <name>   a new account and its key (shown once)
  list                                   accounts with their active key ids
  revoke --key-id <key_…>                stop a key at once
  admin-key                              print a fresh key to put in ADMIN_API_KEYS (not stored)`;

if (existsSync(join(PROJECT_ROOT, '.env'))) process.loadEnvFile(join(PROJECT_ROOT, '.env'));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, 'key-id': { type: 'string' } },
});
const [command] = positionals;

if (command === 'admin-key') {
  console.log(mintApiKey().apiKey);
} else if (command === 'create' || command === 'list' || command === 'revoke') {
  const { access } = parseConfig();
  const secrets = resolveSecrets({
    dataDir: access.dataDir,
    shared: access.databaseUrl !== undefined,
    keyPepper: access.keyPepper,
    jobIdSecret: access.jobIdSecret,
  });
  const store = await openAccessStore(access);
  const accounts = new Accounts(store, secrets.keyPepper, access.adminKeys);
  try {
    if (command === 'create') {
      if (!values.email || !values.name) throw new Error(USAGE);
      const issued = await accounts.register(values.email, values.name);
      console.log(`account ${issued.accountId} (${issued.email})\nkey id  ${issued.keyId}`);
      console.log(`api key ${issued.apiKey}\n(shown once: only its hash is stored)`);
    } else if (command === 'list') {
      for (const a of await store.listAccounts({ limit: 1000 })) {
        console.log(
          `${a.id}  ${a.email}  keys: ${a.activeKeys.join(', ') || '-'}  requests: ${a.requestCount}`,
        );
      }
    } else {
      const keyId = values['key-id'];
      if (!keyId) throw new Error(USAGE);
      console.log((await accounts.revoke(keyId)) ? `revoked ${keyId}` : `no active key ${keyId}`);
    }
  } catch (err) {
    console.error(err instanceof EmailTakenError ? err.message : (err as Error).message);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
} else {
  console.error(USAGE);
  process.exitCode = 1;
}
