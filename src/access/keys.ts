// API keys and account ids: minting, reading them from request headers, and the keyed hash the
// store keeps instead of the key.
import { createHmac, randomBytes } from 'node:crypto';

/** Every key this service mints: a fixed prefix and 32 random bytes, base64url (256 bits). */
export const API_KEY_PATTERN = /^rdk_[A-Za-z0-9_-]{43}$/;
/** Key ids are shown to people and written in the audit log; they prove nothing on their own. */
export const KEY_ID_PATTERN = /^key_[0-9a-f]{16}$/;
/** Account ids go into Temporal visibility queries, so they hold nothing that needs quoting. */
export const ACCOUNT_ID_PATTERN = /^acc_[0-9a-f]{16}$/;

/** A fresh key and the id it is known by. The key is shown once and never stored. */
export function mintApiKey(): { apiKey: string; keyId: string } {
  return {
    apiKey: `rdk_${randomBytes(32).toString('base64url')}`,
    keyId: `key_${randomBytes(8).toString('hex')}`,
  };
}

/** A new account id. */
export function newAccountId(): string {
  return `acc_${randomBytes(8).toString('hex')}`;
}

/**
 * What the store keeps of a key: HMAC-SHA256 under a server-side pepper. A slow password hash
 * (bcrypt, scrypt) protects guessable passwords; these keys carry 256 random bits, so no hash can
 * be searched back to a key, and a slow one would only add tens of milliseconds of CPU to every
 * request. A keyed hash is also deterministic, so a key is found by an indexed lookup, and a
 * copy of the database alone (without the pepper) does not even let anyone test a guess.
 */
export function hashApiKey(pepper: string, apiKey: string): string {
  return createHmac('sha256', pepper).update(apiKey).digest('hex');
}

/** What a request carries: no key, something that cannot be a key, or a well-formed key. */
export type PresentedKey =
  { kind: 'none' } | { kind: 'malformed' } | { kind: 'key'; apiKey: string };

/**
 * Reads the key from `X-API-Key` or `Authorization: Bearer`. Both present and different, another
 * authorization scheme, or a value that is not shaped like our keys is `malformed`.
 */
export function presentedKey(headers: {
  apiKey?: string | undefined;
  authorization?: string | undefined;
}): PresentedKey {
  const fromHeader = headers.apiKey?.trim();
  let fromBearer: string | undefined;
  if (headers.authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization);
    if (!match?.[1]) return { kind: 'malformed' };
    fromBearer = match[1];
  }
  if (fromHeader === undefined && fromBearer === undefined) return { kind: 'none' };
  if (fromHeader !== undefined && fromBearer !== undefined && fromHeader !== fromBearer) {
    return { kind: 'malformed' };
  }
  const apiKey = fromHeader ?? fromBearer ?? '';
  return API_KEY_PATTERN.test(apiKey) ? { kind: 'key', apiKey } : { kind: 'malformed' };
}
