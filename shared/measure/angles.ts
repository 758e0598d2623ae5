/**
 * Signed angles between endplate lines: vertebral wedge angle, local kyphosis and Cobb angle
 * (DOMAIN.md §2). All directions are converted to mm before any angle is taken, since non-square
 * pixels bend angles measured in pixel space (DICOM PS3.3 §10.7.1.3).
 */
import type { PixelSpacing } from '../calibration';
import { isVertebralLevel } from './levels';
import { toMillimetres } from './units';
import type {
  AngleKind,
  AngleMeasurement,
  CurvatureDescription,
  Endplate,
  EndplateRef,
  ImageOrientation,
  Line,
  PlacedVertebra,
  SixPoints,
  Vec2,
} from './types';

const DEGREES_PER_RADIAN = 180 / Math.PI;

/** Below half the 0.1° display step an angle reads 0.0°, so it is called straight. */
const STRAIGHT_BELOW_DEG = 0.05;

const dot = (a: Vec2, b: Vec2) => a.x * b.x + a.y * b.y;

function unit(v: Vec2, what: string): Vec2 {
  const length = Math.hypot(v.x, v.y);
  if (!(length > 0) || !Number.isFinite(length)) throw new RangeError(`${what} has no direction`);
  return { x: v.x / length, y: v.y / length };
}

/** A direction scales like a point: column component by column spacing, row component by row spacing. */
function directionMm(line: Line, spacing: PixelSpacing): Vec2 {
  return toMillimetres({ x: line.to.x - line.from.x, y: line.to.y - line.from.y }, spacing);
}

/**
 * Orthonormal patient frame in mm: anterior as given, superior made perpendicular to it on the side
 * the caller's superior points to. Only that side matters, so slightly oblique inputs are tolerated
 * and a mirrored image (anterior flipped) is handled by the caller flipping the vector.
 */
function patientFrame(orientation: ImageOrientation, spacing: PixelSpacing): { anterior: Vec2; superior: Vec2 } {
  const anterior = unit(toMillimetres(orientation.anterior, spacing), 'The anterior direction');
  const s = toMillimetres(orientation.superior, spacing);
  const along = dot(s, anterior);
  const superior = unit({ x: s.x - along * anterior.x, y: s.y - along * anterior.y }, 'The superior direction (parallel to anterior?)');
  return { anterior, superior };
}

type Frame = ReturnType<typeof patientFrame>;

/**
 * Tilt of a line in degrees, positive when its anterior end is the higher one. The line is first
 * pointed anteriorly, so the order in which its ends were clicked does not matter.
 */
function tiltDeg(line: Line, frame: Frame, spacing: PixelSpacing): number {
  const d = unit(directionMm(line, spacing), 'A line whose two ends coincide');
  const sign = dot(d, frame.anterior) < 0 ? -1 : 1;
  return Math.atan2(sign * dot(d, frame.superior), sign * dot(d, frame.anterior)) * DEGREES_PER_RADIAN;
}

function heightAlongSpine(line: Line, frame: Frame, spacing: PixelSpacing): number {
  const mid = toMillimetres({ x: (line.from.x + line.to.x) / 2, y: (line.from.y + line.to.y) / 2 }, spacing);
  return dot(mid, frame.superior);
}

/**
 * Signed angle between two lines, kyphosis positive, lordosis negative (DOMAIN.md §2).
 * Kyphosis means the segment is wedged anteriorly: its anterior height is the shorter, so the upper
 * line's anterior end tilts down relative to the lower line's. The upper line is the one whose
 * midpoint lies further superior, whatever order the lines are passed in. Valid while each line is
 * within 90° of the anterior direction, which holds for every endplate on an upright image; this also
 * keeps Cobb angles above 90° (severe gibbus) correct.
 */
export function signedAngleDeg(a: Line, b: Line, spacing: PixelSpacing, orientation: ImageOrientation): number {
  const frame = patientFrame(orientation, spacing);
  const [upper, lower] =
    heightAlongSpine(a, frame, spacing) >= heightAlongSpine(b, frame, spacing) ? [a, b] : [b, a];
  return tiltDeg(lower, frame, spacing) - tiltDeg(upper, frame, spacing);
}

