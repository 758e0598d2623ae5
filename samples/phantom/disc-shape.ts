import { frameAxes, toWorld } from './geometry';
import type { RaySpans } from './ray-spans';
import { TISSUE_INDEX } from './tissues';
import { superiorChord, type Box, type VertebraShape } from './vertebra-shape';

const BULGE = 0.8; // mm: the annulus bulges slightly beyond the vertebral rims
const NUCLEUS_HEIGHT_FRACTION = 0.32; // half-height of the nucleus as a fraction of the disc height

/**
 * An intervertebral disc fills the space between the superior endplate of one body and the inferior
 * endplate of the next: it is tested in both vertebral frames, so wedged discs and endplate
 * concavities are filled exactly (the bodies, painted later, win where they overlap).
 */
export interface DiscShape {
  readonly lower: VertebraShape;
  readonly upper: VertebraShape;
  readonly halfWidth: number;
  readonly halfDepth: number;
  readonly worldBox: Box;
}

export function discShape(lower: VertebraShape, upper: VertebraShape): DiscShape {
  const halfWidth = (lower.halfWidth + upper.halfWidth) / 2 + BULGE;
  const halfDepth = (lower.halfDepth + upper.halfDepth) / 2 + BULGE;
  const corners = [
    toWorld(lower.model.frame, -halfDepth, lower.anteriorHeight - lower.superiorConcavity - 1),
    toWorld(lower.model.frame, halfDepth, lower.posteriorHeight - lower.superiorConcavity - 1),
    toWorld(upper.model.frame, -halfDepth, upper.inferiorConcavity + 1),
    toWorld(upper.model.frame, halfDepth, upper.inferiorConcavity + 1),
  ];
  const ys = corners.map((corner) => corner.y);
  const zs = corners.map((corner) => corner.z);
  const worldBox = { minY: Math.min(...ys), maxY: Math.max(...ys), minZ: Math.min(...zs), maxZ: Math.max(...zs) };
  return { lower, upper, halfWidth, halfDepth, worldBox };
}

export function addDisc(disc: DiscShape, y: number, z: number, spans: RaySpans): void {
  const box = disc.worldBox;
  if (y < box.minY || y > box.maxY || z < box.minZ || z > box.maxZ) return;
  const lower = localCoordinates(disc.lower, y, z);
  const upper = localCoordinates(disc.upper, y, z);
  const floor = superiorChord(disc.lower, lower.ly) - disc.lower.superiorConcavity;
  const ceiling = disc.upper.inferiorConcavity;
  if (lower.lz < floor || upper.lz > ceiling) return;
  const ly = (lower.ly + upper.ly) / 2;
  if (Math.abs(ly) >= disc.halfDepth) return;
  const exponent = ly < 0 ? 2.4 : 5;
  const half = disc.halfWidth * Math.pow(1 - Math.pow(Math.abs(ly) / disc.halfDepth, exponent), 1 / exponent);
  spans.addMirrored(0, half, TISSUE_INDEX.discAnnulus);
  // Nucleus pulposus: an ellipsoid slightly behind the disc centre, in the middle of its height.
  const aboveFloor = lower.lz - (floor + disc.lower.superiorConcavity);
  const belowCeiling = ceiling - disc.upper.inferiorConcavity - upper.lz;
  if (aboveFloor <= 0 || belowCeiling <= 0) return; // inside an endplate concavity: annulus only
  const fraction = aboveFloor / (aboveFloor + belowCeiling);
  const dz = (fraction - 0.5) / NUCLEUS_HEIGHT_FRACTION;
  const dy = (ly - disc.halfDepth * 0.1) / (disc.halfDepth * 0.5);
  const t = 1 - dz * dz - dy * dy;
  if (t > 0) spans.addMirrored(0, disc.halfWidth * 0.5 * Math.sqrt(t), TISSUE_INDEX.discNucleus);
}

function localCoordinates(shape: VertebraShape, y: number, z: number): { ly: number; lz: number } {
  const { vy, vz, wy, wz } = frameAxes(shape.model.frame);
  const dy = y - shape.model.frame.originY;
  const dz = z - shape.model.frame.originZ;
  return { ly: dy * vy + dz * vz, lz: dy * wy + dz * wz };
}
