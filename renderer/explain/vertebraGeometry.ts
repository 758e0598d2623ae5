import type { BufferGeometry } from 'three';
import type { SpineLevel, VertebralHeightsMm } from '../../shared/procedure/types';
import { SPINE_LEVELS } from '../../shared/procedure/spineLevels';
import { meshSdf } from './marchingCubes';
import { lumbarForm, vertebraBounds, vertebraDimensions, vertebraSdf, type VertebraDimensions } from './vertebraAnatomy';

/** Marching-cubes cell size: fine enough for 5 mm laminae, coarse enough for a few thousand triangles a vertebra. */
export const VERTEBRA_CELL_MM = 2.3;

/** Templates are meshed at this body height and stretched to each vertebra's own size. */
const TEMPLATE_HEIGHT_MM = 28;

/** Meshed templates by anatomical form: meshing is the slow part of building the scene. */
const templates = new Map<number, { geometry: BufferGeometry; dims: VertebraDimensions }>();

/**
 * Vertebrae of the same form (thoracic, the two transitional levels, lumbar) differ only in size,
 * so one meshed template per form serves every level and every patient height: building a scene
 * meshes at most three templates, and rebuilding after a height is edited meshes none.
 */
function templateFor(level: SpineLevel) {
  const form = lumbarForm(level);
  let template = templates.get(form);
  if (!template) {
    const first = SPINE_LEVELS.find((l) => lumbarForm(l) === form) ?? level;
    const dims = vertebraDimensions(first, TEMPLATE_HEIGHT_MM);
    template = { geometry: meshSdf(vertebraSdf(dims), vertebraBounds(dims), VERTEBRA_CELL_MM), dims };
    templates.set(form, template);
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
