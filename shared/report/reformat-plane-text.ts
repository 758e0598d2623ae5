/**
 * A reformatted plane written as one line of text, so that a measurement drawn on a reformat can travel in
 * an SR (beside its SCOORD3D points, which say where it is in the patient) and be put back on the same
 * plane: "sagittal of <series UID>; origin x, y, z; row x, y, z; column x, y, z; spacing row, column mm"
 * (commas, not backslashes, which DICOM readers may take for value separators).
 */
import type { ReformatOrientation, ReformatPlane, Vec3 } from '../model/types';

const triple = (v: Vec3) => [v.x, v.y, v.z].join(', ');

export function reformatPlaneText(plane: ReformatPlane): string {
  return `${plane.orientation} of ${plane.seriesInstanceUid}; origin ${triple(plane.origin)}; row ${triple(plane.rowDirection)}; column ${triple(plane.columnDirection)}; spacing ${plane.rowSpacingMm}, ${plane.columnSpacingMm} mm`;
}

const NUMBER = '(-?[0-9.]+(?:e[-+]?[0-9]+)?)';
const TRIPLE = `${NUMBER}, ${NUMBER}, ${NUMBER}`;
const PATTERN = new RegExp(`^(sagittal|coronal|axial) of ([0-9.]+); origin ${TRIPLE}; row ${TRIPLE}; column ${TRIPLE}; spacing ${NUMBER}, ${NUMBER} mm$`);

export function reformatPlaneFromText(text: string): ReformatPlane | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const n = match.slice(3).map(Number);
  if (n.some((value) => !Number.isFinite(value))) return undefined;
  const vec = (i: number): Vec3 => ({ x: n[i], y: n[i + 1], z: n[i + 2] });
  return {
    kind: 'reformat',
    orientation: match[1] as ReformatOrientation,
    seriesInstanceUid: match[2],
    origin: vec(0),
    rowDirection: vec(3),
    columnDirection: vec(6),
    rowSpacingMm: n[9],
    columnSpacingMm: n[10],
  };
}
