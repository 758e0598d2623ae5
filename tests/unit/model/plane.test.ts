import { describe, expect, it } from 'vitest';
import { annotationsOnPlane, isSameReformat, patientPointOf, planeKey, planePointOf, samePlane } from '../../../shared/model/plane';
import type { ReformatPlane, VertebraAnnotation } from '../../../shared/model/types';
import { IMAGE_PLANE, OTHER_IMAGE_PLANE, SAGITTAL_PLANE, sampleDocument } from './sample-document';

describe('patientPointOf / planePointOf', () => {
  it('follows PS3.3 C.7.6.2.1.1: x steps by column spacing along the row, y by row spacing down the column', () => {
    expect(patientPointOf(SAGITTAL_PLANE, { x: 10, y: 5 })).toEqual({ x: 12.5, y: 100 - 10 * 0.5, z: 200 - 5 * 0.8 });
  });

  it('round-trips a point', () => {
    const p = planePointOf(SAGITTAL_PLANE, patientPointOf(SAGITTAL_PLANE, { x: 123.25, y: 47.5 }));
    expect(p.x).toBeCloseTo(123.25, 9);
    expect(p.y).toBeCloseTo(47.5, 9);
  });
});

describe('planeKey', () => {
  it('names images by instance and frame, reformats by position along the normal', () => {
    expect(planeKey(IMAGE_PLANE)).toBe(`image:${IMAGE_PLANE.sopInstanceUid}:0`);
    expect(planeKey({ ...IMAGE_PLANE, frameIndex: 2 })).not.toBe(planeKey(IMAGE_PLANE));
    const shiftedInPlane: ReformatPlane = { ...SAGITTAL_PLANE, origin: { x: 12.5, y: 80, z: 150 } };
    expect(planeKey(shiftedInPlane)).toBe(planeKey(SAGITTAL_PLANE));
    expect(planeKey({ ...SAGITTAL_PLANE, origin: { x: 13.5, y: 100, z: 200 } })).not.toBe(planeKey(SAGITTAL_PLANE));
  });
});

describe('annotationsOnPlane', () => {
  const doc = sampleDocument();

  it('returns each image annotation on its own image only (OHIF #4840)', () => {
    const ids = (plane: typeof IMAGE_PLANE) => annotationsOnPlane(doc, plane).map((a) => a.id);
    expect(ids(IMAGE_PLANE)).toEqual(['v-t12', 'v-l1', 'v-l2', 'cobb-1', 'len-1', 'ang-1']);
    expect(ids(OTHER_IMAGE_PLANE)).toEqual(['cobb-drawn', 'cal-1']);
    expect(ids({ ...IMAGE_PLANE, frameIndex: 1 })).toEqual([]);
  });

  it('matches a reformat within half a voxel along the normal, not beyond', () => {
    const near: ReformatPlane = { ...SAGITTAL_PLANE, origin: { ...SAGITTAL_PLANE.origin, x: 12.5 + 0.24 } };
    const far: ReformatPlane = { ...SAGITTAL_PLANE, origin: { ...SAGITTAL_PLANE.origin, x: 12.5 + 0.26 } };
    expect(isSameReformat(SAGITTAL_PLANE, near)).toBe(true);
    expect(isSameReformat(SAGITTAL_PLANE, far)).toBe(false);
    expect(annotationsOnPlane(doc, far)).toEqual([]);
    expect(annotationsOnPlane(doc, { ...SAGITTAL_PLANE, orientation: 'coronal' })).toEqual([]);
    expect(annotationsOnPlane(doc, { ...SAGITTAL_PLANE, seriesInstanceUid: '1.2.3' })).toEqual([]);
  });

  it('re-expresses reformat annotations in the pixels of the plane asked for, on the same anatomy', () => {
    const rebuilt: ReformatPlane = {
      ...SAGITTAL_PLANE,
      origin: { x: 12.6, y: 110, z: 210 },
      rowSpacingMm: 0.4,
      columnSpacingMm: 0.25,
    };
    const [shown] = annotationsOnPlane(doc, rebuilt) as VertebraAnnotation[];
    const stored = doc.annotations.find((a) => a.id === 'v-ref') as VertebraAnnotation;
    expect(shown.plane).toBe(rebuilt);
    const before = patientPointOf(SAGITTAL_PLANE, stored.points.anteriorSuperior);
    const after = patientPointOf(rebuilt, shown.points.anteriorSuperior);
    expect(after.y).toBeCloseTo(before.y, 9);
    expect(after.z).toBeCloseTo(before.z, 9);
  });
});

describe('samePlane', () => {
  it('matches images by instance and frame, and reformats within half a voxel whatever their keys say', () => {
    expect(samePlane(IMAGE_PLANE, { ...IMAGE_PLANE })).toBe(true);
    expect(samePlane(IMAGE_PLANE, OTHER_IMAGE_PLANE)).toBe(false);
    expect(samePlane(IMAGE_PLANE, { ...IMAGE_PLANE, frameIndex: 1 })).toBe(false);
    // Rebuilt a fifth of a voxel further along the normal: another key, the same slab.
    const nudged: ReformatPlane = { ...SAGITTAL_PLANE, origin: { ...SAGITTAL_PLANE.origin, x: SAGITTAL_PLANE.origin.x + 0.1 } };
    expect(planeKey(nudged)).not.toBe(planeKey(SAGITTAL_PLANE));
    expect(samePlane(nudged, SAGITTAL_PLANE)).toBe(true);
    expect(samePlane(SAGITTAL_PLANE, IMAGE_PLANE)).toBe(false);
    expect(samePlane(IMAGE_PLANE, SAGITTAL_PLANE)).toBe(false);
  });
});
