import { vertebraBounds, vertebraDimensions, vertebraSdf } from '../../../renderer/explain/vertebraAnatomy';
import type { Volume } from '../../../shared/volume/volume';
import type { SixPatientPoints } from '../../../renderer/explain/ctCrop';

/** Hounsfield units of the phantom: a cortex, osteoporotic trabecular bone (below the bone threshold) and soft tissue. */
export const PHANTOM_HU = { cortex: 800, trabecular: 120, softTissue: 40 } as const;
const CORTEX_MM = 1.5;
const DISC_MM = 9;

export interface SpinePhantomOptions {
  columns: number;
  slices: number;
  pixelMm: number;
  sliceMm: number;
  /**
   * The fractured body's heights (the neighbours keep the posterior height all round). A middle
   * height makes it biconcave: both endplates sink centrally, the rim keeping its height.
   */
  heights: { anterior: number; posterior: number; middle?: number };
}

export interface SpinePhantom {
  volume: Volume;
  /** The fractured vertebra's six morphometry points in patient LPS mm, as a reader would place them. */
  points: SixPatientPoints;
}

/**
 * An axial CT (LPS, head first supine) of three lumbar vertebrae, the middle one wedged, drawn from
 * the explainer's own vertebra shape: a CT of our own making with a fracture whose heights are known.
 * Patient x = left, y = posterior, z = superior; the fractured body's centre is at the volume's centre.
 */
export function spinePhantom(o: SpinePhantomOptions): SpinePhantom {
  const hp = o.heights.posterior;
  const d = vertebraDimensions('L2', hp);
  const sdf = vertebraSdf(d);
  const bounds = vertebraBounds(d);
  const pitch = hp + DISC_MM;
  const halfD = d.bodyDepth / 2;
  const front = o.heights.anterior / hp;
  // The sunken middle's share of the rim's height at mid-depth: ha/hp there for a wedge alone.
  const sink = o.heights.middle === undefined ? 0 : 1 - o.heights.middle / ((o.heights.anterior + hp) / 2);
  const halfW = d.bodyWidth / 2;
  const n = o.columns;
  const origin: [number, number, number] = [-(n - 1) / 2 * o.pixelMm, -(n - 1) / 2 * o.pixelMm, -((o.slices - 1) / 2) * o.sliceMm];
  const slices: Int16Array[] = [];
  // Stored = HU + 1024 (Rescale Intercept −1024), as CT scanners write it.
  const stored = (hu: number) => hu + 1024;
  for (let k = 0; k < o.slices; k++) {
    const pixels = new Int16Array(n * n).fill(stored(PHANTOM_HU.softTissue));
    const up = origin[2] + k * o.sliceMm;
    const offset = Math.round(up / pitch);
    if (Math.abs(offset) <= 1) {
      const y = up - offset * pitch;
      for (let r = 0; r < n; r++) {
        const z = -(origin[1] + r * o.pixelMm);
        if (z < bounds.min[2] || z > bounds.max[2]) continue;
        for (let c = 0; c < n; c++) {
          const x = origin[0] + c * o.pixelMm;
          if (x < bounds.min[0] || x > bounds.max[0]) continue;
          // The wedge: heights fall linearly from the back wall to the front.
          // A biconcave body: every vertical line inside the rim shortened, most at the centre (a paraboloid, as in samples/phantom/vertebra-shape.ts).
          const wedge = 1 + (front - 1) * Math.min(1, Math.max(0, (z + halfD) / (2 * halfD)));
          const scale = offset === 0 ? wedge * (1 - sink * Math.max(0, 1 - (x / halfW) ** 2 - (z / halfD) ** 2)) : 1;
          const inside = sdf(x, y / scale, z);
          // Distances shrink with the squashing along y: the endplates keep their cortex as thick as elsewhere.
          if (inside < 0) pixels[r * n + c] = stored(inside * scale > -CORTEX_MM ? PHANTOM_HU.cortex : PHANTOM_HU.trabecular);
        }
      }
    }
    slices.push(pixels);
  }
  const volume: Volume = {
    dimensions: [n, n, o.slices],
    spacing: [o.pixelMm, o.pixelMm, o.sliceMm],
    origin,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    normal: [0, 0, 1],
    slices,
    slopes: new Float64Array(o.slices).fill(1),
    intercepts: new Float64Array(o.slices).fill(-1024),
    voxelType: 'int16',
    min: -1024,
    max: PHANTOM_HU.cortex,
  };
  // Frame (x left, y up, z front) → LPS: (x, −z, y).
  const lps = (x: number, y: number, z: number): [number, number, number] => [x, -z, y];
  const a = halfD - 1, ha = o.heights.anterior / 2, hm = (o.heights.middle ?? (o.heights.anterior + hp) / 2) / 2, hpHalf = hp / 2;
  return {
    volume,
    points: {
      anteriorSuperior: lps(0, ha, a), middleSuperior: lps(0, hm, 0), posteriorSuperior: lps(0, hpHalf, -a),
      anteriorInferior: lps(0, -ha, a), middleInferior: lps(0, -hm, 0), posteriorInferior: lps(0, -hpHalf, -a),
    },
  };
}
