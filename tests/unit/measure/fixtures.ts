/**
 * Geometry builders for the measurement tests. Bodies are built in millimetres on a sagittal image with
 * the patient facing screen-left (anterior −x, superior −y, rows grow downwards), then converted to pixels.
 */
import type { PixelSpacing } from '../../../shared/calibration';
import type { ImageOrientation, Line, SixPoints, Vec2 } from '../../../shared/measure/types';

export const FACING_LEFT: ImageOrientation = { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } };

export const SQUARE_MM: PixelSpacing = { rowMm: 1, columnMm: 1, source: 'calibrated', note: 'test, 1 mm' };
export const NON_SQUARE: PixelSpacing = { rowMm: 0.5, columnMm: 0.25, source: 'calibrated', note: 'test, 0.5 × 0.25 mm' };

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Unit vectors of an endplate tilted by `tiltDeg` (positive = anterior end higher), facing left:
 * `along` points anteriorly on the endplate, `up` perpendicular towards the head.
 */
function tiltedAxes(tiltDeg: number): { along: Vec2; up: Vec2 } {
  const t = rad(tiltDeg);
  return { along: { x: -Math.cos(t), y: -Math.sin(t) }, up: { x: Math.sin(t), y: -Math.cos(t) } };
}

const plus = (p: Vec2, v: Vec2, k: number): Vec2 => ({ x: p.x + v.x * k, y: p.y + v.y * k });

export interface BodyShape {
  readonly ha: number;
  readonly hp: number;
  /** Defaults to the straight superior endplate's midpoint: (Ha + Hp) / 2. */
  readonly hm?: number;
  readonly depth?: number;
  /** Posterior-inferior corner, mm. */
  readonly origin?: Vec2;
  /** Tilt of the inferior endplate, degrees, positive = anterior end higher. */
  readonly tiltDeg?: number;
}

/**
 * Six points in mm: heights measured perpendicular to the inferior endplate, so Ha, Hm, Hp come out
 * exactly as given; the superior endplate then tilts by atan((Ha − Hp) / depth) relative to the inferior.
 */
export function bodyMm({ ha, hp, hm = (ha + hp) / 2, depth = 35, origin = { x: 100, y: 100 }, tiltDeg = 0 }: BodyShape): SixPoints {
  const { along, up } = tiltedAxes(tiltDeg);
  const anteriorInferior = plus(origin, along, depth);
  const middleInferior = plus(origin, along, depth / 2);
  return {
    posteriorInferior: origin,
    middleInferior,
    anteriorInferior,
    posteriorSuperior: plus(origin, up, hp),
    middleSuperior: plus(middleInferior, up, hm),
    anteriorSuperior: plus(anteriorInferior, up, ha),
  };
}

export function pointToPixels(p: Vec2, spacing: PixelSpacing): Vec2 {
  return { x: p.x / spacing.columnMm, y: p.y / spacing.rowMm };
}

export function pointsToPixels(points: SixPoints, spacing: PixelSpacing): SixPoints {
  const px = (p: Vec2) => pointToPixels(p, spacing);
  return {
    anteriorSuperior: px(points.anteriorSuperior),
    middleSuperior: px(points.middleSuperior),
    posteriorSuperior: px(points.posteriorSuperior),
    anteriorInferior: px(points.anteriorInferior),
    middleInferior: px(points.middleInferior),
    posteriorInferior: px(points.posteriorInferior),
  };
}

/** A 35 mm line through `centre` (mm), tilted by `tiltDeg` (positive = anterior end higher), drawn posterior → anterior. */
export function tiltedLineMm(centre: Vec2, tiltDeg: number, length = 35): Line {
  const { along } = tiltedAxes(tiltDeg);
  return { from: plus(centre, along, -length / 2), to: plus(centre, along, length / 2) };
}

export function lineToPixels(line: Line, spacing: PixelSpacing): Line {
  return { from: pointToPixels(line.from, spacing), to: pointToPixels(line.to, spacing) };
}

export function reversed(line: Line): Line {
  return { from: line.to, to: line.from };
}

/** Mirror left–right about x = width / 2, as a horizontally flipped display of the same image. */
export function flipHorizontally(line: Line, width: number): Line {
  const f = (p: Vec2) => ({ x: width - p.x, y: p.y });
  return { from: f(line.from), to: f(line.to) };
}

export function degreesToRadians(deg: number): number {
  return rad(deg);
}
