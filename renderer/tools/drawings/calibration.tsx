import type { Drawing } from './drawing';
import { drawSegment } from './segment';

export const drawCalibration: Drawing<'calibration'> = (a, view) =>
  drawSegment({ id: a.id, testId: 'calibration-annotation', points: a.points, text: `calibration ${a.knownLengthMm} mm`, colour: '#c792ea', view });
