import { Vector3 } from 'three';
import type { NeedleSide } from '../../shared/procedure/types';
import { vertebraLandmarks, type VertebraDimensions } from './vertebraAnatomy';

const sign = (side: NeedleSide) => (side === 'left' ? 1 : -1);

export interface NeedlePath {
  /** Where the needle enters the skin. */
  skin: Vector3;
  /** The tip's final place, in the anterior third of the body. */
  target: Vector3;
}

/** Depth of the skin behind the vertebral body's centre (a slim adult's lower back). */
export function skinDepthMm(d: VertebraDimensions): number {
  return d.bodyDepth / 2 + d.canalDepth + d.spinousLength + 22;
}

/**
 * A transpedicular path (DOMAIN.md §6): through the middle of the pedicle to a tip in the anterior
 * third of the body. A single needle aims nearer the midline, so its cement can reach both halves.
 */
export function needlePath(d: VertebraDimensions, side: NeedleSide, bipedicular: boolean, ownPedicle?: Vector3): NeedlePath {
  const [px, py, pz] = vertebraLandmarks(d).pedicle;
  const s = sign(side);
  // The patient's own pedicle where their CT shows it, otherwise the drawn one.
  const pedicle = ownPedicle ?? new Vector3(s * px, py, pz);
  const target = new Vector3(s * (bipedicular ? d.bodyWidth * 0.14 : d.bodyWidth * 0.04), pedicle.y * 0.4, d.bodyDepth * 0.2);
  const inward = target.clone().sub(pedicle).normalize();
  const back = (pedicle.z + skinDepthMm(d)) / inward.z;
  return { skin: pedicle.clone().addScaledVector(inward, -back), target };
}

export function needleTip(path: NeedlePath, depth: number): Vector3 {
  return path.skin.clone().lerp(path.target, depth);
}

export interface ScrewPath {
  head: Vector3;
  direction: Vector3;
}

/** Pedicle screws converge a little towards the midline, as they follow the pedicles. */
export function screwPath(d: VertebraDimensions, side: NeedleSide): ScrewPath {
  const [px, py, pz] = vertebraLandmarks(d).pedicle;
  const s = sign(side);
  const entry = new Vector3(s * (px + 1.5), py, pz - d.pedicleLength * 0.9);
  const aim = new Vector3(s * (px - 7), py * 0.6, d.bodyDepth * 0.3);
  const direction = aim.sub(entry).normalize();
  return { head: entry.clone().addScaledVector(direction, -6), direction };
}
