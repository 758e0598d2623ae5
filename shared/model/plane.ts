/**
 * Where an annotation lives, and how a point on a reformatted plane maps to the patient and back
 * (DICOM PS3.3 C.7.6.2.1.1: P = S + X·Δi·i + Y·Δj·j, with Δi the column spacing and Δj the row spacing).
 */
import { withEveryHandleMoved } from '../measure/definitions';
import type { Vec2 } from '../measure/types';
import type { Annotation, AnnotationPlane, ReformatPlane, StudyAnnotations, Vec3 } from './types';

function add(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x + b.x, y: a.y + b.y, z: a.z + b.z };
}

function subtract(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x - b.x, y: a.y - b.y, z: a.z - b.z };
}

function scale(v: Vec3, factor: number): Vec3 {
  return { x: v.x * factor, y: v.y * factor, z: v.z * factor };
}

function dot(a: Vec3, b: Vec3): number {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

/** Unit normal of a reformat (row × column direction). */
export function planeNormal(plane: ReformatPlane): Vec3 {
  const n = cross(plane.rowDirection, plane.columnDirection);
  return scale(n, 1 / Math.hypot(n.x, n.y, n.z));
}

/** Patient position (LPS mm) of a pixel position on a reformatted plane. */
export function patientPointOf(plane: ReformatPlane, point: Vec2): Vec3 {
  return add(
    plane.origin,
    add(scale(plane.rowDirection, point.x * plane.columnSpacingMm), scale(plane.columnDirection, point.y * plane.rowSpacingMm)),
  );
}

/** Pixel position on a reformatted plane of a patient point (projected onto the plane). */
export function planePointOf(plane: ReformatPlane, patient: Vec3): Vec2 {
  const offset = subtract(patient, plane.origin);
  return {
    x: dot(offset, plane.rowDirection) / plane.columnSpacingMm,
    y: dot(offset, plane.columnDirection) / plane.rowSpacingMm,
  };
}

/** Millimetres rounded to a micrometre, so that float noise does not split one plane into two keys. */
function micrometres(mm: number): string {
  return (Math.round(mm * 1000) / 1000).toFixed(3);
}

/**
 * A stable string naming a plane, for grouping and caching. Reformats are named by series, orientation and
 * the position along their normal; use `annotationsOnPlane` to match planes with a tolerance.
 */
export function planeKey(plane: AnnotationPlane): string {
  if (plane.kind === 'image') return `image:${plane.sopInstanceUid}:${plane.frameIndex}`;
  return `reformat:${plane.seriesInstanceUid}:${plane.orientation}:${micrometres(dot(plane.origin, planeNormal(plane)))}`;
}

/** Normals within about 0.5° count as parallel: viewports rebuild directions with float noise. */
const PARALLEL_COSINE = Math.cos((0.5 * Math.PI) / 180);

/**
 * The same slab of the volume: same series and orientation, parallel, and less than half a voxel apart
 * along the normal. The plane has no slice spacing of its own, so the voxel is taken as the finer of its
 * two pixel spacings — for a reformat of an axial series that is the in-plane spacing of the slices,
 * which is also the step between neighbouring sagittal or coronal planes.
 */
export function isSameReformat(a: ReformatPlane, b: ReformatPlane): boolean {
  if (a.seriesInstanceUid !== b.seriesInstanceUid || a.orientation !== b.orientation) return false;
  const normal = planeNormal(b);
  if (Math.abs(dot(planeNormal(a), normal)) < PARALLEL_COSINE) return false;
  const halfVoxel = Math.min(b.rowSpacingMm, b.columnSpacingMm) / 2;
  return Math.abs(dot(subtract(a.origin, b.origin), normal)) < halfVoxel;
}

function mapPoint(from: ReformatPlane, to: ReformatPlane, point: Vec2): Vec2 {
  return planePointOf(to, patientPointOf(from, point));
}

/** The annotation re-expressed in the pixel coordinates of another reformat of the same slab. */
function moveToReformat(annotation: Annotation, from: ReformatPlane, to: ReformatPlane): Annotation {
  return { ...withEveryHandleMoved(annotation, (p) => mapPoint(from, to, p)), plane: to };
}

/**
 * Whether two planes show the same pixels: acquired images by SOP instance and frame, so a measurement
 * never shows on every image (OHIF issue #4840); reformats by geometry (`isSameReformat`).
 */
export function samePlane(a: AnnotationPlane, b: AnnotationPlane): boolean {
  if (a.kind === 'image') return b.kind === 'image' && a.sopInstanceUid === b.sopInstanceUid && a.frameIndex === b.frameIndex;
  return b.kind === 'reformat' && isSameReformat(a, b);
}

/**
 * The annotations to draw on a plane (`samePlane`); those of reformats come back in the pixel
 * coordinates of the plane asked for, ready to draw.
 */
export function annotationsOnPlane(doc: StudyAnnotations, plane: AnnotationPlane): Annotation[] {
  return doc.annotations.flatMap((a) => {
    if (!samePlane(a.plane, plane)) return [];
    return a.plane.kind === 'reformat' && plane.kind === 'reformat' ? [moveToReformat(a, a.plane, plane)] : [a];
  });
}
