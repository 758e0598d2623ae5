import { BufferAttribute, type BufferGeometry } from 'three';
import { MeshoptSimplifier } from 'meshoptimizer';
import type { SpineLevel } from '../../shared/procedure/types';
import { typicalBodyHeightMm } from '../../shared/procedure/spineLevels';
import { meshSdf } from './marchingCubes';
import { sdfOcclusion } from './sdf';
import { BONE_CREASE_ATTRIBUTE } from './materials';
import { vertebraBounds, vertebraDimensions, vertebraSdf, type VertebraDimensions } from './vertebraAnatomy';

/** Marching-cubes cell size: fine enough for 5 mm laminae, coarse enough for a few thousand triangles a vertebra. */
export const VERTEBRA_CELL_MM = 2.3;

/**
 * The levels around the broken one are meshed as finely, then simplified (meshoptimizer's edge
 * collapse, Garland & Heckbert 1997) to CONTEXT_TRIANGLE_SHARE of their triangles: under software
 * WebGL a close-up's frame goes mostly to the bones' triangles (about 0.8 µs each, measured at a
 * twentieth of the pixels), and these four levels held 14 k of its 23 k. Collapsing flat stretches
 * keeps their outline and processes, where a coarser marching-cubes grid rounds them off.
 */
export const CONTEXT_TRIANGLE_SHARE = 0.4;
/** The most a simplified surface may move, as a share of the mesh's size (meshoptimizer's relative error). */
const CONTEXT_SIMPLIFY_ERROR = 0.01;

await MeshoptSimplifier.ready;

/** Steps of the baked occlusion: creases about a pedicle's width deep darken. */
const OCCLUSION_STEP_MM = 1.5;

/** Meshed templates by level and cell, each at its typical body height: meshing is the slow part of building the scene. */
const templates = new Map<string, { geometry: BufferGeometry; dims: VertebraDimensions }>();

/**
 * Each level has its own posterior elements (vertebraMorphometry.ts), so each is meshed once, and a
 * patient's vertebra is that template stretched to its own body: rebuilding after a height is
 * edited meshes nothing.
 */
function templateFor(level: SpineLevel, detail: 'full' | 'context') {
  const key = `${level}|${detail}`;
  let template = templates.get(key);
  if (!template) {
    const dims = vertebraDimensions(level, typicalBodyHeightMm(level));
    const sdf = vertebraSdf(dims);
    const geometry = meshSdf(sdf, vertebraBounds(dims), VERTEBRA_CELL_MM);
    if (detail === 'context') simplify(geometry, CONTEXT_TRIANGLE_SHARE);
    const occlusion = sdfOcclusion(sdf, geometry.getAttribute('position').array, geometry.getAttribute('normal').array, OCCLUSION_STEP_MM);
    geometry.setAttribute(BONE_CREASE_ATTRIBUTE, new BufferAttribute(occlusion, 1));
    template = { geometry, dims };
    templates.set(key, template);
  }
  return template;
}

/** The vertebra at `level` with the dimensions `d`, meshed with cells of `cellMm`: its own copy, which the caller owns and disposes. */
export function vertebraGeometry(level: SpineLevel, d: VertebraDimensions, detail: 'full' | 'context' = 'full'): BufferGeometry {
  const { geometry, dims } = templateFor(level, detail);
  const sized = geometry.clone().scale(d.bodyWidth / dims.bodyWidth, d.bodyHeight / dims.bodyHeight, d.bodyDepth / dims.bodyDepth);
  sized.computeBoundingSphere();
  return sized;
}

/** Fewer triangles over the same vertices (unused ones stay, unreferenced): normals and creases carry over as they are. */
function simplify(geometry: BufferGeometry, share: number): void {
  const index = geometry.getIndex()!;
  const indices = new Uint32Array(index.array);
  const positions = geometry.getAttribute('position').array as Float32Array;
  const target = Math.floor((indices.length * share) / 3) * 3;
  const [kept] = MeshoptSimplifier.simplify(indices, positions, 3, target, CONTEXT_SIMPLIFY_ERROR);
  geometry.setIndex(new BufferAttribute(kept, 1));
}
