import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_MS, createBatcher } from '../../../renderer/app/batcher';

describe('createBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers the first item at once, then groups the rest every BATCH_MS, and flush delivers what waits', () => {
    const deliveries: number[][] = [];
    const batcher = createBatcher<number>((items) => deliveries.push(items));
    batcher.add(1);
    expect(deliveries).toEqual([[1]]);
    batcher.add(2);
    batcher.add(3);
    expect(deliveries).toHaveLength(1);
    vi.advanceTimersByTime(BATCH_MS - 1);
    expect(deliveries).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(deliveries).toEqual([[1], [2, 3]]);
    batcher.add(4);
    batcher.flush();
    expect(deliveries).toEqual([[1], [2, 3], [4]]);
    vi.advanceTimersByTime(BATCH_MS * 3);
    batcher.flush();
    expect(deliveries).toHaveLength(3);
  });
});
