import { describe, expect, it } from 'vitest';
import { ApiValidationError, CHANNELS, validateCall } from '../../../shared/api';

const UID = '1.2.826.0.1.3680043.8.498.1';

describe('API argument validation', () => {
  it('accepts well-formed calls on every channel', () => {
    expect(validateCall('appInfo', [])).toEqual([]);
    expect(validateCall('openSample', ['normal-spine'])).toEqual(['normal-spine']);
    expect(validateCall('showOpenDialog', ['folder'])).toEqual(['folder']);
    expect(validateCall('loadAnnotations', [UID])).toEqual([UID]);
    expect(validateCall('saveAnnotations', [UID, { schemaVersion: 1 }])).toEqual([UID, { schemaVersion: 1 }]);
    const bytes = new Uint8Array([1, 2, 3]);
    expect(validateCall('saveExport', [{ suggestedName: 'report.pdf', mimeType: 'application/pdf', bytes }])).toEqual([
      { suggestedName: 'report.pdf', mimeType: 'application/pdf', bytes },
    ]);
  });

  it.each(CHANNELS)('refuses extra arguments on %s', (channel) => {
    expect(() => validateCall(channel, [1, 2, 3, 4])).toThrow(ApiValidationError);
  });

  const bad: Array<[string, Parameters<typeof validateCall>[0], unknown[]]> = [
    ['a number for an id', 'openSample', [42]],
    ['path traversal in an id', 'openSample', ['../../etc/passwd']],
    ['an absolute path as id', 'openRecent', ['/etc/passwd']],
    ['a huge string', 'openSample', ['x'.repeat(100_000)]],
    ['an unknown dialog kind', 'showOpenDialog', ['anything']],
    ['a non-UID study key', 'loadAnnotations', ['../../secrets']],
    ['a UID that is too long', 'loadAnnotations', ['1.' + '2'.repeat(70)]],
    ['an array as document', 'saveAnnotations', [UID, []]],
    ['null document', 'saveAnnotations', [UID, null]],
    ['an oversized document', 'saveAnnotations', [UID, { blob: 'x'.repeat(9 * 1024 * 1024) }]],
    ['an export path with folders', 'saveExport', [{ suggestedName: '../evil.sh', mimeType: 'text/plain', bytes: new Uint8Array() }]],
    ['an absolute export path', 'saveExport', [{ suggestedName: '/tmp/x.csv', mimeType: 'text/csv', bytes: new Uint8Array() }]],
    ['an extra export field', 'saveExport', [{ suggestedName: 'a.csv', mimeType: 'text/csv', bytes: new Uint8Array(), path: '/tmp' }]],
    ['export bytes as a string', 'saveExport', [{ suggestedName: 'a.csv', mimeType: 'text/csv', bytes: 'abc' }]],
  ];
  it.each(bad)('refuses %s', (_why, channel, args) => {
    expect(() => validateCall(channel, args)).toThrow(ApiValidationError);
  });
});
