import type { ImageOrientation, Vec2 } from './types';

/**
 * Which way is the patient's front and head on an image, in pixel space, so that angles can be
 * signed (kyphosis positive, DOMAIN.md §2) from the header rather than from a guess.
 */
export interface OrientedImage extends ImageOrientation {
  /** 'header' when read from the file; 'assumed' when the file says nothing (front left, head up). */
  readonly source: 'header' | 'assumed';
}

type Triple = readonly [number, number, number];

const ASSUMED: OrientedImage = { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 }, source: 'assumed' };

/**
 * From Image Orientation (Patient) (PS3.3 C.7.6.2.1.1): row direction r and column direction c are
 * unit vectors in LPS patient space. A patient direction d appears in the image as (d·r, d·c).
 * Anterior is −y in LPS, superior is +z.
 */
function fromImageOrientation(iop: readonly number[]): OrientedImage | undefined {
  const r: Triple = [iop[0], iop[1], iop[2]];
  const c: Triple = [iop[3], iop[4], iop[5]];
  const anterior: Vec2 = { x: -r[1], y: -c[1] };
  const superior: Vec2 = { x: r[2], y: c[2] };
  // An axial image has no head-foot direction in plane, a coronal none front-back: nothing to sign with.
  if (Math.hypot(anterior.x, anterior.y) < 0.5 || Math.hypot(superior.x, superior.y) < 0.5) return undefined;
  return { anterior, superior, source: 'header' };
}

/** The pixel direction a Patient Orientation letter (PS3.3 C.7.6.1.1.1) names, for the row or the column. */
function letterDirection(letters: string, along: Vec2, wanted: 'A' | 'P' | 'H' | 'F'): Vec2 | undefined {
  const opposite = { A: 'P', P: 'A', H: 'F', F: 'H' }[wanted];
  const first = letters.charAt(0);
  if (first === wanted) return along;
  if (first === opposite) return { x: -along.x, y: -along.y };
  return undefined;
}

/** From Patient Orientation (0020,0020) of a projection image, e.g. ["P", "F"] on a lateral view. */
function fromPatientOrientation([row, column]: readonly [string, string]): OrientedImage | undefined {
  const right: Vec2 = { x: 1, y: 0 };
  const down: Vec2 = { x: 0, y: 1 };
  const anterior = letterDirection(row, right, 'A') ?? letterDirection(column, down, 'A');
  const superior = letterDirection(column, down, 'H') ?? letterDirection(row, right, 'H');
  return anterior && superior ? { anterior, superior, source: 'header' } : undefined;
}

export function anatomicalDirections(image: {
  readonly imageOrientationPatient?: readonly number[];
  readonly patientOrientation?: readonly [string, string];
}): OrientedImage {
  return (
    (image.imageOrientationPatient && fromImageOrientation(image.imageOrientationPatient)) ||
    (image.patientOrientation && fromPatientOrientation(image.patientOrientation)) ||
    ASSUMED
  );
}
