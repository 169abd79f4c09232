// Client-side encryption at rest: every object is sealed with AES-256-GCM before it is sent to
// the store and opened when read, so the store (and its disks) only ever hold ciphertext.
import { Readable } from 'node:stream';
import type { KeyRing } from '../crypto/key-ring.js';
import {
  MAX_HEADER_BYTES,
  openObject,
  plaintextSize,
  readHeader,
  sealObject,
  STORAGE_PURPOSE,
} from '../crypto/object-envelope.js';
import { timeStorage } from '../util/storage-time.js';
import { ObjectStore, type ObjectStoreOptions, type StoredObject } from './object-store.js';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * An `ObjectStore` whose values are encrypted under the storage subkeys of the key ring. Objects
 * are sealed whole (inputs are capped by MAX_UPLOAD_BYTES and read whole anyway), so reads check
 * the tag before a single byte is returned. Listing and deleting are the plain store's.
 */
export class EncryptedObjectStore extends ObjectStore {
  private readonly ring: KeyRing;

  /** `ring` is the configured ring; the storage subkeys are derived from it here. */
  constructor(options: ObjectStoreOptions, ring: KeyRing) {
    super(options);
    this.ring = ring.derive(STORAGE_PURPOSE);
  }

  override async put(key: string, body: Buffer | string | Readable, contentType: string) {
    const plain =
      typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : Buffer.isBuffer(body)
          ? body
          : await collect(body);
    await super.put(key, sealObject(this.ring, key, plain), contentType);
  }

  override async getBuffer(key: string): Promise<Buffer> {
    const stored = await timeStorage(async () => collect(await super.getStream(key)));
    return openObject(this.ring, key, stored);
  }

  override async getStream(key: string): Promise<Readable> {
    return Readable.from([await this.getBuffer(key)]);
  }

  override async getHead(key: string, length: number): Promise<Buffer> {
    return (await this.getBuffer(key)).subarray(0, length);
  }

  /** The plaintext size (the stored size less the header, IV and tag). */
  override async stat(key: string): Promise<StoredObject | undefined> {
    const stored = await super.stat(key);
    if (!stored) return undefined;
    const { length } = readHeader(await super.getHead(key, MAX_HEADER_BYTES));
    return { ...stored, size: plaintextSize(stored.size, length) };
  }
}
