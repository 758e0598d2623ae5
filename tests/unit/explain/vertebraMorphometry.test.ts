import { describe, expect, it } from 'vitest';
import { DoubleSide, Mesh, MeshBasicMaterial, Raycaster, Vector3 } from 'three';
import { vertebraGeometry } from '../../../renderer/explain/vertebraGeometry';
import { spinousAxis, vertebraDimensions, vertebraLandmarks } from '../../../renderer/explain/vertebraAnatomy';
import { levelMorphometry } from '../../../renderer/explain/vertebraMorphometry';
import { typicalBodyHeightMm } from '../../../shared/procedure/spineLevels';
import type { SpineLevel } from '../../../shared/procedure/types';

/** Less than one marching-cubes cell (2.3 mm): the mesh can only be as exact as its grid. */
const TOLERANCE_MM = 1.5;

/** Dimensions read off the drawn mesh the way an anatomist reads them off a dry vertebra. */
function measuredOnMesh(level: SpineLevel) {
  const d = vertebraDimensions(level, typicalBodyHeightMm(level));
  const mesh = new Mesh(vertebraGeometry(level, d), new MeshBasicMaterial({ side: DoubleSide }));
  const hits = (from: Vector3, direction: Vector3) => new Raycaster(from, direction).intersectObject(mesh).map((h) => h.distance);
  const [, py, pz] = vertebraLandmarks(d).pedicle;
  // Across the canal at the pedicles' isthmus: canal, then the left pedicle's medial and lateral walls.
  const [medial, lateral] = hits(new Vector3(0, py, pz), new Vector3(1, 0, 0));
  // Back from the canal's centre in the midline: the canal's posterior margin is the lamina's front.
  const { root } = spinousAxis(d);
  const canalCentre = new Vector3(0, root[1], -d.bodyDepth / 2 - d.canalDepth / 2);
  const margin = canalCentre.clone().add(new Vector3(0, 0, -hits(canalCentre, new Vector3(0, 0, -1))[0]));
  // Along the process, as a calliper laid from its root to its tip.
  const { tip } = spinousAxis(d);
  const along = new Vector3(...tip).sub(new Vector3(...root)).normalize();
  const p = mesh.geometry.getAttribute('position');
  let spinous = 0, minX = Infinity, maxX = -Infinity;
  for (let v = 0; v < p.count; v++) {
    const point = new Vector3().fromBufferAttribute(p, v);
    minX = Math.min(minX, point.x);
    maxX = Math.max(maxX, point.x);
    if (Math.abs(point.x) < 3 && point.z < margin.z) spinous = Math.max(spinous, point.sub(margin).dot(along));
  }
  return { interpedicular: 2 * medial, pedicleWidth: lateral - medial, spinousLength: spinous, transverseWidth: maxX - minX, tip };
}

describe.each(['T8', 'L3'] as const)('the drawn %s vertebra has its level\'s published proportions', (level) => {
  const table = levelMorphometry(level);
  const mesh = measuredOnMesh(level);

  it('interpedicular width and pedicle width', () => {
    expect(Math.abs(mesh.interpedicular - table.canalWidth)).toBeLessThan(TOLERANCE_MM);
    expect(Math.abs(mesh.pedicleWidth - table.pedicleWidth)).toBeLessThan(TOLERANCE_MM);
  });

  it('spinous process length and transverse process span', () => {
    expect(Math.abs(mesh.spinousLength - table.spinousLength)).toBeLessThan(TOLERANCE_MM);
    expect(Math.abs(mesh.transverseWidth - table.transverseWidth)).toBeLessThan(TOLERANCE_MM);
  });
});

describe('regional form', () => {
  it('thoracic spinous processes slope down over the level below, lumbar ones run level', () => {
    const thoracic = measuredOnMesh('T8'), lumbar = measuredOnMesh('L3');
    expect(-thoracic.tip[1]).toBeGreaterThan(typicalBodyHeightMm('T8'));
    expect(Math.abs(lumbar.tip[1] - spinousAxis(vertebraDimensions('L3', typicalBodyHeightMm('L3'))).root[1])).toBeLessThan(3);
  });

  it('thoracic facets face back (near-coronal), lumbar ones face each other (near-sagittal)', () => {
    expect(levelMorphometry('T6').facetAngleDeg).toBeGreaterThan(60);
    expect(levelMorphometry('L3').facetAngleDeg).toBeLessThan(45);
  });
});
