import { describe, expect, it } from 'vitest';
import { Matrix4, Vector3 } from 'three';
import { meshSdf } from '../../../renderer/explain/marchingCubes';
import { columnLevels, layoutColumn, sagittalAngleDeg } from '../../../renderer/explain/spineColumn';
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

describe('the spinal column', () => {
  const levels = columnLevels(REFERENCE_CASE_SHAPE);
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
