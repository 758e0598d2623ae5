import { endplateLine } from '../../shared/measure/angles';
import { SIX_POINT_NAMES } from '../../shared/measure/six-points';
import type { Vec2 } from '../../shared/measure/types';
import type { Annotation, CobbLine } from '../../shared/model/types';

/**
 * The two image points of a Cobb line, following a vertebra's endplate when the line refers to one. The
 * vertebra is looked up among the annotations of the plane shown (PlaneContext.annotations), which for a
 * reformat are already in that plane's pixels.
 */
export function cobbLinePoints(line: CobbLine, onPlane: readonly Annotation[]): readonly [Vec2, Vec2] | undefined {
  if (line.kind === 'drawn') return [line.from, line.to];
  const v = onPlane.find((a) => a.id === line.annotationId);
  if (v?.type !== 'vertebra') return undefined;
  const { from, to } = endplateLine(v.points, line.endplate);
  return [from, to];
}

/** The draggable points of an annotation, in a fixed order so a drag can name one by index. */
export function handlesOf(a: Annotation): readonly Vec2[] {
  switch (a.type) {
    case 'vertebra':
      return SIX_POINT_NAMES.map((name) => a.points[name]);
    case 'cobb':
      return a.lines.flatMap((l) => (l.kind === 'drawn' ? [l.from, l.to] : []));
    default:
      return a.points;
  }
}

/** The annotation with handle `index` moved to `to`. */
export function withHandleMoved(a: Annotation, index: number, to: Vec2): Annotation {
  switch (a.type) {
    case 'vertebra':
      return { ...a, points: { ...a.points, [SIX_POINT_NAMES[index]]: to } };
    case 'cobb': {
      let k = 0;
      const lines = a.lines.map((l) => {
        if (l.kind !== 'drawn') return l;
        const moved = k === index ? { ...l, from: to } : k + 1 === index ? { ...l, to } : l;
        k += 2;
        return moved;
      });
      return { ...a, lines: [lines[0], lines[1]] };
    }
    case 'length':
    case 'calibration':
      return { ...a, points: index === 0 ? [to, a.points[1]] : [a.points[0], to] };
    case 'angle': {
      const points = [...a.points] as [Vec2, Vec2, Vec2];
      points[index] = to;
      return { ...a, points };
    }
  }
}

/** Distance from p to the segment ab, in the same units as the points. */
export function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
