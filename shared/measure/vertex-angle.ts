import type { PixelSpacing } from '../calibration';
import { toMillimetres } from './units';
import type { Vec2 } from './types';

/**
 * The unsigned angle at vertex v between the rays v→p and v→q, 0–180°, computed in millimetre
 * space so that non-square pixels do not distort it (DOMAIN.md §2).
 */
export function vertexAngleDeg(p: Vec2, v: Vec2, q: Vec2, spacing: PixelSpacing): number {
  const [pm, vm, qm] = [p, v, q].map((point) => toMillimetres(point, spacing));
  const a = { x: pm.x - vm.x, y: pm.y - vm.y };
  const b = { x: qm.x - vm.x, y: qm.y - vm.y };
  return Math.abs((Math.atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y) * 180) / Math.PI);
}
