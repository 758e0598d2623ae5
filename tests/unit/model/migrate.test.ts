import { describe, expect, it } from 'vitest';
import { migrate } from '../../../shared/model/migrate';
import { SCHEMA_VERSION } from '../../../shared/model/types';
import { IMAGE_PLANE, OTHER_IMAGE_PLANE, STUDY_UID, sampleDocument } from './sample-document';

/** The prototype (v0) format: no schemaVersion, flat image UIDs, points as [x, y] arrays. */
function v0Document(): unknown {
  return {
    studyInstanceUid: STUDY_UID,
    updatedAt: '2024-06-01T10:00:00Z',
    patientPosition: 'sitting',
    annotations: [
      {
        id: 'v1',
        type: 'vertebra',
        createdAt: '2024-06-01T09:00:00Z',
        seriesInstanceUid: IMAGE_PLANE.seriesInstanceUid,
        sopInstanceUid: IMAGE_PLANE.sopInstanceUid,
        level: 'L1',
        grade: 0.5,
        points: [[100, 120], [117, 112], [135, 110], [100, 140], [117, 139], [135, 140]],
      },
      {
        id: 'c1',
        type: 'cobb',
        createdAt: '2024-06-01T09:01:00Z',
        seriesInstanceUid: OTHER_IMAGE_PLANE.seriesInstanceUid,
        sopInstanceUid: OTHER_IMAGE_PLANE.sopInstanceUid,
        frameIndex: 3,
        points: [[0, 0], [10, 1], [0, 50], [10, 48]],
      },
      {
        id: 'k1',
        type: 'calibration',
        createdAt: '2024-06-01T09:02:00Z',
        seriesInstanceUid: IMAGE_PLANE.seriesInstanceUid,
        sopInstanceUid: IMAGE_PLANE.sopInstanceUid,
        points: [[0, 0], [40, 0]],
        knownLengthMm: 10,
      },
    ],
  };
}

describe('migrate', () => {
  it('passes a current document through unchanged', () => {
    const result = migrate(JSON.parse(JSON.stringify(sampleDocument())));
    expect(result).toEqual({ ok: true, readOnly: false, document: sampleDocument(), migratedFrom: null });
  });

  it('migrates the v0 prototype format to the current version', () => {
    const input = v0Document();
    const before = JSON.stringify(input);
    const result = migrate(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(result.ok && !result.readOnly).toBe(true);
    if (!result.ok || result.readOnly) return;
    expect(result.migratedFrom).toBe(0);
    const doc = result.document;
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.patientPosition).toBe('sitting');
    expect(doc.annotations[0]).toEqual({
      id: 'v1',
      type: 'vertebra',
      createdAt: '2024-06-01T09:00:00Z',
      plane: IMAGE_PLANE,
      level: 'L1',
      finalGrade: 0.5,
      points: {
        anteriorSuperior: { x: 100, y: 120 },
        middleSuperior: { x: 117, y: 112 },
        posteriorSuperior: { x: 135, y: 110 },
        anteriorInferior: { x: 100, y: 140 },
        middleInferior: { x: 117, y: 139 },
        posteriorInferior: { x: 135, y: 140 },
      },
    });
    expect(doc.annotations[1]).toMatchObject({
      plane: { ...OTHER_IMAGE_PLANE, frameIndex: 3 },
      lines: [
        { kind: 'drawn', from: { x: 0, y: 0 }, to: { x: 10, y: 1 } },
        { kind: 'drawn', from: { x: 0, y: 50 }, to: { x: 10, y: 48 } },
      ],
    });
    expect(doc.annotations[2]).toMatchObject({ points: [{ x: 0, y: 0 }, { x: 40, y: 0 }], knownLengthMm: 10 });
  });

  it('reports a v0 document that is broken after migration, saying so', () => {
    const input = v0Document() as { annotations: { points: unknown }[] };
    input.annotations[0].points = [[1, 2]];
    const result = migrate(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toBe('after migrating from version 0:');
    expect(result.errors.join('\n')).toContain('annotations[0].points');
  });

  it('opens a newer version read-only with what it understands', () => {
    const newer = { ...JSON.parse(JSON.stringify(sampleDocument())), schemaVersion: SCHEMA_VERSION + 1, layers: [] };
    const result = migrate(newer);
    expect(result).toMatchObject({ ok: true, readOnly: true, schemaVersion: SCHEMA_VERSION + 1, skipped: [] });
    if (result.ok && result.readOnly) expect(result.document?.annotations).toHaveLength(sampleDocument().annotations.length);
  });

  it.each([[null], [[1, 2]], [{ schemaVersion: '1' }], [{ schemaVersion: -1 }], [{ schemaVersion: 1.5 }]])('refuses %j', (input) => {
    expect(migrate(input).ok).toBe(false);
  });
});
