import { describe, expect, it } from 'vitest';
import { anatomicalDirections } from '../../../shared/measure/anatomical-directions';

describe('anatomical directions on an image', () => {
  it('reads a sagittal image (rows posterior, columns inferior): front left, head up', () => {
    const d = anatomicalDirections({ imageOrientationPatient: [0, 1, 0, 0, 0, -1] });
    expect(d).toEqual({ anterior: { x: -1, y: -0 }, superior: { x: 0, y: -1 }, source: 'header' });
  });

  it('follows a sagittal image flipped to face right', () => {
    const d = anatomicalDirections({ imageOrientationPatient: [0, -1, 0, 0, 0, -1] });
    expect(d.anterior).toEqual({ x: 1, y: -0 });
  });

  it('reads a lateral radiograph from Patient Orientation P\\F', () => {
    expect(anatomicalDirections({ patientOrientation: ['P', 'F'] })).toEqual({ anterior: { x: -1, y: -0 }, superior: { x: -0, y: -1 }, source: 'header' });
    expect(anatomicalDirections({ patientOrientation: ['A', 'F'] }).anterior).toEqual({ x: 1, y: 0 });
  });

  it('says when it had to assume, e.g. on an axial image or a bare file', () => {
    expect(anatomicalDirections({ imageOrientationPatient: [1, 0, 0, 0, 1, 0] }).source).toBe('assumed');
    expect(anatomicalDirections({}).source).toBe('assumed');
  });
});
