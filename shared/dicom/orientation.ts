import type { Orientation, Vec3 } from './header';

export interface EdgeLetters {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/** A direction cosine below this contributes no letter (about 75° off that axis). */
const SIGNIFICANT_COSINE = 0.25;

/**
 * Patient-direction letters for a direction in the patient coordinate system, which is LPS: +x towards
 * the patient's Left, +y Posterior, +z Head (PS3.3 C.7.6.1.1.1, C.7.6.2.1.1). Oblique directions get up to
 * three letters, the strongest first.
 */
export function directionLetters(direction: Vec3): string {
  const axes: [string, string][] = [
    ['L', 'R'],
    ['P', 'A'],
    ['H', 'F'],
  ];
  return direction
    .map((value, axis) => ({ value, axis }))
    .filter(({ value }) => Math.abs(value) >= SIGNIFICANT_COSINE)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .map(({ value, axis }) => (value > 0 ? axes[axis][0] : axes[axis][1]))
    .join('');
}

const negate = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];

/**
 * Letters for the four viewport edges of an image with Image Orientation (Patient): the row direction
 * points to the right edge (columns increase rightwards), the column direction to the bottom edge.
 * Accepts the six direction cosines, or the row and column directions separately.
 */
export function orientationLetters(orientation: Orientation | readonly number[]): EdgeLetters;
export function orientationLetters(rowDirection: Vec3, columnDirection: Vec3): EdgeLetters;
export function orientationLetters(first: readonly number[], second?: Vec3): EdgeLetters {
  const row: Vec3 = [first[0], first[1], first[2]];
  const column: Vec3 = second ?? [first[3], first[4], first[5]];
  return {
    right: directionLetters(row),
    left: directionLetters(negate(row)),
    bottom: directionLetters(column),
    top: directionLetters(negate(column)),
  };
}

/**
 * Letters for a projection image from Patient Orientation (0020,0020): the directions of the row and of
 * the column, e.g. ["P", "F"] (PS3.3 C.7.6.1.1.1). The opposite edge takes the opposite letters.
 */
export function patientOrientationLetters([row, column]: readonly [string, string]): EdgeLetters {
  const opposite = (letters: string) => letters.replace(/[LRAPHF]/g, (c) => ({ L: 'R', R: 'L', A: 'P', P: 'A', H: 'F', F: 'H' })[c] ?? c);
  return { right: row, left: opposite(row), bottom: column, top: opposite(column) };
}
