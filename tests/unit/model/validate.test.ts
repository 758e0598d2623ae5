import { describe, expect, it } from 'vitest';
import { VALIDATION_LIMITS, validateLeniently, validateStudyAnnotations } from '../../../shared/model/validate';
import { sampleDocument } from './sample-document';

/** A deep copy as plain JSON, the way documents arrive over IPC or from disk. */
function raw(): Record<string, unknown> & { annotations: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(sampleDocument()));
}

function errorsOf(input: unknown): string[] {
  const result = validateStudyAnnotations(input);
  return result.ok ? [] : result.errors;
}

describe('validateStudyAnnotations', () => {
  it('accepts a valid document and returns an equal copy, not the input', () => {
    const input = raw();
    const result = validateStudyAnnotations(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(sampleDocument());
    expect(result.value).not.toBe(input);
  });

  it.each([
    ['not an object', () => 'hello', 'document: must be an object'],
    ['a wrong version', () => ({ ...raw(), schemaVersion: 2 }), 'document.schemaVersion: must be 1'],
    ['an unknown top-level key', () => ({ ...raw(), extra: 1 }), 'document.extra: is not a known field'],
    ['a missing key', () => ({ ...raw(), updatedAt: undefined }), 'document.updatedAt'],
    ['a UID with letters', () => ({ ...raw(), studyInstanceUid: '1.2.abc' }), 'document.studyInstanceUid: must be a DICOM UID'],
    ['a UID that is too long', () => ({ ...raw(), studyInstanceUid: '1.'.repeat(40) + '1' }), 'must have 1 to 64 characters'],
    ['a timestamp without zone', () => ({ ...raw(), updatedAt: '2025-01-02T03:04:05' }), 'ISO 8601'],
    ['an unknown position', () => ({ ...raw(), patientPosition: 'upside-down' }), 'document.patientPosition'],
  ])('rejects %s', (_name, make, expected) => {
    expect(errorsOf(make()).join('\n')).toContain(expected);
  });

  it('rejects non-finite and out-of-range numbers inside annotations', () => {
    const doc = raw();
    (doc.annotations[0].points as Record<string, { x: unknown }>).anteriorSuperior.x = null;
    (doc.annotations[5].points as { x: number }[])[1].x = 1e9;
    (doc.annotations[7] as { knownLengthMm: number }).knownLengthMm = 0;
    const errors = errorsOf(doc).join('\n');
    expect(errors).toContain('annotations[0].points.anteriorSuperior.x: must be a finite number');
    expect(errors).toContain('annotations[5].points[1].x: must be between');
    expect(errors).toContain('annotations[7].knownLengthMm: must be greater than 0');
  });

  it('rejects unknown keys in annotations, unknown types, bad grades and prototype tricks', () => {
    const doc = raw();
    doc.annotations[0] = { ...doc.annotations[0], colour: 'red' };
    doc.annotations[1] = { ...doc.annotations[1], finalGrade: 1.5 };
    doc.annotations[2] = { ...doc.annotations[2], type: 'ellipse' };
    doc.annotations[5] = JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}');
    const errors = errorsOf(doc).join('\n');
    expect(errors).toContain('annotations[0].colour: is not a known field');
    expect(errors).toContain('annotations[1].finalGrade: must be one of 0, 0.5, 1, 2, 3');
    expect(errors).toContain('annotations[2].type: must be one of');
    expect(errors).toContain('annotations[5].type');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects duplicate ids and Cobb lines that follow a missing vertebra', () => {
    const doc = raw();
    doc.annotations[5].id = 'v-t12';
    doc.annotations = doc.annotations.filter((a) => a.id !== 'v-l2');
    const errors = errorsOf(doc).join('\n');
    expect(errors).toContain('"v-t12" is used twice');
    expect(errors).toContain('"v-l2" is not a vertebra annotation of this study');
  });

  it('rejects reformat planes whose directions are not unit vectors at right angles', () => {
    const doc = raw();
    const plane = doc.annotations[8].plane as Record<string, unknown>;
    doc.annotations[8].plane = { ...plane, rowDirection: { x: 0, y: -2, z: 0 } };
    expect(errorsOf(doc).join('\n')).toContain('rowDirection: must be a unit vector');
    doc.annotations[8].plane = { ...plane, columnDirection: { x: 0, y: -1, z: 0 } };
    expect(errorsOf(doc).join('\n')).toContain('must be at right angles');
  });

  it('caps the number of annotations and of error messages', () => {
    const doc = raw();
    doc.annotations = Array.from({ length: VALIDATION_LIMITS.maxAnnotations + 1 }, () => doc.annotations[5]);
    expect(errorsOf(doc).join('\n')).toContain('document.annotations: must hold 0 to 2000 items');
    doc.annotations = Array.from({ length: 500 }, () => ({ type: 'length' }));
    expect(errorsOf(doc)).toHaveLength(VALIDATION_LIMITS.maxErrors);
  });
});

describe('validateLeniently', () => {
  it('ignores unknown keys and skips unknown annotation types, with a note', () => {
    const doc = raw();
    doc.schemaVersion = 7;
    doc.newTopLevel = { anything: true };
    doc.annotations[0] = { ...doc.annotations[0], confidence: 0.9 };
    doc.annotations.push({ id: 'spline-1', type: 'spline', createdAt: '2025-01-02T03:00:00Z' });
    const { document, skipped } = validateLeniently(doc);
    expect(document?.annotations.map((a) => a.id)).toEqual(sampleDocument().annotations.map((a) => a.id));
    expect(document?.annotations[0]).not.toHaveProperty('confidence');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain('annotations[9].type');
  });

  it('drops a Cobb angle whose vertebra was skipped', () => {
    const doc = raw();
    doc.annotations[0] = { ...doc.annotations[0], level: 'S1' };
    const { document, skipped } = validateLeniently(doc);
    expect(document?.annotations.some((a) => a.id === 'cobb-1')).toBe(false);
    expect(skipped.join('\n')).toContain('"cobb-1": follows a vertebra that was skipped');
  });
});
