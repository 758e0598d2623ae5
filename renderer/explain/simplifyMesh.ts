import { MeshoptSimplifier } from 'meshoptimizer';

// Its WebAssembly compiles once, before any mesh of the explainer is built (here and in the own-CT worker).
await MeshoptSimplifier.ready;

/**
 * Share of their triangles the neighbouring vertebrae keep. Under software WebGL a close-up's frame goes
 * mostly to the bones' triangles (about 0.8 µs each, measured at a twentieth of the pixels), and the
 * neighbours are context: at 40 % they keep their outline within 0.5 mm (tests/unit/explain/scene.test.ts).
 */
export const CONTEXT_TRIANGLE_SHARE = 0.4;
/** The most a simplified surface may move, as a share of the mesh's size (meshoptimizer's relative error). */
const MOST_SURFACE_ERROR = 0.01;

/**
 * Fewer triangles over the same vertices, by meshoptimizer's edge collapse (Garland & Heckbert 1997):
 * flat stretches lose triangles, thin processes keep theirs, where a coarser marching-cubes grid would
 * round them off. Vertices left unreferenced stay, so normals and other attributes carry over as they are.
 */
export function simplifiedIndices(indices: Uint32Array, positions: Float32Array, share = CONTEXT_TRIANGLE_SHARE): Uint32Array {
  const target = Math.floor((indices.length * share) / 3) * 3;
  return MeshoptSimplifier.simplify(indices, positions, 3, target, MOST_SURFACE_ERROR)[0];
}
