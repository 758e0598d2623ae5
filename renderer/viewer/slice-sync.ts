import type { InstanceHeader } from '../../shared/dicom/header';

type V3 = readonly [number, number, number];

function normalOf(h: InstanceHeader): V3 | undefined {
  const o = h.imageOrientationPatient;
  if (!o) return undefined;
  return [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]];
}

/** Position of a slice along a normal, in mm (IPP · n, PS3.3 C.7.6.2.1.1). */
function positionAlong(h: InstanceHeader, n: V3): number | undefined {
  const p = h.imagePositionPatient;
  return p ? p[0] * n[0] + p[1] * n[1] + p[2] * n[2] : undefined;
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
  if (!n || !m || Math.abs(n[0] * m[0] + n[1] * m[1] + n[2] * m[2]) < 0.99) return undefined;
  return from.imagePositionPatient && sliceNearestPoint(target, from.imagePositionPatient);
}

/** The slice of a stack nearest to a patient point (for "click here, move the other views there"). */
export function sliceNearestPoint(target: readonly InstanceHeader[], point: V3): number | undefined {
  const n = target[0] && normalOf(target[0]);
  if (!n) return undefined;
  const wanted = point[0] * n[0] + point[1] * n[1] + point[2] * n[2];
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
