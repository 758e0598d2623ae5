/**
 * The one measurement service: what the annotations of one plane measure, for the viewer, the results
 * panel, the cases, the explainer and the exports alike. Vertebrae are assessed together (neighbours,
 * angles between endplates); every other annotation by its own definition.
 */
import type { PixelSpacing } from '../calibration';
import type { Annotation, AnnotationType } from '../model/types';
import { definitionOf } from './definitions';
import type { AnnotationValue, MeasuredPlane } from './definitions/definition';
import { assessSpine } from './spine';
import type { SpineResults } from './types';
import { userCalibratedSpacing } from './user-calibration';

export type { AnnotationValue, MeasuredPlane } from './definitions/definition';

/** The measurement engine run over the vertebrae placed on one image; the reason when it cannot run. */
export function resultsForPlane(plane: MeasuredPlane): { results?: SpineResults; error?: string } {
  const vertebrae = plane.annotations.flatMap((a) => (a.type === 'vertebra' ? [{ level: a.level, points: a.points }] : []));
  if (vertebrae.length === 0) return {};
  try {
    return { results: assessSpine({ vertebrae, spacing: plane.spacing, orientation: plane.orientation }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Values of the free-hand annotations on one image (lengths, angles, Cobb), keyed by annotation id. */
export function freehandMeasurements(plane: MeasuredPlane): Record<string, AnnotationValue> {
  const out: Record<string, AnnotationValue> = {};
  const numbered: Partial<Record<AnnotationType, number>> = {};
  for (const a of plane.annotations) {
    const nextNumber = () => (numbered[a.type] = (numbered[a.type] ?? 0) + 1);
    const value = definitionOf(a).measure?.(a, plane, nextNumber);
    if (value) out[a.id] = value;
  }
  return out;
}

/** The spacing in force on a plane: the reader's calibration of it when there is one, else the file's. */
export function spacingOnPlane(annotations: readonly Annotation[], fileSpacing: PixelSpacing): PixelSpacing {
  const calibration = annotations.find((a) => a.type === 'calibration');
  if (calibration?.type !== 'calibration') return fileSpacing;
  try {
    return userCalibratedSpacing(calibration.points[0], calibration.points[1], calibration.knownLengthMm, fileSpacing);
  } catch {
    // A degenerate calibration line leaves the file's own spacing in force.
    return fileSpacing;
  }
}
