/** The drawing of each annotation type, beside its definition in shared/measure/definitions: one line each. */
import type { Annotation, AnnotationType } from '../../../shared/model/types';
import { drawAngle } from './angle';
import { drawCalibration } from './calibration';
import { drawCobb } from './cobb';
import type { Drawing, DrawingView } from './drawing';
import { drawLength } from './length';
import { drawVertebra } from './vertebra';

export const DRAWINGS: { readonly [T in AnnotationType]: Drawing<T> } = {
  vertebra: drawVertebra,
  cobb: drawCobb,
  length: drawLength,
  angle: drawAngle,
  calibration: drawCalibration,
};

export function drawAnnotation(a: Annotation, view: DrawingView) {
  return (DRAWINGS[a.type] as Drawing<AnnotationType>)(a, view);
}
