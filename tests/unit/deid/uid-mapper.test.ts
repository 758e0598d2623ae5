import { describe, expect, it } from 'vitest';
import { createUidMapper, MIN_SALT_LENGTH } from '../../../shared/deid/uid-mapper';

const SALT = 'a-secret-salt-for-tests';
const UID = '1.2.826.0.1.3680043.8.498.12345678901234567890';

describe('createUidMapper', () => {
  it('maps the same UID to the same replacement, whichever mapper instance does it', () => {
    expect(createUidMapper(SALT).map(UID)).toBe(createUidMapper(SALT).map(UID));
  });

  it('ignores the NUL padding of UI values', () => {
    expect(createUidMapper(SALT).map(`${UID}\0`)).toBe(createUidMapper(SALT).map(UID));
  });

  it('gives different UIDs different replacements, and depends on the secret salt', () => {
    const mapper = createUidMapper(SALT);
    expect(mapper.map(UID)).not.toBe(mapper.map(`${UID}1`));
    expect(createUidMapper(`${SALT}-other`).map(UID)).not.toBe(mapper.map(UID));
  });

  it('makes valid UUID-derived UIDs (PS3.5 B.2) from a version 8 UUID', () => {
    const mapped = createUidMapper(SALT).map(UID);
    expect(mapped).toMatch(/^2\.25\.(0|[1-9][0-9]*)$/);
    expect(mapped.length).toBeLessThanOrEqual(64);
    const uuid = BigInt(mapped.slice('2.25.'.length)).toString(16).padStart(32, '0');
    expect(uuid[12]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(uuid[16]);
  });

  it('refuses a short salt, which would let anyone rebuild the mapping', () => {
    expect(() => createUidMapper('x'.repeat(MIN_SALT_LENGTH - 1))).toThrow(RangeError);
  });
});
