import { addDisc, discShape, type DiscShape } from './disc-shape';
import { frameAxes, type Vec3 } from './geometry';
import { RaySpans } from './ray-spans';
import { addSoftTissues, buildCentreline, createCentrelineSample, sampleCentreline, type BodyOutline, type Centreline } from './soft-tissue-shape';
import type { SpineModel } from './spine-model';
import { TISSUES, type Tissue } from './tissues';
import { addVertebra, vertebraShape, type VertebraShape } from './vertebra-shape';

/** Skin behind the tips of the spinous processes, and the abdomen's half-axes, in mm. */
const POSTERIOR_SKIN_GAP = 22;
const OUTLINE_HALF_WIDTH = 150;
const OUTLINE_HALF_DEPTH = 112;
const SUBCUTANEOUS_FAT = 15;

/**
 * The analytic phantom: a spine model turned into shapes that can be sampled. Pure and deterministic;
 * noise and blur belong to the modalities.
 */
export interface Phantom {
  readonly spine: SpineModel;
  /** Top level first. */
  readonly vertebrae: readonly VertebraShape[];
  /** Fills `spans` with the tissues along the line (·, y, z) parallel to x. */
  castRay(y: number, z: number, spans: RaySpans): void;
  tissueAt(point: Vec3): Tissue;
  /** y of the skin of the back, behind the spinous processes (where a spine coil would lie). */
  readonly posteriorSkinY: number;
}

export function createPhantom(spine: SpineModel): Phantom {
  const topDown = [...spine.vertebrae].reverse();
  const vertebrae = topDown.map((model, index) => {
    const below = topDown[index + 1];
    const above = topDown[index - 1];
    const discBelow = below ? (below.anatomy.discAbove.anterior + below.anatomy.discAbove.posterior) / 2 : 0;
    const discAbove = above ? (model.anatomy.discAbove.anterior + model.anatomy.discAbove.posterior) / 2 : 0;
    return vertebraShape(model, discBelow, discAbove);
  });
  const discs: DiscShape[] = vertebrae.slice(1).map((lower, index) => discShape(lower, vertebrae[index]));
  const centreline: Centreline = buildCentreline(vertebrae);
  const outline = bodyOutline(vertebrae);
  const sample = createCentrelineSample();
  const axes = vertebrae.map((shape) => ({ shape, ...frameAxes(shape.model.frame) }));

  const castRay = (y: number, z: number, spans: RaySpans): void => {
    spans.clear();
    sampleCentreline(centreline, z, sample);
    addSoftTissues(outline, sample, y, spans);
    for (const disc of discs) addDisc(disc, y, z, spans);
    for (const { shape, vy, vz, wy, wz } of axes) {
      const box = shape.worldBox;
      if (y < box.minY || y > box.maxY || z < box.minZ || z > box.maxZ) continue;
      const dy = y - shape.model.frame.originY;
      const dz = z - shape.model.frame.originZ;
      addVertebra(shape, dy * vy + dz * vz, dy * wy + dz * wz, spans);
    }
    spans.resolve();
  };

  const probe = new RaySpans();
  const tissueAt = (point: Vec3): Tissue => {
    castRay(point.y, point.z, probe);
    return TISSUES[probe.tissueAtX(point.x)];
  };

  return { spine, vertebrae, castRay, tissueAt, posteriorSkinY: outline.centreY + outline.halfDepth };
}

function bodyOutline(vertebrae: readonly VertebraShape[]): BodyOutline {
  let backmost = -Infinity;
  for (const shape of vertebrae) {
    const { vy, wy } = frameAxes(shape.model.frame);
    const tipY = shape.model.frame.originY + shape.spinous.toY * vy + shape.spinous.z * wy;
    backmost = Math.max(backmost, tipY);
  }
  const posteriorSkin = backmost + POSTERIOR_SKIN_GAP;
  return { centreY: posteriorSkin - OUTLINE_HALF_DEPTH, halfWidth: OUTLINE_HALF_WIDTH, halfDepth: OUTLINE_HALF_DEPTH, fatThickness: SUBCUTANEOUS_FAT };
}
