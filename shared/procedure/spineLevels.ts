import { isVertebralLevel, VERTEBRAL_LEVELS } from '../measure/levels';
import type { SpineLevel } from './types';

/** Top to bottom: the same levels the measurement engine knows. */
export const SPINE_LEVELS: readonly SpineLevel[] = VERTEBRAL_LEVELS;
export const isSpineLevel = isVertebralLevel;

/**
 * The levels drawn around a fracture, top to bottom: two above and two below where the spine has
 * them; near the ends of the drawable range the missing levels are taken from the other side so
 * that five vertebrae are always shown.
 */
export function levelsAround(fractured: SpineLevel, each = 2): SpineLevel[] {
  const index = SPINE_LEVELS.indexOf(fractured);
  const count = 2 * each + 1;
  const first = Math.min(Math.max(index - each, 0), SPINE_LEVELS.length - count);
  return SPINE_LEVELS.slice(first, first + count);
}

/**
 * Typical posterior body height by level, used only to size the drawn neighbours relative to the
 * patient's own vertebra (bodies grow taller going down the spine); never shown as a measurement.
 */
export function typicalBodyHeightMm(level: SpineLevel): number {
  const index = SPINE_LEVELS.indexOf(level);
  const thoracic = index < 12;
  return thoracic ? 16 + index * 0.9 : 27 + (index - 12) * 0.6;
}
