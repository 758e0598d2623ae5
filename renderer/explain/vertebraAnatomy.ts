import type { SpineLevel } from '../../shared/procedure/types';
import { SPINE_LEVELS } from '../../shared/procedure/spineLevels';
import { capsule, ellipsoid, smoothSubtract, smoothUnion, verticalPlate, type Sdf } from './sdf';
import type { Bounds } from './marchingCubes';

/**
 * Dimensions of one vertebra in millimetres. Axes: x to the patient's left, y up (head), z forward
 * (anterior); the origin is the centre of the vertebral body.
 */
export interface VertebraDimensions {
  bodyWidth: number;
  bodyDepth: number;
  bodyHeight: number;
  canalWidth: number;
  canalDepth: number;
  pedicleRadius: number;
  pedicleLength: number;
  spinousLength: number;
  /** Downward slope of the spinous process: steep in the thoracic spine, nearly level in the lumbar. */
  spinousTiltDeg: number;
  transverseLength: number;
  /** How far back the transverse processes sweep: thoracic ones reach back to meet the ribs. */
  transverseBackDeg: number;
}

/** 0 for mid-thoracic form, 1 for lumbar form; T11–T12 are transitional. */
export function lumbarForm(level: SpineLevel): number {
  const index = SPINE_LEVELS.indexOf(level);
  return Math.min(1, Math.max(0, (index - 9) / 3));
}

/**
 * Approximate adult dimensions by level, scaled to the body height; drawn shapes only, never used
 * as measurements.
 */
export function vertebraDimensions(level: SpineLevel, bodyHeight: number): VertebraDimensions {
  const lumbar = lumbarForm(level);
  const belowL1 = Math.max(0, SPINE_LEVELS.indexOf(level) - 12);
  const mix = (thoracic: number, lumbarValue: number) => thoracic + (lumbarValue - thoracic) * lumbar;
  return {
    bodyWidth: mix(32, 43) + 1.5 * belowL1,
    bodyDepth: mix(26, 33) + 0.8 * belowL1,
    bodyHeight,
    canalWidth: mix(16, 22),
    canalDepth: mix(15, 16),
    pedicleRadius: mix(4, 4.8),
    pedicleLength: mix(9, 9),
    spinousLength: mix(30, 28),
    spinousTiltDeg: mix(45, 8),
    transverseLength: mix(20, 22),
    transverseBackDeg: mix(35, 8),
  };
}

/** Landmarks shared by the shape, the needle paths and the screws. */
export interface VertebraLandmarks {
  /** Centre of the left pedicle (the right one mirrors x). */
  pedicle: [number, number, number];
  /** Centre of the spinal canal. */
  canal: [number, number, number];
  /** Where the pedicle, lamina and processes meet (left). */
  junction: [number, number, number];
}

export function vertebraLandmarks(d: VertebraDimensions): VertebraLandmarks {
  const px = d.canalWidth / 2 + d.pedicleRadius * 0.75;
  const py = d.bodyHeight * 0.12;
  const back = -d.bodyDepth / 2;
  return {
    pedicle: [px, py, back - d.pedicleLength * 0.45],
    canal: [0, 0, back - d.canalDepth / 2],
    junction: [px + 1, py, back - d.pedicleLength],
  };
}

const DEG = Math.PI / 180;

