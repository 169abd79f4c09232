// The Temporal PayloadCodec: every payload the API and the worker send (inputs, results, memos,
// activity arguments) is sealed with AES-256-GCM before it reaches the Temporal server.
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { KeyRing } from './key-ring.js';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** Subkey purpose: payload keys are never the keys of stored objects. */
export const PAYLOAD_PURPOSE = 'temporal-payload';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : '');
/** Binds the format and the key id to the ciphertext. */
const aadFor = (keyId: string) => utf8(`${ENCRYPTED_ENCODING};${keyId}`);

/**
 * Seals each whole payload (metadata and data) into one `binary/encrypted` payload naming its key.
 * Decoding opens payloads under any key of the ring and passes unencrypted ones through, so
 * histories written before encryption was turned on stay readable.
 *
 * @example new Client({ connection, dataConverter: { payloadCodecs: [new EncryptionCodec(ring)] } })
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly ring: KeyRing;

  /** `ring` is the configured ring; the payload subkeys are derived from it here. */
  constructor(ring: KeyRing) {
    this.ring = ring.derive(PAYLOAD_PURPOSE);
  }

  // async: a refusal rejects the promise rather than throwing at the call.
  // eslint-disable-next-line @typescript-eslint/require-await
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = PayloadMessage.encode(payload).finish();
      const { keyId, data } = this.ring.seal(plain, aadFor(this.ring.currentId));
      return {
        metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) },
        data,
      };
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      const plain = this.ring.open(keyId, payload.data ?? new Uint8Array(), aadFor(keyId));
      return PayloadMessage.decode(plain);
    });
  }
}

/** The data converter of every Temporal client and worker of this service. */
export function encryptedDataConverter(ring: KeyRing): { payloadCodecs: PayloadCodec[] } {
  return { payloadCodecs: [new EncryptionCodec(ring)] };
}
