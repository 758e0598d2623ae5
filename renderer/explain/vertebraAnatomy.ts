import type { SpineLevel } from '../../shared/procedure/types';
import { SPINE_LEVELS } from '../../shared/procedure/spineLevels';
import { capsule, ellipsoid, smoothSubtract, smoothUnion, verticalPlate, type Sdf } from './sdf';
import { levelMorphometry, type LevelMorphometry } from './vertebraMorphometry';
import type { Bounds } from './marchingCubes';

/**
 * Dimensions of one vertebra in millimetres and degrees: the level's published means (see
 * vertebraMorphometry.ts) with the body sized to its height. Axes: x to the patient's left, y up
 * (head), z forward (anterior); the origin is the centre of the vertebral body.
 */
export interface VertebraDimensions extends Omit<LevelMorphometry, 'endplateWidth' | 'endplateDepth'> {
  bodyWidth: number;
  bodyDepth: number;
  bodyHeight: number;
  /** From the body's back wall to where the pedicle meets the lamina. */
  pedicleLength: number;
  /** How far back the transverse processes sweep: thoracic ones reach back to meet the ribs. */
  transverseBackDeg: number;
}

/** 0 for mid-thoracic form, 1 for lumbar form; T11–T12 are transitional. */
export function lumbarForm(level: SpineLevel): number {
  const index = SPINE_LEVELS.indexOf(level);
  return Math.min(1, Math.max(0, (index - 9) / 3));
}

export function vertebraDimensions(level: SpineLevel, bodyHeight: number): VertebraDimensions {
  const { endplateWidth, endplateDepth, ...posterior } = levelMorphometry(level);
  return {
    ...posterior,
    bodyWidth: endplateWidth,
    bodyDepth: endplateDepth,
    bodyHeight,
    // The pedicles span about the front half of the canal's depth.
    pedicleLength: Math.max(8, 0.55 * posterior.canalDepth),
    transverseBackDeg: 30 - 25 * lumbarForm(level),
  };
}

/** Landmarks shared by the shape, the needle paths and the screws. */
export interface VertebraLandmarks {
  /** Middle of the left pedicle, at its isthmus (the right one mirrors x). */
  pedicle: [number, number, number];
  /** Centre of the spinal canal. */
  canal: [number, number, number];
  /** Where the left pedicle meets the lamina, the transverse process and the articular processes. */
  junction: [number, number, number];
}

const DEG = Math.PI / 180;

/** Pedicles sit on the upper part of the body, their top a little below the superior endplate. */
function pedicleHeightMm(d: VertebraDimensions): number {
  return Math.min(d.pedicleHeight, 0.8 * d.bodyHeight);
}

export function vertebraLandmarks(d: VertebraDimensions): VertebraLandmarks {
  const back = -d.bodyDepth / 2;
  const ph = pedicleHeightMm(d);
  const py = d.bodyHeight / 2 - ph / 2 - 1.5;
  // The interpedicular distance is between the pedicles' medial walls.
  const px = d.canalWidth / 2 + d.pedicleWidth / 2;
  const half = d.pedicleLength / 2;
  return {
    pedicle: [px, py, back - half],
    canal: [0, 0, back - d.canalDepth / 2],
    junction: [px + half * Math.tan(d.pedicleTransverseDeg * DEG), py + half * Math.tan(d.pedicleSagittalDeg * DEG), back - d.pedicleLength],
  };
}

/** Lamina thickness, about 7 mm at every level (Egwu et al., J Anat Soc India 2019: 6.6–7.3 mm, T2–T9). */
const LAMINA_THICKNESS_MM = 6.5;

/** Where the spinous process starts (the canal's posterior margin in the midline) and its tip. */
export function spinousAxis(d: VertebraDimensions): { root: [number, number, number]; tip: [number, number, number] } {
  const { pedicle } = vertebraLandmarks(d);
  const rootY = laminaTop(d, pedicle[1]) - 0.45 * d.laminaHeight;
  const rootZ = -d.bodyDepth / 2 - d.canalDepth;
  const tilt = d.spinousTiltDeg * DEG;
  return { root: [0, rootY, rootZ], tip: [0, rootY - d.spinousLength * Math.sin(tilt), rootZ - d.spinousLength * Math.cos(tilt)] };
}

function laminaTop(d: VertebraDimensions, pedicleY: number): number {
  return pedicleY + pedicleHeightMm(d) / 2;
}

/**
 * An articular process as a flattened ellipsoid whose broad face is the facet, its plane turned
 * `angleDeg` from the sagittal plane about the vertical (facing back at 90°, medially at 0°).
 */
function articularProcess(x: number, y: number, z: number, cx: number, cy: number, cz: number, side: number, d: VertebraDimensions): number {
  const a = d.facetAngleDeg * DEG;
  const px = x - cx, pz = z - cz;
  // The facet's normal, for the left side: back and towards the midline.
  const nx = -side * Math.cos(a), nz = -Math.sin(a);
  const across = px * nx + pz * nz;
  const along = px * -nz + pz * nx;
  return ellipsoid(along, y, across, 0, cy, 0, d.facetWidth / 2, d.facetHeight / 2, 2.6);
}

/** A capsule along a segment in the sagittal plane, its cross-section `halfWidth` across and `halfHeight` in the plane. */
function sagittalBar(x: number, y: number, z: number, a: [number, number, number], b: [number, number, number], halfWidth: number, halfHeight: number): number {
  // Turn the point about x so that the segment runs along -z, then stretch the capsule vertically.
  const angle = Math.atan2(a[1] - b[1], a[2] - b[2]);
  const c = Math.cos(angle), s = Math.sin(angle);
  const py = y - a[1], pz = z - a[2];
  const ry = c * py - s * pz, rz = s * py + c * pz;
  const length = Math.hypot(b[1] - a[1], b[2] - a[2]);
  return capsule(x, ry, rz, 0, 0, 0, 0, 0, -length, halfWidth, 1, halfHeight / halfWidth, 1);
}

