// @vitest-environment happy-dom
import cornerstone from 'cornerstone-core';
import { describe, expect, it } from 'vitest';
import { translationPlacing, type CanvasPointWith, type Point } from '../../../renderer/viewer/pan-zoom';

// A sagittal reformat of 3 mm slices on 1.07 mm pixels, as cornerstone-core sees it.
const image = { columns: 256, rows: 60, width: 256, height: 60, columnPixelSpacing: 1.07, rowPixelSpacing: 3 };
const canvas = { width: 800, height: 600 };

/** cornerstone-core's own image → canvas transform, for a plain enabled element. */
function placing(viewport: { scale: number; rotation: number; hflip: boolean; vflip: boolean }, imagePoint: Point): CanvasPointWith {
  return (translation) =>
    cornerstone.internal.calculateTransform({ canvas, image, viewport: { ...viewport, translation } }).transformPoint(imagePoint.x, imagePoint.y) as Point;
}

describe('translationPlacing', () => {
  const landmark = { x: 100.5, y: 20.5 };
  const target = { x: 431, y: 257 };
  for (const rotation of [0, 90, 180, 270]) {
    for (const [hflip, vflip] of [[false, false], [true, false], [false, true]]) {
      it(`puts the image point on the target on non-square pixels, rotated ${rotation}°${hflip ? ', flipped left-right' : ''}${vflip ? ', flipped up-down' : ''}`, () => {
        const at = placing({ scale: 2.3, rotation, hflip, vflip }, landmark);
        const landed = at(translationPlacing(at, target));
        expect(landed.x).toBeCloseTo(target.x, 9);
        expect(landed.y).toBeCloseTo(target.y, 9);
      });
    }
  }

  it('differs from the screen step divided by the zoom, which moved the image 2.8 times too far vertically', () => {
    const at = placing({ scale: 2.3, rotation: 0, hflip: false, vflip: false }, landmark);
    const from = at({ x: 0, y: 0 });
    const naive = at({ x: 0, y: 30 / 2.3 });
    expect((naive.y - from.y) / 30).toBeCloseTo(3 / 1.07, 9);
    const exact = at(translationPlacing(at, { x: from.x, y: from.y + 30 }));
    expect(exact.y - from.y).toBeCloseTo(30, 9);
  });
});
