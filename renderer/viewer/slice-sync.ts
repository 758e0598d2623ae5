import type { InstanceHeader } from '../../shared/dicom/header';
import { sliceNormal } from '../../shared/dicom/series-index';
import { dot, type Vec3 } from '../../shared/volume/vec3';

function normalOf(h: InstanceHeader): Vec3 | undefined {
  return h.imageOrientationPatient && sliceNormal(h.imageOrientationPatient);
}

/** Position of a slice along a normal, in mm (IPP · n, PS3.3 C.7.6.2.1.1). */
function positionAlong(h: InstanceHeader, n: Vec3): number | undefined {
  return h.imagePositionPatient && dot(h.imagePositionPatient, n);
}

/**
 * The slice of `target` nearest to where slice `sourceSlice` of `source` lies, when both share a frame
 * of reference and are parallel; undefined otherwise (scrolling an axial CT must not move a sagittal MR).
 */
export function matchingSlice(source: readonly InstanceHeader[], sourceSlice: number, target: readonly InstanceHeader[]): number | undefined {
  const from = source[sourceSlice];
  const to = target[0];
  if (!from || !to || !from.frameOfReferenceUid || from.frameOfReferenceUid !== to.frameOfReferenceUid) return undefined;
  const n = normalOf(from);
  const m = normalOf(to);
  if (!n || !m || Math.abs(dot(n, m)) < 0.99) return undefined;
  return from.imagePositionPatient && sliceNearestPoint(target, from.imagePositionPatient);
}

/** The slice of a stack nearest to a patient point (for "click here, move the other views there"). */
export function sliceNearestPoint(target: readonly InstanceHeader[], point: Vec3): number | undefined {
  const n = target[0] && normalOf(target[0]);
  if (!n) return undefined;
  const wanted = dot(point, n);
  let best: number | undefined;
  let bestDistance = Infinity;
  target.forEach((h, i) => {
    const p = positionAlong(h, n);
    if (p !== undefined && Math.abs(p - wanted) < bestDistance) {
      bestDistance = Math.abs(p - wanted);
      best = i;
    }
  });
  return best;
}
