import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256 } from '../../../shared/deid/sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytesOf = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);

describe('sha256', () => {
  // Lengths around the padding boundaries (55/56 bytes fill one block's room for the length field).
  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1000])('matches Node crypto for %i bytes', (length) => {
    const message = bytesOf(length);
    expect(hex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
  });

  it('gives the FIPS 180-4 example digest of "abc"', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('hmacSha256', () => {
  it.each([1, 16, 64, 65, 200])('matches Node crypto with a %i-byte key', (keyLength) => {
    const key = bytesOf(keyLength);
    const message = bytesOf(77);
    expect(hex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
  });
});
