/** A measured sample study for the report tests: the shared sample document run through the real engine. */
import { assessSpine } from '../../../shared/measure/spine';
import type { VertebraAnnotation } from '../../../shared/model/types';
import type { SourceImage } from '../../../shared/report/sr';
import type { ReportInput, StudyInfo } from '../../../shared/report/study-info';
import { IMAGE_PLANE, OTHER_IMAGE_PLANE, sampleDocument } from '../model/sample-document';

export const STUDY: StudyInfo = {
  patientName: 'Testperson^Erika',
  patientId: 'PID-4711',
  patientBirthDate: '19400101',
  patientSex: 'F',
  studyInstanceUid: sampleDocument().studyInstanceUid,
  studyDate: '20250102',
  studyTime: '101500',
  studyDescription: 'XR SPINE LAT',
  accessionNumber: 'ACC1',
  modality: 'DX',
};

export const SOURCE_IMAGES: SourceImage[] = [IMAGE_PLANE, OTHER_IMAGE_PLANE].map((p) => ({
  sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1',
  sopInstanceUid: p.sopInstanceUid,
  seriesInstanceUid: p.seriesInstanceUid,
}));

export function reportInput(): ReportInput {
  const doc = sampleDocument();
  const vertebrae = doc.annotations.filter((a): a is VertebraAnnotation => a.type === 'vertebra' && a.plane.kind === 'image');
  const results = assessSpine({
    vertebrae: vertebrae.map((v) => ({ level: v.level, points: v.points })),
    spacing: { rowMm: 1, columnMm: 1, source: 'calibrated', note: 'Pixel Spacing 1 mm' },
    orientation: { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } },
    angleRequests: [{ kind: 'cobb', first: { level: 'T12', endplate: 'superior' }, second: { level: 'L2', endplate: 'inferior' } }],
  });
  return {
    doc,
    results,
    study: STUDY,
    annotationMeasurements: {
      'cobb-drawn': { kind: 'cobb', label: 'Drawn Cobb', signedDeg: -22.6, description: 'lordosis' },
      'ang-1': { kind: 'angle', label: 'Angle 1', signedDeg: 90, description: 'kyphosis' },
      'len-1': { value: 50, unit: 'mm', calibration: 'calibrated' },
    },
  };
}
