import type { BufferGeometry } from 'three';
import type { VertebralHeightsMm } from '../../shared/procedure/types';
import { meshSdf } from './marchingCubes';
import { vertebraBounds, vertebraSdf, type VertebraDimensions } from './vertebraAnatomy';

/** Marching-cubes cell size: fine enough for 5 mm laminae, coarse enough for a few thousand triangles a vertebra. */
export const VERTEBRA_CELL_MM = 2.3;

const cache = new Map<string, BufferGeometry>();

/** The meshed vertebra, shared between scenes built for the same dimensions (meshing is the slow part). */
export function vertebraGeometry(d: VertebraDimensions): BufferGeometry {
  const key = JSON.stringify(d);
  let geometry = cache.get(key);
  if (!geometry) {
    geometry = meshSdf(vertebraSdf(d), vertebraBounds(d), VERTEBRA_CELL_MM);
    geometry.computeBoundingSphere();
    cache.set(key, geometry);
  }
  return geometry;
}

/**
 * Squashes a vertebra built at its normal height to the given anterior, middle and posterior heights.
 * Height varies linearly from the back wall to the front (the wedge), minus a central dip where the
 * middle height is lower than that line (the biconcave endplates). Vertical positions scale about the
 * body's centre, so the posterior elements follow the back wall.
 */
export function deformVertebra(rest: ArrayLike<number>, out: Float32Array, d: VertebraDimensions, heights: VertebralHeightsMm): void {
  const halfD = d.bodyDepth / 2;
  const linearMiddle = (heights.anterior + heights.posterior) / 2;
  const dip = linearMiddle - heights.middle;
  const halfW = d.bodyWidth / 2;
  for (let v = 0; v < rest.length; v += 3) {
    const x = rest[v], y = rest[v + 1], z = rest[v + 2];
    const u = Math.min(1, Math.max(-1, z / halfD));
    const linear = heights.posterior + ((heights.anterior - heights.posterior) * (u + 1)) / 2;
    // The dip is deepest at the centre and vanishes at the walls, where Ha and Hp are measured.
    const inside = Math.max(0, 1 - (x / halfW) ** 2 - (z / halfD) ** 2);
    const height = linear - dip * inside * inside;
    out[v] = x;
    out[v + 1] = (y * height) / d.bodyHeight;
    out[v + 2] = z;
  }
}
