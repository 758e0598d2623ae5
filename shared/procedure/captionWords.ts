import type { NeedleSide, PatientSpineShape } from './types';

export function mm(value: number): string {
  return `${value.toFixed(1)} mm`;
}

export function degrees(value: number): string {
  return `${Math.round(value)}°`;
}

/** Which sides the needles go in, for the procedure's options. */
export function needleSidesFor(bipedicular: boolean): NeedleSide[] {
  return bipedicular ? ['left', 'right'] : ['left'];
}

/** How squashed the bone is, in words a patient understands, from the patient's own numbers. */
export function fractureInWords(shape: PatientSpineShape): string {
  const front = shape.heightsMm.anterior;
  const normal = shape.normalHeightsMm.anterior;
  const lossPercent = Math.round(100 * Math.max(0, 1 - front / normal));
  return lossPercent >= 5
    ? `Its front is about ${lossPercent}% shorter than it should be.`
    : 'Its height is close to normal.';
}
