/** A small, valid annotation document shared by the model, store and report tests. */
import type { SixPoints } from '../../../shared/measure/types';
import type { ImagePlane, ReformatPlane, StudyAnnotations } from '../../../shared/model/types';

export const STUDY_UID = '1.2.826.0.1.3680043.8.498.1';
export const SERIES_UID = '1.2.826.0.1.3680043.8.498.2';
export const IMAGE_PLANE: ImagePlane = {
  kind: 'image',
  seriesInstanceUid: SERIES_UID,
  sopInstanceUid: '1.2.826.0.1.3680043.8.498.3',
  frameIndex: 0,
};
export const OTHER_IMAGE_PLANE: ImagePlane = { ...IMAGE_PLANE, sopInstanceUid: '1.2.826.0.1.3680043.8.498.4' };

/** A sagittal reformat: x runs anterior (−y in LPS), y runs towards the feet (−z), 0.5 × 0.8 mm pixels. */
export const SAGITTAL_PLANE: ReformatPlane = {
  kind: 'reformat',
  seriesInstanceUid: SERIES_UID,
  orientation: 'sagittal',
  origin: { x: 12.5, y: 100, z: 200 },
  rowDirection: { x: 0, y: -1, z: 0 },
  columnDirection: { x: 0, y: 0, z: -1 },
  rowSpacingMm: 0.8,
  columnSpacingMm: 0.5,
};

/** A body with Ha ≈ 20 px and Hp ≈ 30 px, facing screen-left, at an offset so levels do not overlap. */
export function wedgePoints(offsetY: number, anteriorHeight = 20): SixPoints {
  return {
    anteriorSuperior: { x: 100, y: offsetY + 30 - anteriorHeight },
    middleSuperior: { x: 117.5, y: offsetY + 2 },
    posteriorSuperior: { x: 135, y: offsetY },
    anteriorInferior: { x: 100, y: offsetY + 30 },
    middleInferior: { x: 117.5, y: offsetY + 29.5 },
    posteriorInferior: { x: 135, y: offsetY + 30 },
  };
}

export function sampleDocument(): StudyAnnotations {
  return {
    schemaVersion: 1,
    studyInstanceUid: STUDY_UID,
    patientPosition: 'standing',
    updatedAt: '2025-01-02T03:04:05.000Z',
    annotations: [
      { id: 'v-t12', type: 'vertebra', createdAt: '2025-01-02T03:00:00.000Z', plane: IMAGE_PLANE, level: 'T12', points: wedgePoints(100, 30) },
      {
        id: 'v-l1',
        type: 'vertebra',
        createdAt: '2025-01-02T03:00:01.000Z',
        plane: IMAGE_PLANE,
        level: 'L1',
        points: wedgePoints(140, 20),
        finalGrade: 2,
      },
      { id: 'v-l2', type: 'vertebra', createdAt: '2025-01-02T03:00:02.000Z', plane: IMAGE_PLANE, level: 'L2', points: wedgePoints(180, 30) },
      {
        id: 'cobb-1',
        type: 'cobb',
        createdAt: '2025-01-02T03:00:03.000Z',
        plane: IMAGE_PLANE,
        lines: [
          { kind: 'endplate', annotationId: 'v-t12', endplate: 'superior' },
          { kind: 'endplate', annotationId: 'v-l2', endplate: 'inferior' },
        ],
      },
      {
        id: 'cobb-drawn',
        type: 'cobb',
        createdAt: '2025-01-02T03:00:04.000Z',
        plane: OTHER_IMAGE_PLANE,
        lines: [
          { kind: 'drawn', from: { x: 10, y: 10 }, to: { x: 60, y: 20 } },
          { kind: 'drawn', from: { x: 10, y: 200 }, to: { x: 60, y: 190 } },
        ],
      },
      {
        id: 'len-1',
        type: 'length',
        createdAt: '2025-01-02T03:00:05.000Z',
        plane: IMAGE_PLANE,
        points: [{ x: 1, y: 2 }, { x: 31, y: 42 }],
      },
      {
        id: 'ang-1',
        type: 'angle',
        createdAt: '2025-01-02T03:00:06.000Z',
        plane: IMAGE_PLANE,
        points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }],
      },
      {
        id: 'cal-1',
        type: 'calibration',
        createdAt: '2025-01-02T03:00:07.000Z',
        plane: OTHER_IMAGE_PLANE,
        points: [{ x: 5, y: 5 }, { x: 105, y: 5 }],
        knownLengthMm: 25,
      },
      {
        id: 'v-ref',
        type: 'vertebra',
        createdAt: '2025-01-02T03:00:08.000Z',
        plane: SAGITTAL_PLANE,
        level: 'L3',
        points: wedgePoints(300, 28),
      },
    ],
  };
}