/** The vertebra as one signed distance field: body with endplates, pedicles, laminae, processes and facets. */
export function vertebraSdf(d: VertebraDimensions): Sdf {
  const { pedicle, canal, junction } = vertebraLandmarks(d);
  const halfW = d.bodyWidth / 2, halfD = d.bodyDepth / 2, halfH = d.bodyHeight / 2;
  const back = -halfD;
  const laminaBack = canal[2] - d.canalDepth * 0.62;
  const spinousEnd: [number, number, number] = [
    0,
    -d.spinousLength * Math.sin(d.spinousTiltDeg * DEG) - 2,
    laminaBack - d.spinousLength * Math.cos(d.spinousTiltDeg * DEG),
  ];
  const tp = (s: number): [number, number, number] => [
    s * (junction[0] + d.transverseLength * Math.cos(d.transverseBackDeg * DEG)),
    junction[1] + 2,
    junction[2] - d.transverseLength * Math.sin(d.transverseBackDeg * DEG),
  ];
  const facetX = junction[0] + 1.5;
  const spinousHalfHeight = d.bodyHeight * (0.22 + 0.1 * (d.spinousTiltDeg < 20 ? 1 : 0));
  const inferiorFacetX = facetX - 6.5;

  return (x, y, z) => {
    // Body: an elliptic cylinder with a waist, a flattened back wall and rounded rims.
    const waist = 1 - 0.07 * (1 - (y / halfH) ** 2);
    const rx = halfW * waist, rz = halfD * waist;
    const flatBack = Math.max(0, -z / rz);
    const ellipse = (Math.hypot(x / rx, z / (rz * (1 - 0.12 * flatBack))) - 1) * Math.min(rx, rz);
    const vertical = Math.abs(y) - halfH;
    let body = Math.hypot(Math.max(ellipse + 1.5, 0), Math.max(vertical + 1.5, 0)) + Math.min(Math.max(ellipse + 1.5, vertical + 1.5), 0) - 1.5;
    // A kidney outline: the back wall curves forward around the canal.
    body = smoothSubtract(body, ellipsoid(x, y, z, 0, 0, back - halfD * 0.18, halfW * 0.36, halfH * 3, halfD * 0.3), 3);
    // Endplates dip slightly in the middle, inside a raised rim.
    body = smoothSubtract(body, ellipsoid(x, Math.abs(y), z, 0, halfH + 0.6, 0.5, halfW * 0.7, 1.6, halfD * 0.68), 1.5);

    let arch = Infinity;
    for (const s of [-1, 1]) {
      const sx = s * pedicle[0];
      const ped = capsule(x, y, z, s * (pedicle[0] - 0.5), pedicle[1], back + 4, s * junction[0], junction[1], junction[2], d.pedicleRadius, 1, 1.45, 1);
      const lamina = verticalPlate(x, y, z, s * junction[0], junction[2], 0, laminaBack, pedicle[1] - halfH * 0.25, halfH * 0.62, 2.8, 1.4);
      const [tx, ty, tz] = tp(s);
      const transverse = Math.min(
        capsule(x, y, z, sx, junction[1], junction[2], tx, ty, tz, 2.6, 1, 1.4, 1),
        ellipsoid(x, y, z, tx, ty, tz, 3.4, 4, 3.4),
      );
      const superiorFacet = capsule(x, y, z, s * facetX, junction[1] + 2, junction[2] - 1, s * (facetX + 0.5), halfH + halfH * 0.5, junction[2] - 3, 3.4, 0.85, 1, 1.45);
      const inferiorFacet = capsule(x, y, z, s * inferiorFacetX, pedicle[1] - halfH * 0.6, laminaBack + 1.5, s * inferiorFacetX, -halfH - halfH * 0.35, laminaBack - 1, 3.3, 0.85, 1, 1.45);
      arch = Math.min(arch, smoothUnion(smoothUnion(smoothUnion(ped, lamina, 3), transverse, 3), Math.min(superiorFacet, inferiorFacet), 2.5));
    }
    // A sagittal plate sloping down and back: hatchet-shaped in the lumbar spine, long and steep in the thoracic.
    const slope = Math.tan(d.spinousTiltDeg * DEG);
    const spinousCentreY = pedicle[1] - halfH * 0.3 - Math.max(0, laminaBack - z) * slope;
    const spinous = Math.min(
      verticalPlate(x, y, z, 0, laminaBack + 2, 0, spinousEnd[2] + 3, spinousCentreY, spinousHalfHeight, 2.6, 1.8),
      ellipsoid(x, y, z, 0, spinousEnd[1] - 1, spinousEnd[2] + 2.5, 3.2, spinousHalfHeight + 1, 4),
    );
    arch = smoothUnion(arch, spinous, 3.5);

    const joined = smoothUnion(body, arch, 2.5);
    const canalHole = (Math.hypot(x / (d.canalWidth / 2), (z - canal[2]) / (d.canalDepth / 2)) - 1) * Math.min(d.canalWidth, d.canalDepth) / 2;
    return smoothSubtract(joined, canalHole, 1.5);
  };
}

/** A box that holds every part of the vertebra. */
export function vertebraBounds(d: VertebraDimensions): Bounds {
  const { junction, canal } = vertebraLandmarks(d);
  const halfH = d.bodyHeight / 2;
  const lateral = Math.max(d.bodyWidth / 2, junction[0] + d.transverseLength + 5) + 3;
  const back = canal[2] - d.canalDepth - d.spinousLength - 8;
  const below = -halfH - halfH * 0.45 - 4 - d.spinousLength * Math.sin(d.spinousTiltDeg * DEG);
  return { min: [-lateral, below, back], max: [lateral, halfH * 1.6 + 4, d.bodyDepth / 2 + 2] };
}
