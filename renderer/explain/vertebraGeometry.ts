import type { BufferGeometry } from 'three';
import type { SpineLevel } from '../../shared/procedure/types';
import { typicalBodyHeightMm } from '../../shared/procedure/spineLevels';
import { meshSdf } from './marchingCubes';
import { vertebraBounds, vertebraDimensions, vertebraSdf, type VertebraDimensions } from './vertebraAnatomy';

/** Marching-cubes cell size: fine enough for 5 mm laminae, coarse enough for a few thousand triangles a vertebra. */
export const VERTEBRA_CELL_MM = 2.3;

/** Meshed templates by level, each at its typical body height: meshing is the slow part of building the scene. */
const templates = new Map<SpineLevel, { geometry: BufferGeometry; dims: VertebraDimensions }>();

/**
 * Each level has its own posterior elements (vertebraMorphometry.ts), so each is meshed once, and a
 * patient's vertebra is that template stretched to its own body: rebuilding after a height is
 * edited meshes nothing.
 */
function templateFor(level: SpineLevel) {
  let template = templates.get(level);
  if (!template) {
    const dims = vertebraDimensions(level, typicalBodyHeightMm(level));
    template = { geometry: meshSdf(vertebraSdf(dims), vertebraBounds(dims), VERTEBRA_CELL_MM), dims };
    templates.set(level, template);
  }
  return template;
}

/** The vertebra at `level` with the dimensions `d`: its own copy, which the caller owns and disposes. */
export function vertebraGeometry(level: SpineLevel, d: VertebraDimensions): BufferGeometry {
  const { geometry, dims } = templateFor(level);
  const sized = geometry.clone().scale(d.bodyWidth / dims.bodyWidth, d.bodyHeight / dims.bodyHeight, d.bodyDepth / dims.bodyDepth);
  sized.computeBoundingSphere();
  return sized;
}
