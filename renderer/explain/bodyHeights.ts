import type { VertebralHeightsMm } from '../../shared/procedure/types';
import type { VertebraDimensions } from './vertebraAnatomy';

/** Half-width of the midline strip the heights are read in: about one marching-cubes cell either side. */
const MIDLINE_MM = 2.5;
/** Depth of the strip along each wall (and about mid-depth) that counts as the place of that height. */
export const STATION_BAND_MM = 3;

/** Where the heights of a vertebral body are read on its mesh, and what they are there. */
export interface BodyStations {
  heights: VertebralHeightsMm;
  /** z of the anterior and posterior walls at the midline, and of mid-depth between them. */
  frontZ: number;
  backZ: number;
  midZ: number;
}

/**
 * The body's anterior, middle and posterior heights on a mesh in the vertebra's own frame (x left,
 * y up, z front, origin at the body's centre), read where 6-point morphometry places its points
 * (DOMAIN.md §1): in the mid-sagittal plane, at the anterior wall, at mid-depth (the deepest point
 * of each endplate) and at the posterior wall. Each height is the vertical span of the surface in a
 * thin strip there. Only the body counts: the arch lies behind the canal, well behind the back wall.
 */
export function bodyStations(positions: ArrayLike<number>, d: Pick<VertebraDimensions, 'bodyDepth'>): BodyStations {
  const bodyBack = -d.bodyDepth / 2 - 2;
  let frontZ = -Infinity, backZ = Infinity;
  for (let v = 0; v < positions.length; v += 3) {
    const x = positions[v], z = positions[v + 2];
    if (Math.abs(x) > MIDLINE_MM || z < bodyBack) continue;
    frontZ = Math.max(frontZ, z);
    backZ = Math.min(backZ, z);
  }
  const midZ = (frontZ + backZ) / 2;
  const span = (centre: number) => {
    let top = -Infinity, bottom = Infinity;
    for (let v = 0; v < positions.length; v += 3) {
      if (Math.abs(positions[v]) > MIDLINE_MM || Math.abs(positions[v + 2] - centre) > STATION_BAND_MM) continue;
      top = Math.max(top, positions[v + 1]);
      bottom = Math.min(bottom, positions[v + 1]);
    }
    return top - bottom;
  };
  return {
    heights: { anterior: span(frontZ - STATION_BAND_MM), middle: span(midZ), posterior: span(backZ + STATION_BAND_MM) },
    frontZ,
    backZ,
    midZ,
  };
}

const smoothstep = (a: number, b: number, x: number) => {
  const u = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return u * u * (3 - 2 * u);
};

/**
 * Squashes a vertebra meshed at its normal height so that its mesh shows the given heights exactly
 * where bodyStations reads them. Each vertical line is scaled about the body's centre by a factor
 * that is constant across each reading strip: the posterior factor behind the back strip (so the
 * arch follows the back wall), the anterior one in front of the front strip, linear between them
 * (the wedge), and blended to the middle factor around mid-depth at the midline, fading towards
 * the walls and the sides (the biconcave endplates of a fracture whose middle is lowest).
 */
export function deformVertebra(rest: ArrayLike<number>, out: Float32Array, d: VertebraDimensions, stations: BodyStations, heights: VertebralHeightsMm): void {
  const { frontZ, backZ, midZ } = stations;
  const back = heights.posterior / stations.heights.posterior;
  const front = heights.anterior / stations.heights.anterior;
  const middle = heights.middle / stations.heights.middle;
  const wedgeFrom = backZ + 2 * STATION_BAND_MM, wedgeTo = frontZ - 2 * STATION_BAND_MM;
  const halfDepth = (frontZ - backZ) / 2;
  const halfW = d.bodyWidth / 2;
  for (let v = 0; v < rest.length; v += 3) {
    const x = rest[v], y = rest[v + 1], z = rest[v + 2];
    const u = Math.min(1, Math.max(0, (z - wedgeFrom) / (wedgeTo - wedgeFrom)));
    const linear = back + (front - back) * u;
    const nearMiddle =
      (1 - smoothstep(MIDLINE_MM, 0.8 * halfW, Math.abs(x))) * (1 - smoothstep(STATION_BAND_MM, halfDepth - 2 * STATION_BAND_MM, Math.abs(z - midZ)));
    out[v] = x;
    out[v + 1] = y * (linear + (middle - linear) * nearMiddle);
    out[v + 2] = z;
  }
}
