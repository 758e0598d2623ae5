/** A line across an object of known size, from which the reader calibrates an image ('user' badge, DOMAIN.md §5). */
import { VALIDATION_LIMITS } from '../../model/checker';
import { CODES, UNITS } from '../../report/sr-codes';
import { items, num, single } from '../../report/sr-items';
import { calibrationBadge } from '../../calibration';
import { fixed } from '../../report/csv-cell';
import type { MeasurementDefinition } from './definition';
import { polylineOf } from './polyline-sr';

export const calibrationDefinition: MeasurementDefinition<'calibration'> = {
  type: 'calibration',
  tool: { name: 'calibrate', label: 'Calibrate', key: 'k', help: 'Calibrate with an object of known size' },
  pointsNeeded: 2,
  prompt: () => 'Calibration: click both ends of an object of known size',
  asksKnownLength: true,
  build: ({ points, knownLengthMm }) => ({ points: [points[0], points[1]], knownLengthMm: knownLengthMm ?? Number.NaN }),
  // One calibration per image: a new one replaces the old.
  replaces: { inPlace: false, matches: (_made, existing) => existing.type === 'calibration' },
  handles: (a) => a.points,
  withHandleMoved: (a, index, to) => ({ ...a, points: index === 0 ? [to, a.points[1]] : [a.points[0], to] }),
  // The reader's known length as entered, and the badge every length on this image then carries.
  csv: {
    columns: ['Known length (mm)', 'Calibration'],
    rows: (own) =>
      own.map((a) => ({ type: 'calibration', label: 'Calibration line', cells: { 'Known length (mm)': fixed(a.knownLengthMm, 2), Calibration: calibrationBadge('user') } })),
  },
  validation: {
    required: ['points', 'knownLengthMm'],
    fields(check, o, path) {
      const points = check.points(o.points, `${path}.points`, 2);
      const knownLengthMm = check.positive(o.knownLengthMm, `${path}.knownLengthMm`, VALIDATION_LIMITS.maxKnownLengthMm);
      return points && knownLengthMm !== undefined ? { points: [points[0], points[1]], knownLengthMm } : undefined;
    },
  },
  sr: {
    concept: CODES.calibrationLength,
    write: (a, plane, { tracking, scoord }) => [...tracking(a.id), num(CODES.calibrationLength, a.knownLengthMm, UNITS.mm, [scoord(plane, a.points)])],
    read(group, context) {
      const found = polylineOf(group, CODES.calibrationLength, 2, context);
      if (!found) return undefined;
      const measured = items(found.num?.MeasuredValueSequence)[0];
      return { plane: found.plane, fields: { points: [found.points[0], found.points[1]], knownLengthMm: Number(single(measured?.NumericValue)) } };
    },
  },
};
