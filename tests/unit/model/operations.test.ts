import { describe, expect, it } from 'vitest';
import {
  addAnnotation,
  createStudyAnnotations,
  removeAnnotation,
  setPatientPosition,
  updateAnnotation,
} from '../../../shared/model/operations';
import type { LengthAnnotation } from '../../../shared/model/types';
import { IMAGE_PLANE, STUDY_UID, sampleDocument } from './sample-document';

const later = new Date('2025-02-01T00:00:00.000Z');
const length: LengthAnnotation = {
  id: 'len-new',
  type: 'length',
  createdAt: later.toISOString(),
  plane: IMAGE_PLANE,
  points: [{ x: 0, y: 0 }, { x: 3, y: 4 }],
};

describe('annotation operations', () => {
  it('creates an empty document stamped by the clock given', () => {
    expect(createStudyAnnotations(STUDY_UID, later)).toEqual({
      schemaVersion: 1,
      studyInstanceUid: STUDY_UID,
      updatedAt: '2025-02-01T00:00:00.000Z',
      annotations: [],
    });
  });

  it('adds without touching the input, and refuses a duplicate id', () => {
    const doc = Object.freeze(sampleDocument());
    const next = addAnnotation(doc, length, later);
    expect(next.annotations.at(-1)).toBe(length);
    expect(next.updatedAt).toBe(later.toISOString());
    expect(doc.annotations).toHaveLength(9);
    expect(() => addAnnotation(next, length, later)).toThrow('already exists');
  });

  it('updates by id and keeps the type', () => {
    const doc = sampleDocument();
    const moved: LengthAnnotation = { ...(doc.annotations[5] as LengthAnnotation), points: [{ x: 9, y: 9 }, { x: 1, y: 1 }] };
    const next = updateAnnotation(doc, moved, later);
    expect(next.annotations[5]).toBe(moved);
    expect(next.annotations[0]).toBe(doc.annotations[0]);
    expect(() => updateAnnotation(doc, { ...moved, id: 'nope' }, later)).toThrow('is not in study');
    expect(() => updateAnnotation(doc, { ...moved, id: 'v-t12' }, later)).toThrow('cannot become a length');
  });

  it('removes a vertebra together with the Cobb angles that follow its endplates', () => {
    const doc = sampleDocument();
    const next = removeAnnotation(doc, 'v-l2', later);
    expect(next.annotations.map((a) => a.id)).not.toContain('v-l2');
    expect(next.annotations.map((a) => a.id)).not.toContain('cobb-1');
    expect(next.annotations.map((a) => a.id)).toContain('cobb-drawn');
    expect(removeAnnotation(doc, 'unknown', later)).toBe(doc);
  });

  it('records the patient position', () => {
    expect(setPatientPosition(sampleDocument(), 'supine', later)).toMatchObject({ patientPosition: 'supine', updatedAt: later.toISOString() });
  });
});
