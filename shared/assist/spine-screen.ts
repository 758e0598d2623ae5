/**
 * Screening a CT for vertebral fractures: the mid-sagittal plane from the spinal canal, every vertebral
 * body on it proposed with six points, measured and graded by the project's own measurement engine
 * (shared/measure: heights, ratios, RadElement height loss, suggested Genant grade), and levels counted
 * up from S1 where the scan shows the sacrum, or from T12 where it shows the ribs (level-anchors.ts).
 * A proposal for the reader to check, not a diagnosis.
 */
import type { PixelSpacing } from '../calibration';
import { anatomicalDirections } from '../measure/anatomical-directions';
import { VERTEBRAL_LEVELS } from '../measure/levels';
import { SIX_POINT_NAMES } from '../measure/six-points';
import type { GenantGrade, HeightLoss, ImageOrientation, MorphometryRatios, PlacedVertebra, SixPoints, VertebralHeights, VertebralLevel } from '../measure/types';
import { measureVertebra } from '../measure/vertebra';
import { imagePointToPatient, patientToImagePoint, reslice, resliceGeometry, type ResliceImage } from '../volume/reslice';
import { add, dot, subtract, type Vec3 } from '../volume/vec3';
import type { Volume } from '../volume/volume';
import { bodySeeds } from './body-seeds';
import { traceCanal } from './canal-trace';
import { proposeSixPoints } from './ct-proposal';
import { besideBody, proposeLevels } from './level-anchors';
import type { PlaneImage, Vec2 } from './types';
import { median } from '../statistics';

/** The canal must be found on at least this many axial images (4 mm apart) to place a plane. */
const MIN_CANAL_SAMPLES = 3;
/** Canal centres further than this from the chosen plane mean the spine leaves it (scoliosis, rotation). */
const OFF_PLANE_WARNING_MM = 4;
/** Two seeds whose proposals' centres are closer than this found the same body. */
const SAME_BODY_MM = 6;

export interface ScreenedVertebra {
  /** 1 for the highest body proposed on the plane, counting down. */
  readonly order: number;
  /** Proposed level, present only when the levels are anchored (see SpineScreening.levels). */
  readonly level?: VertebralLevel;
  /** Six points in pixels of `plane` (annotation convention). */
  readonly points: SixPoints;
  /** The same points in patient LPS mm. */
  readonly patientPoints: Readonly<Record<keyof SixPoints, Vec3>>;
  readonly heights: VertebralHeights;
  readonly ratios: MorphometryRatios;
  readonly loss: HeightLoss;
  readonly suggestedGrade: GenantGrade;
  /** Suggested grade ≥ 1 (Genant 1993): for the reader to look at first. */
  readonly proposedFracture: boolean;
  readonly confidence: number;
  readonly warnings: readonly string[];
}

export interface SpineScreening {
  /** The mid-sagittal reformat the bodies were found on, with its geometry. */
  readonly plane: ResliceImage;
  readonly spacing: PixelSpacing;
  readonly orientation: ImageOrientation;
  /** Canal centres found on the axial images, patient LPS mm. */
  readonly canal: readonly Vec3[];
  readonly levels: { readonly anchored: boolean; readonly explanation: string };
  readonly vertebrae: readonly ScreenedVertebra[];
  /** Bodies seen in front of the canal but not proposed, and why (cut by the scan's edge, for example). */
  readonly notProposed: readonly { readonly seed: Vec2; readonly reason: string }[];
  readonly warnings: readonly string[];
}

export type ScreeningResult = SpineScreening | { readonly error: string };


/** Annotation pixel points put pixel centres at +0.5; reslice geometry puts them at whole numbers. */
const toPatient = (plane: ResliceImage, p: Vec2): Vec3 => imagePointToPatient(plane, { x: p.x - 0.5, y: p.y - 0.5 });

function centreOf(points: SixPoints): Vec2 {
  const all = SIX_POINT_NAMES.map((name) => points[name]);
  return { x: all.reduce((s, p) => s + p.x, 0) / all.length, y: all.reduce((s, p) => s + p.y, 0) / all.length };
}

/**
 * The sagittal grid plane through the canal's median left–right position. Reformats follow the volume's
 * grid (shared/volume/reslice.ts), so a spine that leaves that plane is reported, not followed.
 */
function midSagittalPlane(volume: Volume, canal: readonly Vec3[]): { plane: ResliceImage; offPlaneMm: number } {
  const normal = resliceGeometry(volume, 'sagittal', { index: 0 }).normal;
  const positions = canal.map((c) => dot(c, normal));
  const positionMm = median(positions);
  const plane = reslice(volume, 'sagittal', { positionMm });
  return { plane, offPlaneMm: Math.max(...positions.map((p) => Math.abs(p - plane.positionMm))) };
}

/** Reference words without the working labels, which are not levels. */
function withoutWorkingLabels(text: string, above: string | undefined, below: string | undefined): string {
  let words = text;
  if (above) words = words.replace(new RegExp(`\\b${above}\\b`, 'g'), 'the body above');
  if (below) words = words.replace(new RegExp(`\\b${below}\\b`, 'g'), 'the body below');
  return words;
}

