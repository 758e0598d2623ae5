import { Matrix4, Vector3 } from 'three';
import type { PatientSpineShape, SpineLevel, VertebralHeightsMm } from '../../shared/procedure/types';
import { levelsAround, typicalBodyHeightMm } from '../../shared/procedure/spineLevels';
import { lumbarForm, vertebraDimensions, type VertebraDimensions } from './vertebraAnatomy';

const DEG = Math.PI / 180;

export interface ColumnLevel {
  level: SpineLevel;
  dims: VertebraDimensions;
  fractured: boolean;
}

export interface DiscFrames {
  /** The superior endplate of the vertebra below: the disc's lower face. */
  lower: Matrix4;
  /** The inferior endplate of the vertebra above: the disc's upper face. */
  upper: Matrix4;
  width: number;
  depth: number;
}

export interface ColumnLayout {
  /** Vertebra local → column; the fractured vertebra is the identity, so the column turns about it. */
  vertebrae: Matrix4[];
  /** Top to bottom, between consecutive vertebrae. */
  discs: DiscFrames[];
}

/** The drawn levels, top to bottom, sized from the patient's normal heights. */
export function columnLevels(shape: PatientSpineShape): ColumnLevel[] {
  const reference = typicalBodyHeightMm(shape.fracturedLevel);
  return levelsAround(shape.fracturedLevel).map((level) => ({
    level,
    fractured: level === shape.fracturedLevel,
    dims: vertebraDimensions(level, (shape.normalHeightsMm.posterior * typicalBodyHeightMm(level)) / reference),
  }));
}

/** Thoracic discs are thin and lumbar ones thick. */
function discHeightMm(below: SpineLevel): number {
  return 5 + 4 * lumbarForm(below);
}

/**
 * The natural curve outside the fractured segment, per disc by the vertebra below it, kyphosis
 * positive. Thoracic kyphosis T4–T12 is about 40° (Fon et al., AJR 1980: 41 ± 12°; DOMAIN.md §2)
 * over eight segments: 5° a segment. The thoracolumbar junction is about neutral, and lumbar
 * lordosis grows towards the sacrum, L1–S1 about 50° in adults (Bernhardt & Bridwell, Spine 1989,
 * segmental lordosis largest at L4–L5 and L5–S1), so the lower back curves the other way.
 */
const LUMBAR_SEGMENT_DEG: Partial<Record<SpineLevel, number>> = { L1: 0, L2: -4, L3: -7, L4: -10, L5: -14 };
const THORACIC_SEGMENT_DEG = 5;
/** L5–S1, below the drawable levels: with L1–L5's 35° it makes the 50° of L1–S1. */
export const L5_S1_DISC_DEG = -15;

/** The natural angle of the disc above `below`, kyphosis positive. */
export function naturalDiscAngleDeg(below: SpineLevel): number {
  return LUMBAR_SEGMENT_DEG[below] ?? THORACIC_SEGMENT_DEG;
}

function endplateTilt(heights: VertebralHeightsMm, depth: number): number {
  return Math.atan((heights.posterior - heights.anterior) / (2 * depth));
}

const rotX = (angle: number) => new Matrix4().makeRotationX(angle);
const up = (distance: number) => new Matrix4().makeTranslation(0, distance, 0);

/**
 * Chains the vertebrae and discs outward from the fractured one. The local kyphosis (superior
 * endplate above to inferior endplate below) is the fractured body's wedge plus the two adjacent
 * discs, so those discs take whatever angle the measured kyphosis leaves after the wedge.
 */
export function layoutColumn(levels: ColumnLevel[], heights: VertebralHeightsMm, kyphosisDeg: number): ColumnLayout {
  const f = levels.findIndex((l) => l.fractured);
  const fd = levels[f].dims;
  const tilt = endplateTilt(heights, fd.bodyDepth);
  // Each endplate carries half of the body's wedge (the body is squashed about its centre).
  const wedgeDeg = (2 * tilt) / DEG;
  const adjacentDiscDeg = (kyphosisDeg - wedgeDeg) / 2;
  const centre = (heights.anterior + heights.posterior) / 4;

  const vertebrae: Matrix4[] = levels.map(() => new Matrix4());
  const discs: DiscFrames[] = [];
  const discAngle = (indexAbove: number) =>
    (indexAbove === f - 1 || indexAbove === f ? adjacentDiscDeg : naturalDiscAngleDeg(levels[indexAbove + 1].level)) * DEG;

  // Upwards: each disc sits on the superior endplate below it and tilts its upper face by its angle.
  let superior = up(centre).multiply(rotX(tilt));
  for (let i = f - 1; i >= 0; i--) {
    const h = discHeightMm(levels[i + 1].level);
    const upper = superior.clone().multiply(up(h)).multiply(rotX(discAngle(i)));
    discs.unshift({ lower: superior, upper, width: levels[i + 1].dims.bodyWidth, depth: levels[i + 1].dims.bodyDepth });
    vertebrae[i] = upper.clone().multiply(up(levels[i].dims.bodyHeight / 2));
    superior = vertebrae[i].clone().multiply(up(levels[i].dims.bodyHeight / 2));
  }
  // Downwards: the same chain in reverse from the fractured body's inferior endplate.
  let inferior = up(-centre).multiply(rotX(-tilt));
  for (let i = f + 1; i < levels.length; i++) {
    const h = discHeightMm(levels[i].level);
    const lower = inferior.clone().multiply(rotX(-discAngle(i - 1))).multiply(up(-h));
    discs.push({ lower, upper: inferior, width: levels[i].dims.bodyWidth, depth: levels[i].dims.bodyDepth });
    vertebrae[i] = lower.clone().multiply(up(-levels[i].dims.bodyHeight / 2));
    inferior = vertebrae[i].clone().multiply(up(-levels[i].dims.bodyHeight / 2));
  }
  return { vertebrae, discs };
}

/** The angle between two frames' y axes in the sagittal plane, kyphosis positive. */
export function sagittalAngleDeg(from: Matrix4, to: Matrix4): number {
  const a = new Vector3(0, 1, 0).transformDirection(from);
  const b = new Vector3(0, 1, 0).transformDirection(to);
  return (Math.atan2(a.y * b.z - a.z * b.y, a.y * b.y + a.z * b.z) * 180) / Math.PI;
}
