/**
 * A synthetic axial CT of a straight spine, built in memory for the screening tests and the benchmark:
 * elliptical vertebral bodies with a cortical shell, discs, a canal closed by a bony ring at each level,
 * optional ribs beside the upper bodies, an optional sacrum below them and an optional anterior wedge fracture. Coarse on purpose (no
 * partial volume): it tests finding, counting and grading, while the sample cases test accuracy.
 */
import type { VolumeSlice } from '../../../shared/volume/volume';
import { header } from '../volume/synthetic-series';

export interface SyntheticSpineSpec {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  readonly pixelMm: number;
  readonly sliceMm: number;
  /** Bodies from the top of the scan down. */
  readonly bodies: number;
  /** How many of the top bodies bear ribs (0: none). */
  readonly ribBearing: number;
  /** Index (from the top) of a body wedged to this fraction of its posterior height in front. */
  readonly wedge?: { readonly body: number; readonly anteriorFraction: number };
  /** The last body is S1: sacral alae (bone filling each side of it out to 55 mm) beside it. */
  readonly sacrum?: boolean;
  /** z (mm) of the top of the first body; the scan starts at z = 0 and runs down. */
  readonly firstTopMm: number;
}

const BODY_HEIGHT = 24;
const DISC = 7;
const HALF_WIDTH = 20;
const HALF_DEPTH = 16;
const CORTEX = 1.5;
const CENTRE_Y = 0;
const CANAL_Y = HALF_DEPTH + 9;
const CANAL_HALF_WIDTH = 9;
const CANAL_HALF_DEPTH = 7;
const RING = 5;

export interface SyntheticBodyTruth {
  /** Top and bottom z of the posterior wall, mm (z grows towards the head, slices run down). */
  readonly topZ: number;
  readonly bottomZ: number;
  readonly anteriorHeight: number;
  readonly posteriorHeight: number;
  readonly fractured: boolean;
}

export function syntheticSpineTruth(spec: SyntheticSpineSpec): SyntheticBodyTruth[] {
  return Array.from({ length: spec.bodies }, (_, b) => {
    const topZ = -spec.firstTopMm - b * (BODY_HEIGHT + DISC);
    const fractured = spec.wedge?.body === b;
    return { topZ, bottomZ: topZ - BODY_HEIGHT, posteriorHeight: BODY_HEIGHT, anteriorHeight: fractured ? BODY_HEIGHT * spec.wedge!.anteriorFraction : BODY_HEIGHT, fractured };
  });
}

export function syntheticSpine(spec: SyntheticSpineSpec): VolumeSlice[] {
  const truth = syntheticSpineTruth(spec);
  const { columns, rows, pixelMm } = spec;
  const x0 = -(columns / 2) * pixelMm;
  const y0 = -(rows / 2) * pixelMm + 20;
  return Array.from({ length: spec.slices }, (_, k) => {
    const z = -k * spec.sliceMm;
    const pixels = new Int16Array(rows * columns);
    const body = truth.findIndex((t) => z <= t.topZ && z >= t.bottomZ - DISC);
    const t = body >= 0 ? truth[body] : undefined;
    const inBodyZone = t !== undefined && z >= t.bottomZ;
    const ring = inBodyZone && z > t.bottomZ + 0.3 * BODY_HEIGHT && z < t.bottomZ + 0.8 * BODY_HEIGHT;
    const ribs = ring && body < spec.ribBearing && Math.abs(z - (t.bottomZ + 0.55 * BODY_HEIGHT)) < 5;
    const alae = inBodyZone && spec.sacrum === true && body === spec.bodies - 1;
    for (let j = 0; j < rows; j++) {
      const y = y0 + j * pixelMm;
      for (let i = 0; i < columns; i++) {
        const x = x0 + i * pixelMm;
        let hu = (x / 150) ** 2 + ((y - 10) / 120) ** 2 <= 1 ? 40 : -1000;
        const e = (x / HALF_WIDTH) ** 2 + ((y - CENTRE_Y) / HALF_DEPTH) ** 2;
        if (t && e <= 1) {
          // Height of the top surface at this depth: linear from the anterior to the posterior wall.
          const f = (y - CENTRE_Y + HALF_DEPTH) / (2 * HALF_DEPTH);
          const top = t.bottomZ + t.anteriorHeight + (t.posteriorHeight - t.anteriorHeight) * f;
          if (z >= t.bottomZ && z <= top) {
            const shell = Math.sqrt(e) >= 1 - CORTEX / HALF_DEPTH || top - z < CORTEX || z - t.bottomZ < CORTEX;
            hu = shell ? 1200 : 220;
          } else hu = 85;
        }
        const c = (x / CANAL_HALF_WIDTH) ** 2 + ((y - CANAL_Y) / CANAL_HALF_DEPTH) ** 2;
        if (c <= 1) hu = 10;
        else if (ring && (x / (CANAL_HALF_WIDTH + RING)) ** 2 + ((y - CANAL_Y) / (CANAL_HALF_DEPTH + RING)) ** 2 <= 1) hu = 900;
        if (alae && Math.abs(x) > HALF_WIDTH - 2 && Math.abs(x) < 55 && y > CENTRE_Y - 8 && y < CENTRE_Y + 20) hu = 400;
        if (ribs && Math.abs(x) > 30 && Math.abs(x) < 130 && y > CANAL_Y - 6 && y < CANAL_Y + 6) hu = 700;
        pixels[j * columns + i] = hu + 1024;
      }
    }
    return {
      header: header({
        sopInstanceUid: `1.2.826.0.1.${k + 1}`,
        rows,
        columns,
        imagePositionPatient: [x0, y0, z],
        imageOrientationPatient: [1, 0, 0, 0, 1, 0],
        rescaleIntercept: -1024,
        spacing: { rowMm: pixelMm, columnMm: pixelMm, source: 'calibrated', note: 'Pixel Spacing' },
      }),
      frame: { pixels, rows, columns, samplesPerPixel: 1, minValue: 0, maxValue: 2300 },
    };
  });
}
