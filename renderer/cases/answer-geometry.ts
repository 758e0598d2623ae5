import type { SixPoints, Vec2, VertebralLevel } from '../../shared/measure/types';
import type { AnnotationPlane } from '../../shared/model/types';
import type { CaseDetails } from '../../shared/training/case-truth';
import { distanceFromPlane, patientToImagePoint } from '../../shared/volume/reslice';
import type { InstanceHeader } from '../../shared/dicom/header';
import { headerGeometry, toCornerstonePoint } from '../viewer/image-geometry';

export interface AnswerVertebra {
  readonly level: VertebralLevel;
  readonly points: SixPoints;
}

/**
 * The expert's six points that belong on the image on screen: by SOP instance for radiographs and
 * MR slices, or, for CT, projected onto a sagittal plane within half a pixel of the stated plane.
 */
export function answerOnImage(details: CaseDetails, header: InstanceHeader, plane: AnnotationPlane): AnswerVertebra[] {
  const isReformat = plane.kind === 'reformat';
  for (const study of details.studies) {
    if (study.studyInstanceUid !== header.studyInstanceUid) continue;
    for (const image of study.images) {
      if (image.kind === 'pixels' && plane.kind === 'image' && image.sopInstanceUid === plane.sopInstanceUid) return [...image.vertebrae];
      if (image.kind === 'patient' && isReformat && image.seriesInstanceUid === header.seriesInstanceUid) {
        const geometry = headerGeometry(header);
        if (!geometry) continue;
        const probe: [number, number, number] = [image.sagittalPlaneXmm, 0, 0];
        if (Math.abs(geometry.normal[0]) < 0.99 || Math.abs(distanceFromPlane(geometry, probe)) > geometry.columnSpacingMm / 2) continue;
        return image.vertebrae.map((v) => ({
          level: v.level,
          points: Object.fromEntries(
            Object.entries(v.points).map(([k, p]) => [k, toCornerstonePoint(patientToImagePoint(geometry, [p[0], p[1], p[2]])) as Vec2]),
          ) as unknown as SixPoints,
        }));
      }
    }
  }
  return [];
}
