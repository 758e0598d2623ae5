import { BufferAttribute, type BufferGeometry } from 'three';
import type { SpineLevel } from '../../shared/procedure/types';
import { typicalBodyHeightMm } from '../../shared/procedure/spineLevels';
import { meshSdf } from './marchingCubes';
import { sdfOcclusion } from './sdf';
import { BONE_CREASE_ATTRIBUTE } from './materials';
import { vertebraBounds, vertebraDimensions, vertebraSdf, type VertebraDimensions } from './vertebraAnatomy';

/** Marching-cubes cell size: fine enough for 5 mm laminae, coarse enough for a few thousand triangles a vertebra. */
export const VERTEBRA_CELL_MM = 2.3;

/**
 * The levels around the broken one are meshed coarser. Under software WebGL about half of a frame
 * goes to the bones' triangles (about 5 ms a vertebra at 1280×720), and these levels are context,
 * at the edges of the close-ups: (2.3 / 2.8)² leaves them two thirds of their triangles.
 */
export const CONTEXT_CELL_MM = 2.8;

/** Steps of the baked occlusion: creases about a pedicle's width deep darken. */
const OCCLUSION_STEP_MM = 1.5;

/** Meshed templates by level and cell, each at its typical body height: meshing is the slow part of building the scene. */
const templates = new Map<string, { geometry: BufferGeometry; dims: VertebraDimensions }>();

/**
 * Each level has its own posterior elements (vertebraMorphometry.ts), so each is meshed once, and a
 * patient's vertebra is that template stretched to its own body: rebuilding after a height is
 * edited meshes nothing.
 */
function templateFor(level: SpineLevel, cellMm: number) {
  const key = `${level}|${cellMm}`;
  let template = templates.get(key);
  if (!template) {
    const dims = vertebraDimensions(level, typicalBodyHeightMm(level));
    const sdf = vertebraSdf(dims);
    const geometry = meshSdf(sdf, vertebraBounds(dims), cellMm);
    const occlusion = sdfOcclusion(sdf, geometry.getAttribute('position').array, geometry.getAttribute('normal').array, OCCLUSION_STEP_MM);
    geometry.setAttribute(BONE_CREASE_ATTRIBUTE, new BufferAttribute(occlusion, 1));
    template = { geometry, dims };
    templates.set(key, template);
  }
  return template;
}

/** The vertebra at `level` with the dimensions `d`, meshed with cells of `cellMm`: its own copy, which the caller owns and disposes. */
export function vertebraGeometry(level: SpineLevel, d: VertebraDimensions, cellMm = VERTEBRA_CELL_MM): BufferGeometry {
  const { geometry, dims } = templateFor(level, cellMm);
  const sized = geometry.clone().scale(d.bodyWidth / dims.bodyWidth, d.bodyHeight / dims.bodyHeight, d.bodyDepth / dims.bodyDepth);
  sized.computeBoundingSphere();
  return sized;
}
