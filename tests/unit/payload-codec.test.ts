// The payload codec and its key ring: round trip, rotation, tampering, unknown keys, config.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.js';
import {
  generateKeyEntry,
  KeyRing,
  KeyRingError,
  parseKeyRing,
} from '../../src/crypto/key-ring.js';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
} from '../../src/crypto/payload-codec.js';
import { DEV_KEYS_FILE, resolveKeyRing } from '../../src/crypto/resolve-keys.js';

const oldEntry = generateKeyEntry('k2025');
const newEntry = generateKeyEntry('k2026');
const ring = (value: string) => new KeyRing(parseKeyRing(value));
const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload | undefined) => {
  if (!payload) throw new Error('no payload');
  return defaultPayloadConverter.fromPayload(payload);
};
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');

const VALUE = { jobId: 'job_123', boxes: [{ x: 10, y: 20, w: 30, h: 40 }], pages: 3 };

describe('EncryptionCodec', () => {
  it('round-trips payloads and leaves no plaintext in what it encodes', async () => {
    const codec = new EncryptionCodec(ring(newEntry));
    const encoded = await codec.encode([toPayload(VALUE), toPayload('second')]);
    expect(encoded).toHaveLength(2);
    for (const payload of encoded) {
      expect(text(payload.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[KEY_ID_METADATA])).toBe('k2026');
      expect(Object.keys(payload.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
      expect(text(payload.data)).not.toContain('job_123');
      expect(text(payload.data)).not.toContain('json/plain');
    }
    const decoded = await codec.decode(encoded);
    expect(fromPayload(decoded[0])).toEqual(VALUE);
    expect(fromPayload(decoded[1])).toBe('second');
  });

  it('seals the same value differently each time (random IVs)', async () => {
    const codec = new EncryptionCodec(ring(newEntry));
    const [a, b] = await codec.encode([toPayload(VALUE), toPayload(VALUE)]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
  });

  it('still reads payloads sealed with an old key after a new key is put in front', async () => {
    const before = new EncryptionCodec(ring(oldEntry));
    const sealedOld = await before.encode([toPayload(VALUE)]);
    const after = new EncryptionCodec(ring(`${newEntry},${oldEntry}`));
    expect(fromPayload((await after.decode(sealedOld))[0])).toEqual(VALUE);
    const sealedNew = await after.encode([toPayload(VALUE)]);
    expect(text(sealedNew[0]?.metadata?.[KEY_ID_METADATA])).toBe('k2026');
    // A ring that has dropped the new key cannot read what it sealed.
    await expect(before.decode(sealedNew)).rejects.toMatchObject({ code: 'UNKNOWN_KEY_ID' });
  });

  it('refuses a tampered ciphertext', async () => {
    const codec = new EncryptionCodec(ring(newEntry));
    const [payload] = await codec.encode([toPayload(VALUE)]);
    const data = Buffer.from(payload?.data ?? []);
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...payload, data }])).rejects.toMatchObject({
      name: 'KeyRingError',
      code: 'DECRYPTION_FAILED',
    });
  });

  it('refuses a payload whose key id was swapped for another key of the ring', async () => {
    const codec = new EncryptionCodec(ring(`${newEntry},${oldEntry}`));
    const [payload] = await codec.encode([toPayload(VALUE)]);
    const swapped = {
      ...payload,
      metadata: { ...payload?.metadata, [KEY_ID_METADATA]: Buffer.from('k2025') },
    };
    await expect(codec.decode([swapped])).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
  });

  it('refuses an unknown key id without echoing it when it is malformed', async () => {
    const codec = new EncryptionCodec(ring(newEntry));
    const [payload] = await codec.encode([toPayload(VALUE)]);
    const unknown = (id: string) => ({
      ...payload,
      metadata: { ...payload?.metadata, [KEY_ID_METADATA]: Buffer.from(id) },
    });
    await expect(codec.decode([unknown('k1999')])).rejects.toThrow(/no key k1999 in the ring/);
    const err = await codec.decode([unknown('<SSN 123-45-6789>')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyRingError);
    expect((err as Error).message).not.toContain('123-45-6789');
  });

  it('passes payloads written before encryption through unchanged', async () => {
    const codec = new EncryptionCodec(ring(newEntry));
    const plain = toPayload(VALUE);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('does not open stored-object ciphertexts: payload keys are their own subkeys', () => {
    const base = ring(newEntry);
    const sealed = base.derive('storage').seal(Buffer.from('x'));
    expect(() => base.derive('temporal-payload').open(sealed.keyId, sealed.data)).toThrow(
      KeyRingError,
    );
  });
});

describe('parseKeyRing', () => {
  it.each([
    ['', /lists no key/],
    ['nokey', /needs an id/],
    [':AAAA', /needs an id/],
    ['a b:AAAA', /needs an id/],
    ['k1:AAAA', /32 bytes/],
    [`${newEntry},${newEntry}`, /unique/],
  ])('refuses %j', (value, message) => {
    expect(() => parseKeyRing(value)).toThrow(message);
  });

  it('keeps the order: the first key seals', () => {
    const parsed = ring(`${newEntry}, ${oldEntry}`);
    expect(parsed.ids).toEqual(['k2026', 'k2025']);
    expect(parsed.currentId).toBe('k2026');
  });
});

describe('key ring configuration', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('requires TEMPORAL_PAYLOAD_KEYS in production and names it, not its value', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/TEMPORAL_PAYLOAD_KEYS/);
    const bad = 'k1:c2VjcmV0';
    const err = (() => {
      try {
        parseConfig({ TEMPORAL_PAYLOAD_KEYS: bad });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toMatch(/TEMPORAL_PAYLOAD_KEYS: key k1 must be 32 bytes/);
    expect(err?.message).not.toContain('c2VjcmV0');
    const config = parseConfig({ NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: newEntry });
    expect(config.encryption.keys?.map((k) => k.id)).toEqual(['k2026']);
  });

  it('outside production makes one dev ring in the data dir and reuses it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'redactify-keys-'));
    dirs.push(dataDir);
    const first = resolveKeyRing({ production: false, dataDir });
    const second = resolveKeyRing({ production: false, dataDir });
    expect(first.source).toBe('dev-file');
    expect(second.ring.ids).toEqual(first.ring.ids);
    const sealed = first.ring.seal(Buffer.from('page boxes'));
    expect(second.ring.open(sealed.keyId, sealed.data).toString()).toBe('page boxes');
    const file = join(dataDir, DEV_KEYS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseKeyRing(await readFile(file, 'utf8'))).toHaveLength(1);
  });

  it('uses the configured ring as it is', () => {
    const resolved = resolveKeyRing({
      production: true,
      keys: parseKeyRing(`${newEntry},${oldEntry}`),
      dataDir: '/nonexistent',
    });
    expect(resolved).toMatchObject({ source: 'env' });
    expect(resolved.ring.ids).toEqual(['k2026', 'k2025']);
  });
});
