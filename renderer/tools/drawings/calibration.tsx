import type { Drawing } from './drawing';
import { Segment } from './segment';

export const drawCalibration: Drawing<'calibration'> = (a, view) => (
  <Segment key={a.id} id={a.id} testId="calibration-annotation" points={a.points} text={`calibration ${a.knownLengthMm} mm`} colour="#c792ea" view={view} />
);