export function screenSpine(volume: Volume): ScreeningResult {
  const canal = traceCanal(volume).map((sample) => sample.centre);
  if (canal.length < MIN_CANAL_SAMPLES) {
    return { error: 'The spinal canal was not found on this CT (no closed vertebral ring on enough axial images), so the mid-sagittal plane cannot be placed.' };
  }
  const warnings: string[] = [];
  const { plane, offPlaneMm } = midSagittalPlane(volume, canal);
  if (offPlaneMm > OFF_PLANE_WARNING_MM) {
    warnings.push(`The canal strays up to ${offPlaneMm.toFixed(0)} mm from the mid-sagittal plane (scoliosis or rotation?): bodies away from it are measured off their middle.`);
  }
  const spacing: PixelSpacing = { rowMm: plane.rowSpacingMm, columnMm: plane.columnSpacingMm, source: 'calibrated', note: 'CT reformat: Pixel Spacing and slice positions' };
  const orientation = anatomicalDirections({ imageOrientationPatient: [...plane.rowDirection, ...plane.columnDirection] });
  const image: PlaneImage = { width: plane.width, height: plane.height, pixels: plane.pixels, spacing, orientation };
  const canalOnPlane = canal.map((c) => {
    const p = patientToImagePoint(plane, c);
    return { x: p.x + 0.5, y: p.y + 0.5 };
  });

  const proposals: { order: number; points: SixPoints; confidence: number; warnings: readonly string[] }[] = [];
  const notProposed: { seed: Vec2; reason: string }[] = [];
  bodySeeds(image, canalOnPlane).forEach((seed, order) => {
    const result = proposeSixPoints(image, seed);
    if (!result.ok) {
      notProposed.push({ seed, reason: result.reason });
      return;
    }
    const centre = centreOf(result.points);
    const duplicate = proposals.some((p) => {
      const other = centreOf(p.points);
      return Math.hypot((other.x - centre.x) * spacing.columnMm, (other.y - centre.y) * spacing.rowMm) < SAME_BODY_MM;
    });
    if (!duplicate) proposals.push({ order, points: result.points, confidence: result.confidence, warnings: result.warnings });
  });

  const centres = proposals.map((p) => toPatient(plane, centreOf(p.points)));
  const beside = centres.map((c) => besideBody(volume, c));
  // The sacrum is not measured: bodies from the first with alae down are dropped, and S1 anchors the count
  // (a scan of the sacrum alone has nothing to count up from it).
  const sacral = beside.findIndex((b) => b.alae);
  const firstSacral = sacral > 0 ? sacral : -1;
  if (firstSacral > 0) {
    proposals.splice(firstSacral);
    centres.splice(firstSacral);
    beside.splice(firstSacral);
    warnings.push('The sacrum is on the scan: its bodies are not measured.');
  }
  const last = centres.length - 1;
  // S1 may not be proposed (no disc below it); one body spacing below the last body is where it would be.
  const sacrumBelow = firstSacral > 0 || (last >= 1 && besideBody(volume, add(centres[last], subtract(centres[last], centres[last - 1]))).alae);
  const ribs = beside.map((b) => b.ribs);
  const levelProposal = proposeLevels(ribs, sacrumBelow);
  // The measurement engine keys vertebrae by level; without an anchor, working labels stand in and are not reported.
  const anchoredLevels = levelProposal.anchored && levelProposal.levels.every((l) => l !== undefined) ? (levelProposal.levels as VertebralLevel[]) : undefined;
  const labels = anchoredLevels ?? proposals.map((_, i) => VERTEBRAL_LEVELS[Math.min(i, VERTEBRAL_LEVELS.length - 1)]);
  const placed: PlacedVertebra[] = proposals.map((p, i) => ({ level: labels[i], points: p.points }));
  const adjacent = (i: number, j: number) => j >= 0 && j < proposals.length && Math.abs(proposals[i].order - proposals[j].order) === 1;

  const vertebrae = proposals.map((p, i): ScreenedVertebra => {
    const measured = measureVertebra(placed[i], {
      above: adjacent(i, i - 1) ? placed[i - 1] : undefined,
      below: adjacent(i, i + 1) ? placed[i + 1] : undefined,
      spacing,
      orientation,
      reference: 'radelement',
    });
    const level = levelProposal.anchored ? levelProposal.levels[i] : undefined;
    const loss = anchoredLevels
      ? measured.loss
      : { ...measured.loss, referenceDetail: withoutWorkingLabels(measured.loss.referenceDetail, labels[i - 1], labels[i + 1]) };
    return {
      order: i + 1,
      ...(level && { level }),
      points: p.points,
      patientPoints: Object.fromEntries(SIX_POINT_NAMES.map((name) => [name, toPatient(plane, p.points[name])])) as Record<keyof SixPoints, Vec3>,
      heights: measured.heights,
      ratios: measured.ratios,
      loss,
      suggestedGrade: measured.suggestedGrade,
      proposedFracture: measured.suggestedGrade >= 1,
      confidence: p.confidence,
      warnings: p.warnings,
    };
  });

  return { plane, spacing, orientation, canal, levels: { anchored: levelProposal.anchored, explanation: levelProposal.explanation }, vertebrae, notProposed, warnings };
}
