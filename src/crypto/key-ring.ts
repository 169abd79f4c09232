// AES-256-GCM under a ring of named keys: the first key seals, every key opens. Pure (no I/O).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Key ids travel beside the ciphertext, so they are short and plain. */
export const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What `seal` adds to a plaintext: the IV in front, the tag behind. */
export const SEAL_OVERHEAD = IV_BYTES + TAG_BYTES;

export type KeyRingErrorCode = 'MALFORMED_KEYS' | 'UNKNOWN_KEY_ID' | 'DECRYPTION_FAILED';

/** A key ring refused its input. Messages name key ids at most, never key material or plaintext. */
export class KeyRingError extends Error {
  override readonly name = 'KeyRingError';
  constructor(
    readonly code: KeyRingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RingKey {
  id: string;
  key: Buffer;
}

/**
 * Reads `id:base64key,id:base64key`: each key 32 bytes (e.g. `openssl rand -base64 32`), ids
 * unique. The first entry is the newest and seals; rotate by putting a new key in front.
 */
export function parseKeyRing(value: string): RingKey[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new KeyRingError('MALFORMED_KEYS', 'lists no key');
  const keys = entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, Math.max(colon, 0));
    if (!KEY_ID.test(id)) {
      throw new KeyRingError(
        'MALFORMED_KEYS',
        `entry ${i + 1} needs an id (letters, digits, . _ -) before ":"`,
      );
    }
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new KeyRingError('MALFORMED_KEYS', `key ${id} must be 32 bytes in base64`);
    }
    return { id, key };
  });
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new KeyRingError('MALFORMED_KEYS', 'key ids must be unique');
  return keys;
}

/** A fresh ring entry in the `TEMPORAL_PAYLOAD_KEYS` format. */
export function generateKeyEntry(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** What `seal` made: the id of the key that sealed, and IV ‖ ciphertext ‖ tag. */
export interface Sealed {
  keyId: string;
  data: Buffer;
}

/**
 * Seals and opens bytes. `aad` is authenticated but not encrypted: callers bind the key id and
 * their own format to it, so a ciphertext cannot be passed off as another kind or key.
 *
 * @example
 * const ring = new KeyRing(parseKeyRing(env.TEMPORAL_PAYLOAD_KEYS)).derive('temporal-payload');
 * const { keyId, data } = ring.seal(bytes, aad);
 * ring.open(keyId, data, aad); // bytes
 */
export class KeyRing {
  private readonly keys: ReadonlyMap<string, Buffer>;
  /** The id of the key that seals. */
  readonly currentId: string;

  constructor(keys: readonly RingKey[]) {
    const first = keys[0];
    if (!first) throw new KeyRingError('MALFORMED_KEYS', 'a key ring needs at least one key');
    this.currentId = first.id;
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** Key ids, newest first. */
  get ids(): string[] {
    return [...this.keys.keys()];
  }

  /**
   * A ring with the same ids whose keys are HKDF-SHA256 subkeys for `purpose`, so one configured
   * ring serves Temporal payloads and stored objects without using a key for two things.
   */
  derive(purpose: string): KeyRing {
    return new KeyRing(
      [...this.keys].map(([id, key]) => ({
        id,
        key: Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `redactify/${purpose}/v1`, 32)),
      })),
    );
  }

  seal(plaintext: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): Sealed {
    const keyId = this.currentId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId, data: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  /** Throws `UNKNOWN_KEY_ID` for a key not in the ring, `DECRYPTION_FAILED` if anything was altered. */
  open(keyId: string, sealed: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): Buffer {
    const key = this.key(keyId);
    if (sealed.length < SEAL_OVERHEAD) {
      throw new KeyRingError('DECRYPTION_FAILED', 'ciphertext is too short');
    }
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new KeyRingError('DECRYPTION_FAILED', `ciphertext under key ${keyId} failed to verify`);
    }
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) {
      const shown = KEY_ID.test(keyId) ? keyId : '(malformed id)';
      throw new KeyRingError('UNKNOWN_KEY_ID', `no key ${shown} in the ring`);
    }
    return key;
  }
}
