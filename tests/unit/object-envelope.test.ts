// The stored-object envelope: round trip, rotation, binding to the object key, tampering.
import { describe, expect, it } from 'vitest';
import { generateKeyEntry, KeyRing, parseKeyRing } from '../../src/crypto/key-ring.js';
import {
  openObject,
  plaintextSize,
  readHeader,
  sealObject,
} from '../../src/crypto/object-envelope.js';

const oldEntry = generateKeyEntry('old');
const newEntry = generateKeyEntry('new');
const oldRing = new KeyRing(parseKeyRing(oldEntry));
const key = 'jobs/j1/ocr/00000.json';
const plain = Buffer.from('{"words":[{"text":"587-31-9046"}]}');

describe('object envelope', () => {
  it('round-trips and hides the plaintext', () => {
    const sealed = sealObject(oldRing, key, plain);
    expect(sealed.includes('587-31-9046')).toBe(false);
    expect(openObject(oldRing, key, sealed)).toEqual(plain);
    const { keyId, length } = readHeader(sealed);
    expect(keyId).toBe('old');
    expect(plaintextSize(sealed.length, length)).toBe(plain.length);
  });

  it('opens objects sealed with an old key once a new key seals', () => {
    const sealed = sealObject(oldRing, key, plain);
    const newOnly = new KeyRing(parseKeyRing(newEntry));
    expect(() => openObject(newOnly, key, sealed)).toThrow(/no key old/);
    const both = new KeyRing(parseKeyRing(`${newEntry},${oldEntry}`));
    expect(openObject(both, key, sealed)).toEqual(plain);
    expect(readHeader(sealObject(both, key, plain)).keyId).toBe('new');
  });

  it('refuses a ciphertext moved to another object key', () => {
    const sealed = sealObject(oldRing, key, plain);
    expect(() => openObject(oldRing, 'jobs/j2/ocr/00000.json', sealed)).toThrow(/failed to verify/);
  });

  it('refuses a flipped bit anywhere, header included', () => {
    const sealed = sealObject(oldRing, key, plain);
    for (const at of [5, sealed.length - 30, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ 1;
      expect(() => openObject(oldRing, key, bad)).toThrow();
    }
  });

  it('refuses an object that was never encrypted', () => {
    expect(() => openObject(oldRing, key, plain)).toThrow(/not encrypted/);
    expect(() => openObject(oldRing, key, Buffer.alloc(0))).toThrow(/not encrypted/);
  });

  it('seals an empty object to an empty plaintext', () => {
    const sealed = sealObject(oldRing, key, Buffer.alloc(0));
    expect(openObject(oldRing, key, sealed)).toHaveLength(0);
    expect(plaintextSize(sealed.length, readHeader(sealed).length)).toBe(0);
  });
});
