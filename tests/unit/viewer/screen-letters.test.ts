import { describe, expect, it } from 'vitest';
import { screenLetters } from '../../../renderer/viewer/screen-letters';

const axial = { left: 'R', right: 'L', top: 'A', bottom: 'P' };

describe('orientation letters on screen', () => {
  it('are the image letters when nothing is rotated', () => {
    expect(screenLetters(axial, { x: 1, y: 0 }, { x: 0, y: 1 })).toEqual(axial);
  });
  it('turn with a 90° clockwise rotation: anterior moves to the right edge', () => {
    // Rotating clockwise maps image +x to screen down and image +y to screen left.
    expect(screenLetters(axial, { x: 0, y: 1 }, { x: -1, y: 0 })).toEqual({ top: 'R', right: 'A', bottom: 'L', left: 'P' });
  });
  it('swap left and right with a horizontal flip', () => {
    expect(screenLetters(axial, { x: -1, y: 0 }, { x: 0, y: 1 })).toEqual({ ...axial, left: 'L', right: 'R' });
  });
});
