/** A distance between two points, in the image's calibrated millimetres (DOMAIN.md §5). */
import { lengthOf } from '../units';
import { CODES } from '../../report/sr-codes';
import { lengthNum } from '../../report/sr-items';
import { calibrationBadge } from '../../calibration';
import { fixed } from '../../report/csv-cell';
import type { MeasurementDefinition } from './definition';
import { polylineOf } from './polyline-sr';

export const lengthDefinition: MeasurementDefinition<'length'> = {
  type: 'length',
  tool: { name: 'length', label: 'Length', key: 'l', help: 'Length' },
  pointsNeeded: 2,
  prompt: () => 'Length: click the two ends',
  build: ({ points }) => ({ points: [points[0], points[1]] }),
  handles: (a) => a.points,
  withHandleMoved: (a, index, to) => ({ ...a, points: index === 0 ? [to, a.points[1]] : [a.points[0], to] }),
  measure: (a, plane) => lengthOf(a.points[0], a.points[1], plane.spacing),
  // Numbered in the order drawn; the unit and badge say where the millimetres came from (DOMAIN.md §5).
  csv: {
    columns: ['Length', 'Unit', 'Calibration'],
    rows: (own, { valueOf }) =>
      own.flatMap((a, i) => {
        const length = valueOf(a);
        if (!length || !('value' in length)) return [];
        return [{ type: 'length', label: `Length ${i + 1}`, cells: { Length: fixed(length.value, 1), Unit: length.unit, Calibration: calibrationBadge(length.calibration) } }];
      }),
  },
  validation: {
    required: ['points'],
    fields(check, o, path) {
      const points = check.points(o.points, `${path}.points`, 2);
      return points ? { points: [points[0], points[1]] } : undefined;
    },
  },
  sr: {
    concept: CODES.length,
    write: (a, plane, { tracking, scoord, lengthOf: measured }) => [...tracking(a.id), lengthNum(CODES.length, measured(a), [scoord(plane, a.points)])],
    read(group, context) {
      const found = polylineOf(group, CODES.length, 2, context);
      return found && { plane: found.plane, fields: { points: [found.points[0], found.points[1]] } };
    },
  },
};
