import { describe, expect, it } from 'vitest';
import { Matrix4, Vector3 } from 'three';
import { meshSdf } from '../../../renderer/explain/marchingCubes';
import { columnLevels, L5_S1_DISC_DEG, layoutColumn, naturalDiscAngleDeg, sagittalAngleDeg } from '../../../renderer/explain/spineColumn';
import { vertebraDimensions } from '../../../renderer/explain/vertebraAnatomy';
import { SPINE_LEVELS, typicalBodyHeightMm } from '../../../shared/procedure/spineLevels';
import type { SpineLevel } from '../../../shared/procedure/types';
import { discsGeometry, placeDiscs } from '../../../renderer/explain/discGeometry';
import { REFERENCE_CASE_SHAPE } from '../../../shared/procedure/patientShape';

describe('marching cubes', () => {
  it('meshes a sphere closed, wound outwards, with outward normals', () => {
    const g = meshSdf((x, y, z) => Math.hypot(x, y, z) - 10, { min: [-12, -12, -12], max: [12, 12, 12] }, 1.5);
    const p = g.getAttribute('position'), n = g.getAttribute('normal'), index = g.getIndex()!;
    for (let t = 0; t < index.count; t += 3) {
      const [a, b, c] = [0, 1, 2].map((k) => new Vector3().fromBufferAttribute(p, index.getX(t + k)));
      const face = b.clone().sub(a).cross(c.clone().sub(a));
      expect(face.dot(a)).toBeGreaterThan(0);
    }
    for (let v = 0; v < p.count; v++) {
      const position = new Vector3().fromBufferAttribute(p, v);
      expect(position.length()).toBeCloseTo(10, 0);
      expect(new Vector3().fromBufferAttribute(n, v).dot(position.normalize())).toBeGreaterThan(0.95);
    }
  });
});

const levels = columnLevels(REFERENCE_CASE_SHAPE);

describe('the spinal column', () => {
  const f = levels.findIndex((l) => l.fractured);
  const endplateAngle = (kyphosis: number, heights = REFERENCE_CASE_SHAPE.heightsMm) => {
    const layout = layoutColumn(levels, heights, kyphosis);
    const superiorAbove = layout.vertebrae[f - 1].clone().multiply(new Matrix4().makeTranslation(0, levels[f - 1].dims.bodyHeight / 2, 0));
    const inferiorBelow = layout.vertebrae[f + 1].clone().multiply(new Matrix4().makeTranslation(0, -levels[f + 1].dims.bodyHeight / 2, 0));
    return sagittalAngleDeg(inferiorBelow, superiorAbove);
  };

  it('shows the measured local kyphosis between the endplates above and below', () => {
    expect(endplateAngle(26)).toBeCloseTo(26, 5);
    expect(endplateAngle(12)).toBeCloseTo(12, 5);
    expect(endplateAngle(21, { anterior: 23.7, middle: 26, posterior: 30.8 })).toBeCloseTo(21, 5);
  });

  it('keeps the fractured vertebra at the origin', () => {
    expect(layoutColumn(levels, REFERENCE_CASE_SHAPE.heightsMm, 26).vertebrae[f].equals(new Matrix4())).toBe(true);
  });

  it('bulges discs outwards', () => {
    const layout = layoutColumn(levels, REFERENCE_CASE_SHAPE.heightsMm, 26);
    const g = discsGeometry(layout.discs.length);
    placeDiscs(g, layout.discs);
    const p = g.getAttribute('position'), n = g.getAttribute('normal');
    const centre = new Vector3().setFromMatrixPosition(layout.discs[0].lower).lerp(new Vector3().setFromMatrixPosition(layout.discs[0].upper), 0.5);
    const side = new Vector3().fromBufferAttribute(p, 36 * 3);
    expect(new Vector3().fromBufferAttribute(n, 36 * 3).dot(side.sub(centre))).toBeGreaterThan(0);
  });
});

describe('the natural curve of the column', () => {
  /** A healthy column from `first` to `last`: the middle vertebra unbroken, its two discs at their natural angles. */
  const healthyCobb = (first: SpineLevel, last: SpineLevel) => {
    const span = SPINE_LEVELS.slice(SPINE_LEVELS.indexOf(first), SPINE_LEVELS.indexOf(last) + 1);
    const middle = Math.floor(span.length / 2);
    const levels = span.map((level, i) => ({ level, fractured: i === middle, dims: vertebraDimensions(level, typicalBodyHeightMm(level)) }));
    const h = typicalBodyHeightMm(span[middle]);
    const local = naturalDiscAngleDeg(span[middle]) + naturalDiscAngleDeg(span[middle + 1]);
    const layout = layoutColumn(levels, { anterior: h, middle: h, posterior: h }, local);
    const superior = layout.vertebrae[0].clone().multiply(new Matrix4().makeTranslation(0, levels[0].dims.bodyHeight / 2, 0));
    const inferior = layout.vertebrae.at(-1)!.clone().multiply(new Matrix4().makeTranslation(0, -levels.at(-1)!.dims.bodyHeight / 2, 0));
    return sagittalAngleDeg(inferior, superior);
  };

  it('has a thoracic kyphosis of about 40° from T4 to T12 (Fon 1980: 41 ± 12°)', () => {
    expect(healthyCobb('T4', 'T12')).toBeCloseTo(40, 5);
  });

  it('has a lumbar lordosis of about 50° from L1 to S1, the L5–S1 disc adding its share below the drawn levels', () => {
    expect(-(healthyCobb('L1', 'L5') + L5_S1_DISC_DEG)).toBeCloseTo(50, 5);
  });

  it('adds the fracture\'s wedge on top of the natural curve of the levels shown', () => {
    const layout = layoutColumn(levels, REFERENCE_CASE_SHAPE.heightsMm, 26);
    const top = layout.vertebrae[0].clone().multiply(new Matrix4().makeTranslation(0, levels[0].dims.bodyHeight / 2, 0));
    const bottom = layout.vertebrae.at(-1)!.clone().multiply(new Matrix4().makeTranslation(0, -levels.at(-1)!.dims.bodyHeight / 2, 0));
    // T11–L3: the discs outside the fractured segment keep their natural angles, the segment shows its measured kyphosis.
    const outside = naturalDiscAngleDeg('T12') + naturalDiscAngleDeg('L3');
    expect(sagittalAngleDeg(bottom, top)).toBeCloseTo(outside + 26, 5);
  });
});
