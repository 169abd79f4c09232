import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesContain, inflatedStreams } from '../fixtures/bytes.js';

describe('leak search in file bytes', () => {
  const first = deflateSync(Buffer.from('Patient Jane Roe '.repeat(200)));
  const second = deflateSync(Buffer.from('MRN 4471-22'));
  const file = Buffer.concat([Buffer.from('%PDF'), first, Buffer.from('obj'), second]);

  it('inflates each zlib stream once, skipping over what a stream took', () => {
    expect(inflatedStreams(file).map((s) => s.length)).toEqual([3400, 11]);
  });

  it('finds text plain, in UTF-16 and inside any stream', () => {
    const utf16 = Buffer.concat([file, Buffer.from('DOB 1958', 'utf16le')]);
    expect(['Jane Roe', 'MRN 4471-22', 'DOB 1958'].map((t) => bytesContain(utf16, t))).toEqual([
      true,
      true,
      true,
    ]);
    expect(bytesContain(utf16, 'John Doe')).toBe(false);
  });
});
