/** The angle at a vertex between two rays, from three points (DOMAIN.md §2): it bends no spine, so it is unsigned. */
import { vertexAngleDeg } from '../vertex-angle';
import { CODES, UNITS } from '../../report/sr-codes';
import { num } from '../../report/sr-items';
import { ANGLE_CSV_COLUMNS, type MeasurementDefinition } from './definition';
import { polylineOf } from './polyline-sr';

export const angleDefinition: MeasurementDefinition<'angle'> = {
  type: 'angle',
  tool: { name: 'angle', label: 'Angle', key: 'a', help: 'Angle' },
  pointsNeeded: 3,
  prompt: () => 'Angle: click a point, the vertex, then another point',
  build: ({ points }) => ({ points: [points[0], points[1], points[2]] }),
  handles: (a) => a.points,
  withHandleMoved(a, index, to) {
    const points = [...a.points] as [typeof to, typeof to, typeof to];
    points[index] = to;
    return { ...a, points };
  },
  measure(a, plane, nextNumber) {
    const deg = vertexAngleDeg(a.points[0], a.points[1], a.points[2], plane.spacing);
    // An angle between three points bends no spine: it has no kyphosis or lordosis to name.
    return { kind: 'angle', label: `Angle ${nextNumber()}`, signedDeg: deg, description: 'straight' };
  },
  // A three-point angle has no curvature to name; only spine angles say kyphosis or lordosis.
  reportRow: (measured) => (measured && 'signedDeg' in measured ? { label: measured.label, kind: measured.kind, signedDeg: measured.signedDeg, description: measured.kind === 'angle' ? '' : measured.description } : undefined),
  csv: { columns: ANGLE_CSV_COLUMNS, rows: (own, { angleRowsOf, angleRecord }) => angleRowsOf(own).map(angleRecord) },
  validation: {
    required: ['points'],
    fields(check, o, path) {
      const points = check.points(o.points, `${path}.points`, 3);
      return points ? { points: [points[0], points[1], points[2]] } : undefined;
    },
  },
  sr: {
    concept: CODES.angle,
    write(a, plane, { tracking, scoord, angleOf }) {
      const angle = angleOf(a);
      return [...tracking(a.id), num(CODES.angle, angle ? Math.abs(angle.signedDeg) : undefined, UNITS.deg, [scoord(plane, a.points)])];
    },
    read(group, context) {
      const found = polylineOf(group, CODES.angle, 3, context);
      return found && { plane: found.plane, fields: { points: [found.points[0], found.points[1], found.points[2]] } };
    },
  },
};
