// Job ids: "job-" and a UUIDv7 (RFC 9562), so an id this service minted tells when it was minted.
import { randomBytes } from 'node:crypto';

const MINTED = /^job-([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new job id: 48 bits of `now` (epoch ms), version 7, then 74 random bits. */
export function newJobId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes.writeUInt8(0x70 | (bytes.readUInt8(6) & 0x0f), 6);
  bytes.writeUInt8(0x80 | (bytes.readUInt8(8) & 0x3f), 8);
  const hex = bytes.toString('hex');
  return `job-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** When `id` was minted (epoch ms), or `undefined` when it is not an id `newJobId` makes. */
export function jobIdMintedAt(id: string): number | undefined {
  const match = MINTED.exec(id);
  return match ? parseInt(`${match[1]}${match[2]}`, 16) : undefined;
}
