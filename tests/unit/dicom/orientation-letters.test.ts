import { describe, expect, it } from 'vitest';
import { orientationLetters } from '../../../shared/dicom/orientation';

describe('orientationLetters (PS3.3 C.7.6.1.1.1): right edge = row direction, bottom edge = column direction', () => {
  it('head-first supine axial (IOP 1\\0\\0\\0\\1\\0): R on the left, L on the right, A at the top, P at the bottom', () => {
    expect(orientationLetters([1, 0, 0, 0, 1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });

  it('feet-first prone axial (IOP -1\\0\\0\\0\\-1\\0): L on the left, R on the right, P at the top, A at the bottom', () => {
    // Row direction (−1, 0, 0) points to −x, the patient's Right, so the right edge reads R; the column
    // direction (0, −1, 0) points to −y, Anterior, so the bottom edge reads A. The opposite edges take L and P.
    expect(orientationLetters([-1, 0, 0, 0, -1, 0])).toEqual({ left: 'L', right: 'R', top: 'P', bottom: 'A' });
  });

  it('sagittal and coronal reformat directions', () => {
    expect(orientationLetters([0, 1, 0], [0, 0, -1])).toEqual({ left: 'A', right: 'P', top: 'H', bottom: 'F' });
    expect(orientationLetters([1, 0, 0], [0, 0, -1])).toEqual({ left: 'R', right: 'L', top: 'H', bottom: 'F' });
  });

  it('gives oblique directions a secondary letter, the dominant one first', () => {
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    expect(orientationLetters([c, s, 0], [-s, c, 0])).toEqual({ left: 'RA', right: 'LP', top: 'AL', bottom: 'PR' });
  });
});
