/** Vertebral levels in anatomical order and their neighbours (the usual 12 thoracic, 5 lumbar). */
import type { VertebralLevel } from './types';

/** Head to tail. */
export const VERTEBRAL_LEVELS = [
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5',
] as const satisfies readonly VertebralLevel[];

export function levelIndex(level: VertebralLevel): number {
  return VERTEBRAL_LEVELS.indexOf(level);
}

/** The next level towards the head, or undefined above T1. */
export function levelAbove(level: VertebralLevel): VertebralLevel | undefined {
  return VERTEBRAL_LEVELS[levelIndex(level) - 1];
}

/** The next level towards the tail, or undefined below L5. */
export function levelBelow(level: VertebralLevel): VertebralLevel | undefined {
  return VERTEBRAL_LEVELS[levelIndex(level) + 1];
}

export function isVertebralLevel(value: string): value is VertebralLevel {
  return (VERTEBRAL_LEVELS as readonly string[]).includes(value);
}
