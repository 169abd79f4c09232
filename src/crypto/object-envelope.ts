// The format of an encrypted stored object: a short header naming the key, then AES-256-GCM
// (IV ‖ ciphertext ‖ tag). Pure: bytes in, bytes out.
import { KeyRingError, SEAL_OVERHEAD, type KeyRing } from './key-ring.js';

/** "RDXE", then the format version. */
const MAGIC = Buffer.from('RDXE', 'latin1');
const VERSION = 1;
/** Subkey purpose: object keys are never the keys of Temporal payloads. */
export const STORAGE_PURPOSE = 'object-storage';
/** Enough bytes to read any header: magic, version, id length, and the longest id. */
export const MAX_HEADER_BYTES = MAGIC.length + 2 + 255;

function header(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  return Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id]);
}

/** The header's length and key id, or a `DECRYPTION_FAILED` error for bytes not in this format. */
export function readHeader(stored: Uint8Array): { keyId: string; length: number } {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes.length < MAGIC.length + 2 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new KeyRingError('DECRYPTION_FAILED', 'stored object is not encrypted');
  }
  if (bytes[MAGIC.length] !== VERSION) {
    throw new KeyRingError('DECRYPTION_FAILED', 'stored object has an unknown format version');
  }
  const idLength = bytes[MAGIC.length + 1] ?? 0;
  const length = MAGIC.length + 2 + idLength;
  if (bytes.length < length) throw new KeyRingError('DECRYPTION_FAILED', 'header is truncated');
  return { keyId: bytes.subarray(MAGIC.length + 2, length).toString('utf8'), length };
}

/**
 * Seals `plaintext` for the object at `objectKey`. The header and the object key are
 * authenticated, so a ciphertext copied to another key (another job's output) does not open.
 */
export function sealObject(ring: KeyRing, objectKey: string, plaintext: Uint8Array): Buffer {
  const head = header(ring.currentId);
  const { data } = ring.seal(plaintext, Buffer.concat([head, Buffer.from(objectKey, 'utf8')]));
  return Buffer.concat([head, data]);
}

/** Opens what `sealObject` made for the same `objectKey`, under any key of the ring. */
export function openObject(ring: KeyRing, objectKey: string, stored: Uint8Array): Buffer {
  const { keyId, length } = readHeader(stored);
  const head = stored.subarray(0, length);
  return ring.open(
    keyId,
    stored.subarray(length),
    Buffer.concat([head, Buffer.from(objectKey, 'utf8')]),
  );
}

/** The plaintext size of a sealed object of `storedSize` bytes whose header is `headerLength`. */
export const plaintextSize = (storedSize: number, headerLength: number) =>
  Math.max(0, storedSize - headerLength - SEAL_OVERHEAD);
