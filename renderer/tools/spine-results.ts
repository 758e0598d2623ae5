import { measureAngle } from '../../shared/measure/angles';
import { cobbEndplateLabel } from '../../shared/report/results-table';
import { assessSpine } from '../../shared/measure/spine';
import type { AngleMeasurement, Length, SpineResults } from '../../shared/measure/types';
import { lengthOf } from '../../shared/measure/units';
import { vertexAngleDeg } from '../../shared/measure/vertex-angle';
import { cobbLinePoints } from './annotation-geometry';
import type { PlaneContext } from './plane-context';

/** The measurement engine run over the vertebrae placed on one image; the reason when it cannot run. */
export function resultsForPlane(ctx: PlaneContext): { results?: SpineResults; error?: string } {
  const vertebrae = ctx.annotations.flatMap((a) => (a.type === 'vertebra' ? [{ level: a.level, points: a.points }] : []));
  if (vertebrae.length === 0) return {};
  try {
    return { results: assessSpine({ vertebrae, spacing: ctx.spacing, orientation: ctx.orientation }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Values of the free-hand annotations on one image (lengths, angles, Cobb), keyed by annotation id. */
export function freehandMeasurements(ctx: PlaneContext): Record<string, AngleMeasurement | Length> {
  const out: Record<string, AngleMeasurement | Length> = {};
  let angles = 0;
  let cobbs = 0;
  for (const a of ctx.annotations) {
    if (a.type === 'length') out[a.id] = lengthOf(a.points[0], a.points[1], ctx.spacing);
    else if (a.type === 'angle') {
      const deg = vertexAngleDeg(a.points[0], a.points[1], a.points[2], ctx.spacing);
      // An angle between three points bends no spine: it has no kyphosis or lordosis to name.
      out[a.id] = { kind: 'angle', label: `Angle ${++angles}`, signedDeg: deg, description: 'straight' };
    } else if (a.type === 'cobb') {
      const [l1, l2] = a.lines.map((l) => cobbLinePoints(l, ctx.annotations));
      // Named by its endplates when it follows them, so it can be matched with an expert's; else numbered.
      const label = cobbEndplateLabel(a, ctx.annotations) ?? `Cobb ${++cobbs}`;
      if (l1 && l2) out[a.id] = measureAngle('cobb', label, { from: l1[0], to: l1[1] }, { from: l2[0], to: l2[1] }, ctx.spacing, ctx.orientation);
    }
  }
  return out;
}
