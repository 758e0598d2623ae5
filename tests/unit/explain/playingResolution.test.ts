import { describe, expect, it } from 'vitest';
import { afterFrame, FRAMES_PER_DECISION, initialPlayingResolution, MAX_SCALE, MIN_SCALE, START_SCALE, type PlayingResolution } from '../../../renderer/explain/playingResolution';

const frames = (state: PlayingResolution, intervalMs: number, n: number) => Array.from({ length: n }).reduce<PlayingResolution>((s) => afterFrame(s, intervalMs), state);

describe('playing resolution', () => {
  it('keeps its share while frames come 30 to 45 a second', () => {
    expect(frames(initialPlayingResolution, 28, 10 * FRAMES_PER_DECISION).scale).toBe(START_SCALE);
  });

  it('draws fewer pixels when frames come late, never below the least share', () => {
    const once = frames(initialPlayingResolution, 50, FRAMES_PER_DECISION);
    expect(once.scale).toBeLessThan(START_SCALE);
    expect(frames(initialPlayingResolution, 80, 20 * FRAMES_PER_DECISION).scale).toBe(MIN_SCALE);
  });

  it('draws more again when there is room, up to the most share', () => {
    const slow = frames(initialPlayingResolution, 80, 5 * FRAMES_PER_DECISION);
    expect(frames(slow, 16.7, FRAMES_PER_DECISION).scale).toBeGreaterThan(slow.scale);
    expect(frames(slow, 16.7, 20 * FRAMES_PER_DECISION).scale).toBe(MAX_SCALE);
  });

  it('does not decide on fewer frames than it averages, and ignores pauses', () => {
    expect(frames(initialPlayingResolution, 80, FRAMES_PER_DECISION - 1).scale).toBe(START_SCALE);
    expect(frames(initialPlayingResolution, 5000, 5 * FRAMES_PER_DECISION)).toEqual(initialPlayingResolution);
  });
});
