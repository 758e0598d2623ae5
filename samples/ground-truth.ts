import { ctOrigin, ctSliceZ, type CtGeometry } from './modalities/ct';
import { mrOrigin, type MrGeometry } from './modalities/mr';
import { objectPixelMm, radiographOrigin, type RadiographGeometry } from './modalities/radiograph';
import { SIX_POINTS, type SagittalPoint, type SixPoints, type VertebraTruth } from './phantom/morphometry';

/**
 * Where the six morphometry points of each vertebra fall in each image meant for measuring.
 *
 * Pixel convention (cornerstone image coordinates): x = column, y = row, continuous; the top-left
 * corner of the image is (0, 0), so the centre of pixel (column c, row r) is (c + 0.5, r + 0.5).
 */
export const PIXEL_CONVENTION =
  'x = column, y = row, continuous image coordinates: the top-left corner of the image is (0, 0) and the centre of pixel (column c, row r) is (c + 0.5, r + 0.5), as in cornerstone.';

export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

export interface ImageVertebraPoints {
  readonly level: string;
  readonly points: SixPoints<ImagePoint>;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

function mapPoints(truth: VertebraTruth, map: (point: SagittalPoint) => ImagePoint): SixPoints<ImagePoint> {
  return Object.fromEntries(SIX_POINTS.map((name) => [name, map(truth.points[name])])) as Record<(typeof SIX_POINTS)[number], ImagePoint>;
}

const inside = (points: SixPoints<ImagePoint>, columns: number, rows: number): boolean =>
  SIX_POINTS.every((name) => points[name].x > 0 && points[name].x < columns && points[name].y > 0 && points[name].y < rows);

/** Image rows run down −z and columns along +y, with the given top-left pixel centre and spacing. */
function sagittalImagePoints(truths: readonly VertebraTruth[], originY: number, originZ: number, spacing: number, columns: number, rows: number): ImageVertebraPoints[] {
  return truths
    .map((truth) => ({
      level: truth.level,
      points: mapPoints(truth, (p) => ({ x: round((p.y - originY) / spacing + 0.5, 4), y: round((originZ - p.z) / spacing + 0.5, 4) })),
    }))
    .filter((entry) => inside(entry.points, columns, rows));
}

export function radiographPoints(truths: readonly VertebraTruth[], geometry: RadiographGeometry): ImageVertebraPoints[] {
  const origin = radiographOrigin(geometry);
  return sagittalImagePoints(truths, origin.y, origin.z, objectPixelMm(geometry), geometry.columns, geometry.rows);
}

export function mrPoints(truths: readonly VertebraTruth[], geometry: MrGeometry): ImageVertebraPoints[] {
  const origin = mrOrigin(geometry);
  return sagittalImagePoints(truths, origin.y, origin.z, geometry.pixelMm, geometry.columns, geometry.rows);
}

export interface PatientVertebraPoints {
  readonly level: string;
  /** [x, y, z] in patient LPS mm. */
  readonly points: SixPoints<readonly [number, number, number]>;
}

/** CT: points in patient coordinates on the mid-sagittal plane x = 0, for vertebrae inside the scanned range. */
export function ctPoints(truths: readonly VertebraTruth[], geometry: CtGeometry): PatientVertebraPoints[] {
  const top = ctSliceZ(geometry, 0);
  const bottom = ctSliceZ(geometry, geometry.slices - 1);
  const origin = ctOrigin(geometry);
  const far = origin.y + geometry.rows * geometry.pixelMm;
  return truths
    .filter((truth) => SIX_POINTS.every((name) => truth.points[name].z < top && truth.points[name].z > bottom && truth.points[name].y > origin.y && truth.points[name].y < far))
    .map((truth) => ({
      level: truth.level,
      points: Object.fromEntries(SIX_POINTS.map((name) => [name, [0, round(truth.points[name].y, 4), round(truth.points[name].z, 4)] as const])) as Record<
        (typeof SIX_POINTS)[number],
        readonly [number, number, number]
      >,
    }));
}
