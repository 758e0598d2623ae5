import type { SixPoints } from './types';

/**
 * The six morphometry points in the order a reader places them: the superior endplate front to back,
 * then the inferior endplate front to back (DOMAIN.md §1). Forms, files and tools all use this order.
 */
export const SIX_POINT_NAMES: readonly (keyof SixPoints)[] = [
  'anteriorSuperior',
  'middleSuperior',
  'posteriorSuperior',
  'anteriorInferior',
  'middleInferior',
  'posteriorInferior',
];

/** The six points from a list in SIX_POINT_NAMES order. */
export function sixPointsFromList<T>(points: readonly T[]): Record<keyof SixPoints, T> {
  return Object.fromEntries(SIX_POINT_NAMES.map((name, i) => [name, points[i]])) as Record<keyof SixPoints, T>;
}
