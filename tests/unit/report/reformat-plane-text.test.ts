import { describe, expect, it } from 'vitest';
import type { ReformatPlane } from '../../../shared/model/types';
import { reformatPlaneFromText, reformatPlaneText } from '../../../shared/report/reformat-plane-text';

const OBLIQUE: ReformatPlane = {
  kind: 'reformat',
  seriesInstanceUid: '1.2.826.0.1.3680043.8.498.12',
  orientation: 'coronal',
  origin: { x: -249.51171875, y: -1.2246467991473532e-16, z: 1234.5 },
  rowDirection: { x: 0.9998476951563913, y: 0, z: 0.01745240643728351 },
  columnDirection: { x: 0.01745240643728351, y: 0, z: -0.9998476951563913 },
  rowSpacingMm: 0.625,
  columnSpacingMm: 0.48828125,
};

describe('reformat plane as SR text', () => {
  it('reads back exactly what it wrote, exponents and negative zero-ish values included', () => {
    expect(reformatPlaneFromText(reformatPlaneText(OBLIQUE))).toEqual(OBLIQUE);
  });

  it('refuses text in another shape', () => {
    expect(reformatPlaneFromText('sagittal')).toBeUndefined();
    expect(reformatPlaneFromText(reformatPlaneText(OBLIQUE).replace('coronal', 'oblique'))).toBeUndefined();
    expect(reformatPlaneFromText(reformatPlaneText(OBLIQUE).replace('0.625', 'NaN'))).toBeUndefined();
  });
});
