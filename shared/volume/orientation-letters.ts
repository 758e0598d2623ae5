/**
 * Orientation letters for the four edges of a reformatted image (PS3.3 C.7.6.1.1.1): each edge gets the
 * patient directions it faces, the strongest first, with a second (and third) letter for oblique
 * directions, e.g. "LP". The right edge shows where the row direction points, the bottom edge where the
 * column direction points, the left and top edges the opposites.
 *
 * The letters themselves come from shared/dicom/orientation.ts, the one place that turns an LPS direction
 * into letters, so acquired images and reformats are labelled alike.
 */
import { orientationLetters as edgeLetters, type EdgeLetters } from '../dicom/orientation';
import type { Vec3 } from './vec3';

export type { EdgeLetters };

/** Letters for an image whose +x points along `rowDirection` and +y along `columnDirection` (LPS unit vectors). */
export function orientationLetters(rowDirection: Vec3, columnDirection: Vec3): EdgeLetters {
  return edgeLetters(rowDirection, columnDirection);
}

/** Letters for an image with Image Orientation (Patient) (0020,0037): row then column direction cosines (PS3.3 C.7.6.2.1.1). */
export function orientationLettersFromIop(iop: readonly number[]): EdgeLetters {
  if (iop.length !== 6 || !iop.every(Number.isFinite)) {
    throw new RangeError(`Image Orientation (Patient) holds six numbers; got ${iop.length}.`);
  }
  return edgeLetters([iop[0], iop[1], iop[2]], [iop[3], iop[4], iop[5]]);
}