export function describeCurvature(signedDeg: number): CurvatureDescription {
  if (Math.abs(signedDeg) < STRAIGHT_BELOW_DEG) return 'straight';
  return signedDeg > 0 ? 'kyphosis' : 'lordosis';
}

/** An angle between any two lines (Cobb lines drawn by hand, or endplates), with its words. */
export function measureAngle(
  kind: AngleKind,
  label: string,
  a: Line,
  b: Line,
  spacing: PixelSpacing,
  orientation: ImageOrientation,
): AngleMeasurement {
  const signedDeg = signedAngleDeg(a, b, spacing, orientation);
  return { kind, label, signedDeg, description: describeCurvature(signedDeg) };
}

/** Endplate line through its two corners: superior AS→PS, inferior AI→PI (DOMAIN.md §1–2). */
export function endplateLine(points: SixPoints, endplate: Endplate): Line {
  return endplate === 'superior'
    ? { from: points.anteriorSuperior, to: points.posteriorSuperior }
    : { from: points.anteriorInferior, to: points.posteriorInferior };
}

/** "T12 superior": the endplate in words, as the reader sees it in the panel and every export. */
export function endplateLabel(ref: EndplateRef): string {
  return `${ref.level} ${ref.endplate}`;
}

/**
 * "T12 superior – L2 inferior": every angle is labelled by its two endplates, since variants exist
 * (DOMAIN.md §2). The one label of an engine angle, by which a drawn Cobb angle and a case's truth find it.
 */
export function angleLabel(first: EndplateRef, second: EndplateRef): string {
  return `${endplateLabel(first)} – ${endplateLabel(second)}`;
}

const ENDPLATE_LABEL = /^(\S+) (superior|inferior|sup|inf)$/;

/** An endplate label read back: "T12 superior", or the short "T12 sup" of files written before. */
export function readEndplateLabel(text: string): EndplateRef | undefined {
  const m = ENDPLATE_LABEL.exec(text.trim());
  if (!m || !isVertebralLevel(m[1])) return undefined;
  return { level: m[1], endplate: m[2].startsWith('sup') ? 'superior' : 'inferior' };
}

export interface MeasuredEndplate {
  readonly ref: EndplateRef;
  readonly points: SixPoints;
}

/** Angle between two chosen endplates (Cobb: the end vertebrae's endplates, DOMAIN.md §2). */
export function endplateAngle(
  kind: AngleKind,
  first: MeasuredEndplate,
  second: MeasuredEndplate,
  spacing: PixelSpacing,
  orientation: ImageOrientation,
): AngleMeasurement {
  return measureAngle(
    kind,
    angleLabel(first.ref, second.ref),
    endplateLine(first.points, first.ref.endplate),
    endplateLine(second.points, second.ref.endplate),
    spacing,
    orientation,
  );
}

/**
 * Local (segmental) kyphotic angle: superior endplate of the vertebra above the fracture to the inferior
 * endplate of the vertebra below, spanning both discs (DOMAIN.md §2; ICC 0.79–0.87, PMC2899829).
 */
export function localKyphosis(
  above: PlacedVertebra,
  below: PlacedVertebra,
  spacing: PixelSpacing,
  orientation: ImageOrientation,
): AngleMeasurement {
  return endplateAngle(
    'local-kyphosis',
    { ref: { level: above.level, endplate: 'superior' }, points: above.points },
    { ref: { level: below.level, endplate: 'inferior' }, points: below.points },
    spacing,
    orientation,
  );
}

/** Vertebral (body) wedge angle: between the body's own superior and inferior endplates (DOMAIN.md §2). */
export function vertebralWedgeAngleDeg(points: SixPoints, spacing: PixelSpacing, orientation: ImageOrientation): number {
  return signedAngleDeg(endplateLine(points, 'superior'), endplateLine(points, 'inferior'), spacing, orientation);
}

/**
 * The morphometric estimate of the wedge angle, atan((Hp − Ha) / AP depth) (DOMAIN.md §2:
 * Hp 30.8, Ha 20.2, depth 35 mm → 16.8°). Needs no image, e.g. to shape a vertebra from its heights.
 */
export function wedgeAngleFromHeightsDeg(ha: number, hp: number, apDepth: number): number {
  return Math.atan((hp - ha) / apDepth) * DEGREES_PER_RADIAN;
}
