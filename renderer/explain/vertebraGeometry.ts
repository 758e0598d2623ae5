import type { BufferGeometry } from 'three';
import type { SpineLevel } from '../../shared/procedure/types';
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