/** The vertebra as one signed distance field: body with endplates, pedicles, laminae, processes and facets. */
export function vertebraSdf(d: VertebraDimensions): Sdf {
  const { pedicle, canal, junction } = vertebraLandmarks(d);
  const halfW = d.bodyWidth / 2, halfD = d.bodyDepth / 2, halfH = d.bodyHeight / 2;
  const back = -halfD;
  const lumbar = d.spinousTiltDeg < 20 ? 1 : 0;
  const ph = pedicleHeightMm(d);
  const pr = d.pedicleWidth / 2;
  const top = laminaTop(d, pedicle[1]);
  const laminaMidZ = back - d.canalDepth - LAMINA_THICKNESS_MM / 2;
  const { root, tip } = spinousAxis(d);
  /** The point on the spinous axis `fromTip` millimetres before its tip: capsules end their radius short of it. */
  const alongSpinous = (fromTip: number): [number, number, number] => {
    const u = 1 - fromTip / d.spinousLength;
    return [0, root[1] + (tip[1] - root[1]) * u, root[2] + (tip[2] - root[2]) * u];
  };
  const spinousWidth = 2.6 + 0.6 * lumbar;
  const tubercle = 3.2 + 0.2 * lumbar;
  const tpBack = d.transverseBackDeg * DEG;
  const tpReach = d.transverseWidth / 2 - junction[0];
  // Pedicle axis, front end inside the body: it converges medially going forward (pedicleTransverseDeg).
  const front: [number, number, number] = [
    pedicle[0] - (d.pedicleLength / 2 + 3) * Math.tan(d.pedicleTransverseDeg * DEG),
    pedicle[1] - (d.pedicleLength / 2 + 3) * Math.tan(d.pedicleSagittalDeg * DEG),
    back + 3,
  ];
  const superiorY = top + d.facetHeight * 0.15;
  const inferiorY = top - d.laminaHeight - d.facetHeight * 0.1;
  const inferiorInset = d.facetWidth * (0.15 + 0.2 * lumbar);

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

    const s = x < 0 ? -1 : 1;
    const ax = s * x;
    // Only one side is evaluated: the arch is symmetric, and each side's parts lie on its own side.
    const ped = capsule(ax, y, z, front[0], front[1], front[2], junction[0], junction[1], junction[2], pr, 1, ph / d.pedicleWidth, 1);
    const lamina = verticalPlate(ax, y, z, junction[0], junction[2] - 1, 0, laminaMidZ, top - d.laminaHeight / 2, d.laminaHeight / 2, LAMINA_THICKNESS_MM / 2, 2);
    const tpTip: [number, number, number] = [d.transverseWidth / 2 - (lumbar ? 2.6 : 4.6), junction[1] + 2 * (1 - lumbar), junction[2] - tpReach * Math.tan(tpBack)];
    const transverse = lumbar
      ? capsule(ax, y, z, junction[0], junction[1], junction[2], tpTip[0], tpTip[1], tpTip[2], 2.6, 1, 1.9, 1)
      : Math.min(capsule(ax, y, z, junction[0], junction[1], junction[2], tpTip[0], tpTip[1], tpTip[2], 3.4, 1, 1.2, 1), ellipsoid(ax, y, z, tpTip[0], tpTip[1], tpTip[2], 4.6, 5, 4.6));
    const superior = articularProcess(ax, y, z, junction[0] + 1 + lumbar, superiorY, junction[2] - 1 - lumbar, 1, d);
    const inferior = articularProcess(ax, y, z, junction[0] - inferiorInset, inferiorY, laminaMidZ + 1 - (3 - lumbar), 1, d);
    const arch = smoothUnion(smoothUnion(smoothUnion(ped, lamina, 2.5), transverse, 3), Math.min(superior, inferior), 3);

    // Thoracic: long, slender and sloping down over the level below; lumbar: short, level and broad (hatchet-shaped).
    // It deepens towards its tip, where the tubercle ends the process: over most of a lumbar process's
    // length, and flared into the shaft rather than set on it as a knob.
    const spinous = smoothUnion(
      sagittalBar(x, y, z, root, alongSpinous(spinousWidth), spinousWidth, d.spinousHeight * 0.3),
      sagittalBar(x, y, z, alongSpinous(tubercle + 6 + 8 * lumbar), alongSpinous(tubercle), tubercle, d.spinousHeight / 2),
      4,
    );
    const posterior = smoothUnion(arch, spinous, 3);
    const joined = smoothUnion(body, posterior, 2);
    const canalHole = (Math.hypot(x / (d.canalWidth / 2), (z - canal[2]) / (d.canalDepth / 2)) - 1) * Math.min(d.canalWidth, d.canalDepth) / 2;
    return smoothSubtract(joined, canalHole, 1.5);
  };
}

/** A box that holds every part of the vertebra. */
export function vertebraBounds(d: VertebraDimensions): Bounds {
  const { pedicle } = vertebraLandmarks(d);
  const { tip } = spinousAxis(d);
  const halfH = d.bodyHeight / 2;
  const top = laminaTop(d, pedicle[1]);
  const lateral = Math.max(d.bodyWidth / 2, d.transverseWidth / 2 + 2) + 3;
  const above = Math.max(halfH, top + d.facetHeight * 0.65) + 3;
  const below = Math.min(-halfH, tip[1] - d.spinousHeight / 2 - 1, top - d.laminaHeight - d.facetHeight * 0.6) - 3;
  return { min: [-lateral, below, tip[2] - 6], max: [lateral, above, d.bodyDepth / 2 + 2] };
}
