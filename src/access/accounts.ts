// Who is calling: turns a presented key into a principal, and registers, regenerates and revokes
// keys. Only hashes reach the store.
import { hashApiKey, mintApiKey, newAccountId, type PresentedKey } from './keys.js';
import { normaliseEmail, type AccessStore } from './store.js';

/** The caller of a request. `keyId` is null only with authentication off. */
export interface Principal {
  accountId: string;
  keyId: string | null;
  admin: boolean;
}

/** The account every request acts as when AUTH_MODE=off. */
export const ANONYMOUS: Principal = { accountId: 'anonymous', keyId: null, admin: false };
/** The account admin keys (ADMIN_API_KEYS) act as for their own jobs. */
export const ADMIN_ACCOUNT = 'admin';

export interface IssuedKey {
  apiKey: string;
  keyId: string;
}

/** Accounts and keys on top of the store. */
export class Accounts {
  private readonly adminKeyIds: ReadonlyMap<string, string>;

  constructor(
    readonly store: AccessStore,
    private readonly pepper: string,
    adminKeys: readonly string[],
  ) {
    // Admin keys are compared by hash too, so no comparison of raw keys can leak timing.
    this.adminKeyIds = new Map(
      adminKeys.map((key) => {
        const hash = hashApiKey(pepper, key);
        return [hash, `admin_${hash.slice(0, 12)}`];
      }),
    );
  }

  /** Creates the service accounts that jobs of admin keys and of AUTH_MODE=off belong to. */
  async init(): Promise<void> {
    const createdAt = new Date().toISOString();
    for (const id of [ADMIN_ACCOUNT, ANONYMOUS.accountId]) {
      await this.store.ensureAccount({ id, email: `${id}@service`, name: id, createdAt });
    }
  }

  /** The principal of a well-formed key, or `undefined` for an unknown or revoked one. */
  async authenticate(
    presented: Extract<PresentedKey, { kind: 'key' }>,
  ): Promise<Principal | undefined> {
    const hash = hashApiKey(this.pepper, presented.apiKey);
    const adminKeyId = this.adminKeyIds.get(hash);
    if (adminKeyId) return { accountId: ADMIN_ACCOUNT, keyId: adminKeyId, admin: true };
    const key = await this.store.findActiveKey(hash);
    return key && { accountId: key.accountId, keyId: key.keyId, admin: false };
  }

  /** A new account and its first key; throws `EmailTakenError`. */
  async register(
    email: string,
    name: string,
  ): Promise<IssuedKey & { accountId: string; email: string }> {
    const accountId = newAccountId();
    const issued = mintApiKey();
    const createdAt = new Date().toISOString();
    const normalised = normaliseEmail(email);
    await this.store.createAccount(
      { id: accountId, email: normalised, name: name.trim(), createdAt },
      { keyId: issued.keyId, accountId, hash: hashApiKey(this.pepper, issued.apiKey), createdAt },
    );
    return { ...issued, accountId, email: normalised };
  }

  /** Replaces the caller's key: the old one stops at once. `undefined` if it is no longer active. */
  async regenerate(accountId: string, keyId: string): Promise<IssuedKey | undefined> {
    const issued = mintApiKey();
    const replaced = await this.store.replaceKey(keyId, {
      keyId: issued.keyId,
      accountId,
      hash: hashApiKey(this.pepper, issued.apiKey),
      createdAt: new Date().toISOString(),
    });
    return replaced ? issued : undefined;
  }

  /** Revokes a key at once; false when it was not active. */
  revoke(keyId: string): Promise<boolean> {
    return this.store.revokeKey(keyId, new Date().toISOString());
  }
}
