import { describe, expect, it } from 'vitest';
import { median } from '../../shared/statistics';

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle values of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('sorts numerically, leaves its input alone, and is NaN for no values', () => {
    const values = [10, 9, 100];
    expect(median(values)).toBe(10);
    expect(values).toEqual([10, 9, 100]);
    expect(median([])).toBeNaN();
  });
});
