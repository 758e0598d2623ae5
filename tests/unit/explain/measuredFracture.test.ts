/** The explainer's measured fracture: measurements on a CT reformat count as much as those on an acquired image. */
import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../../shared/dicom/header';
import { createHistory } from '../../../shared/model/history';
import type { AnnotationPlane, ReformatPlane, StudyAnnotations } from '../../../shared/model/types';
import { measuredFracture, resultsByStudy, type MeasuredStudies } from '../../../renderer/app/study-results';
import type { Stack } from '../../../renderer/viewer/stack';
import { IMAGE_PLANE, SERIES_UID, STUDY_UID, wedgePoints } from '../model/sample-document';

/** A sagittal CT reformat: x runs posterior (+y in LPS), so the bodies face screen-left; y runs to the feet; 0.5 mm pixels. */
const SAGITTAL: ReformatPlane = {
  kind: 'reformat',
  seriesInstanceUid: SERIES_UID,
  orientation: 'sagittal',
  origin: { x: 12.5, y: 100, z: 200 },
  rowDirection: { x: 0, y: 1, z: 0 },
  columnDirection: { x: 0, y: 0, z: -1 },
  rowSpacingMm: 0.5,
  columnSpacingMm: 0.5,
};

/** The axial CT series the reformat was made from, as the viewer lists it. */
const CT_STACK = {
  key: 'ct',
  seriesInstanceUid: SERIES_UID,
  studyInstanceUid: STUDY_UID,
  description: 'CT SPINE',
  modality: 'CT',
  imageIds: ['ct:0'],
  headers: [{ sopInstanceUid: IMAGE_PLANE.sopInstanceUid, studyInstanceUid: STUDY_UID, seriesInstanceUid: SERIES_UID, patientId: 'P3', studyDate: '20250102', modality: 'CT' } as InstanceHeader],
  frameIndices: [0],
} satisfies Stack;

/** T12 and L2 intact (30 px tall), L1 wedged to an anterior height of 18 px of 30, all on one plane. */
function studiesMeasuredOn(plane: AnnotationPlane): MeasuredStudies {
  const vertebra = (level: 'T12' | 'L1' | 'L2', offsetY: number, anterior: number) => ({ id: `v-${level}`, type: 'vertebra' as const, createdAt: '2025-01-02T03:00:00.000Z', plane, level, points: wedgePoints(offsetY, anterior) });
  const doc: StudyAnnotations = {
    schemaVersion: 1,
    studyInstanceUid: STUDY_UID,
    updatedAt: '2025-01-02T03:04:05.000Z',
    annotations: [vertebra('T12', 100, 30), vertebra('L1', 140, 18), vertebra('L2', 180, 30)],
  };
  return { [STUDY_UID]: { history: createHistory(doc), readOnly: false } };
}

describe('measured fracture for the explainer', () => {
  it('counts vertebrae measured on a sagittal CT reformat, in millimetres of the reformat', () => {
    const fracture = measuredFracture([CT_STACK], studiesMeasuredOn(SAGITTAL));
    expect(fracture?.level).toBe('L1');
    // 18 px and 30 px at 0.5 mm a pixel.
    expect(fracture?.anteriorMm).toBeCloseTo(9, 1);
    expect(fracture?.posteriorMm).toBeCloseTo(15, 1);
    expect(fracture?.from).toBe('CT SPINE, sagittal reformat');
  });

  it('reads the reformat once however many annotations share its plane', () => {
    const study = resultsByStudy([CT_STACK], studiesMeasuredOn(SAGITTAL)).get(STUDY_UID);
    expect(study?.results.vertebrae.map((v) => v.level)).toEqual(['T12', 'L1', 'L2']);
  });

  it('gives the same fracture as the same points on an acquired image of the same spacing', () => {
    const acquired = { ...CT_STACK, headers: [{ ...CT_STACK.headers[0], spacing: { rowMm: 0.5, columnMm: 0.5, source: 'calibrated', note: '' }, imageOrientationPatient: [0, 1, 0, 0, 0, -1] }] } as Stack;
    const onImage = measuredFracture([acquired], studiesMeasuredOn(IMAGE_PLANE));
    const onReformat = measuredFracture([acquired], studiesMeasuredOn(SAGITTAL));
    expect(onReformat?.level).toBe(onImage?.level);
    expect(onReformat?.anteriorMm).toBeCloseTo(onImage?.anteriorMm ?? NaN, 6);
    expect(onReformat?.localKyphosisDeg).toBeCloseTo(onImage?.localKyphosisDeg ?? NaN, 6);
  });

  it('has no fracture when the study holds no vertebra measurement', () => {
    const empty: MeasuredStudies = { [STUDY_UID]: { history: createHistory({ schemaVersion: 1, studyInstanceUid: STUDY_UID, updatedAt: '2025-01-02T03:04:05.000Z', annotations: [] }), readOnly: false } };
    expect(measuredFracture([CT_STACK], empty)).toBeUndefined();
  });
});
