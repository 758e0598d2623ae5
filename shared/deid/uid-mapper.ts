import { hmacSha256 } from './sha256';

/**
 * Replaces instance UIDs (action U of PS3.15 Table E.1-1). The same original UID must always map to
 * the same replacement, in every file and every sequence item, so that a de-identified study keeps
 * its structure: series stay together, and references (Referenced SOP Instance UID, Frame of
 * Reference UID) still point at the right instances (PS3.15 E.1.1: referential integrity).
 */
export interface UidMapper {
  map(uid: string): string;
}

/** UI values are padded to even length with NUL (PS3.5 6.2); the padding is not part of the UID. */
const withoutPadding = (uid: string) => uid.replace(/[\0 ]+$/, '');

/** Shortest secret accepted: a short or guessable salt would let anyone rebuild the mapping. */
export const MIN_SALT_LENGTH = 16;

/**
 * A deterministic mapper: 2.25.<decimal of a UUID derived from HMAC-SHA-256(salt, original UID)>.
 * PS3.5 B.2 defines the 2.25 root for UIDs made from UUIDs; the hash is shaped as an RFC 9562
 * version 8 (custom) UUID so that the result is a valid one. Keep the salt secret and reuse it for
 * every file of a study (and across studies, to keep them linkable); without it the original UIDs
 * cannot be recovered or confirmed.
 */
export function createUidMapper(salt: string): UidMapper {
  if (salt.length < MIN_SALT_LENGTH) {
    throw new RangeError(`The UID salt must be a secret of at least ${MIN_SALT_LENGTH} characters.`);
  }
  const encoder = new TextEncoder();
  const key = encoder.encode(salt);
  return {
    map(uid: string): string {
      const uuid = hmacSha256(key, encoder.encode(withoutPadding(uid))).slice(0, 16);
      uuid[6] = (uuid[6] & 0x0f) | 0x80; // version 8
      uuid[8] = (uuid[8] & 0x3f) | 0x80; // RFC 9562 variant
      let value = 0n;
      for (const byte of uuid) value = (value << 8n) | BigInt(byte);
      return `2.25.${value.toString(10)}`;
    },
  };
}
