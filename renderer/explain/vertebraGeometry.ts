import { BufferAttribute, type BufferGeometry } from 'three';
import type { SpineLevel } from '../../shared/procedure/types';
import { typicalBodyHeightMm } from '../../shared/procedure/spineLevels';
import { meshSdf } from './marchingCubes';
import { simplifiedIndices } from './simplifyMesh';
import { sdfOcclusion } from './sdf';
import { BONE_CREASE_ATTRIBUTE } from './materials';
import { vertebraBounds, vertebraDimensions, vertebraSdf, type VertebraDimensions } from './vertebraAnatomy';

/** Marching-cubes cell size: fine enough for 5 mm laminae, coarse enough for a few thousand triangles a vertebra. */
export const VERTEBRA_CELL_MM = 2.3;

/** The levels around the broken one: meshed as finely, then simplified (simplifyMesh.ts). */
export type VertebraDetail = 'full' | 'context';

/** Steps of the baked occlusion: creases about a pedicle's width deep darken. */
const OCCLUSION_STEP_MM = 1.5;

/** Meshed templates by level and detail, each at its typical body height: meshing is the slow part of building the scene. */
const templates = new Map<string, { geometry: BufferGeometry; dims: VertebraDimensions }>();

/**
 * Each level has its own posterior elements (vertebraMorphometry.ts), so each is meshed once, and a
 * patient's vertebra is that template stretched to its own body: rebuilding after a height is
 * edited meshes nothing.
 */
function templateFor(level: SpineLevel, detail: VertebraDetail) {
  const key = `${level}|${detail}`;
  let template = templates.get(key);
  if (!template) {
    const dims = vertebraDimensions(level, typicalBodyHeightMm(level));
    const sdf = vertebraSdf(dims);
    const geometry = meshSdf(sdf, vertebraBounds(dims), VERTEBRA_CELL_MM);
    if (detail === 'context') {
      const index = geometry.getIndex()!;
      geometry.setIndex(new BufferAttribute(simplifiedIndices(new Uint32Array(index.array), geometry.getAttribute('position').array as Float32Array), 1));
    }
    const occlusion = sdfOcclusion(sdf, geometry.getAttribute('position').array, geometry.getAttribute('normal').array, OCCLUSION_STEP_MM);
    geometry.setAttribute(BONE_CREASE_ATTRIBUTE, new BufferAttribute(occlusion, 1));
    template = { geometry, dims };
    templates.set(key, template);
  }
  return template;
}

/** The vertebra at `level` with the dimensions `d`, in full or as context: its own copy, which the caller owns and disposes. */
export function vertebraGeometry(level: SpineLevel, d: VertebraDimensions, detail: VertebraDetail = 'full'): BufferGeometry {
  const { geometry, dims } = templateFor(level, detail);
  const sized = geometry.clone().scale(d.bodyWidth / dims.bodyWidth, d.bodyHeight / dims.bodyHeight, d.bodyDepth / dims.bodyDepth);
  sized.computeBoundingSphere();
  return sized;
}
