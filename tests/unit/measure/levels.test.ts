import { describe, expect, it } from 'vitest';
import { VERTEBRAL_LEVELS, isVertebralLevel, levelAbove, levelBelow, levelIndex } from '../../../shared/measure/levels';

describe('vertebral levels', () => {
  it('lists the 12 thoracic and 5 lumbar levels head to tail', () => {
    expect(VERTEBRAL_LEVELS).toHaveLength(17);
    expect(VERTEBRAL_LEVELS[0]).toBe('T1');
    expect(VERTEBRAL_LEVELS[11]).toBe('T12');
    expect(VERTEBRAL_LEVELS[12]).toBe('L1');
    expect(VERTEBRAL_LEVELS[16]).toBe('L5');
    // numeric, not string order: T10 follows T9
    expect(levelIndex('T10')).toBe(levelIndex('T9') + 1);
  });

  it('finds neighbours across the thoracolumbar junction', () => {
    expect(levelAbove('L1')).toBe('T12');
    expect(levelBelow('T12')).toBe('L1');
    expect(levelAbove('T5')).toBe('T4');
    expect(levelBelow('L4')).toBe('L5');
  });

  it('has no neighbour beyond the ends', () => {
    expect(levelAbove('T1')).toBeUndefined();
    expect(levelBelow('L5')).toBeUndefined();
  });

  it('recognises level names from outside (files, IPC)', () => {
    expect(isVertebralLevel('T12')).toBe(true);
    expect(isVertebralLevel('L6')).toBe(false);
    expect(isVertebralLevel('t12')).toBe(false);
  });
});
