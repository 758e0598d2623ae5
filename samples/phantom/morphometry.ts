import { angleLabel } from '../../shared/measure/angles';
import { toWorld } from './geometry';
import { middleHeight, type FractureShape } from './fracture';
import type { Level } from './levels';
import type { SpineModel, VertebraModel } from './spine-model';

/**
 * Ground truth for six-point morphometry (DOMAIN.md §1), computed from the model itself.
 * All points lie in the mid-sagittal plane x = 0.
 */
export interface SagittalPoint {
  readonly y: number;
  readonly z: number;
}

export const SIX_POINTS = ['anteriorSuperior', 'middleSuperior', 'posteriorSuperior', 'anteriorInferior', 'middleInferior', 'posteriorInferior'] as const;
export type SixPointName = (typeof SIX_POINTS)[number];
export type SixPoints<P> = Readonly<Record<SixPointName, P>>;

export interface VertebraTruth {
  readonly level: Level;
  readonly ha: number;
  readonly hm: number;
  readonly hp: number;
  readonly haHp: number;
  readonly hmHp: number;
  /** Hp against the mean posterior height of the nearest unfractured vertebra above and below (crush ratio). */
  readonly hpRatioToNeighbours: number;
  /** Percent loss of Ha and Hm against the own posterior wall, and against the nearest normal neighbours. */
  readonly lossPercent: {
    readonly anteriorVsOwnPosterior: number;
    readonly middleVsOwnPosterior: number;
    readonly anteriorVsNeighbours: number;
    readonly middleVsNeighbours: number;
    readonly posteriorVsNeighbours: number;
  };
  /** ACR/RSNA rule (DOMAIN.md §1): the largest loss of Ha, Hm (own posterior or neighbours) or Hp (neighbours). */
  readonly maxLossPercent: number;
  readonly genantGrade: 0 | 1 | 2 | 3;
  /** The lowest of Ha/Hp, Hm/Hp, Hp/Hp′ names the shape; null when the vertebra is not fractured. */
  readonly shape: FractureShape | null;
  /** Angle between the superior and inferior endplate lines, degrees (positive: narrower in front). */
  readonly wedgeAngleDeg: number;
  readonly fractured: boolean;
  readonly acute: boolean | null;
  readonly points: SixPoints<SagittalPoint>;
}

export function sixPoints(vertebra: VertebraModel): SixPoints<SagittalPoint> {
  const { heights, frame } = vertebra;
  const half = vertebra.anatomy.depth / 2;
  const middleTop = (heights.anterior + heights.posterior) / 2 - heights.superiorConcavity;
  return {
    anteriorSuperior: toWorld(frame, -half, heights.anterior),
    middleSuperior: toWorld(frame, 0, middleTop),
    posteriorSuperior: toWorld(frame, half, heights.posterior),
    anteriorInferior: toWorld(frame, -half, 0),
    middleInferior: toWorld(frame, 0, heights.inferiorConcavity),
    posteriorInferior: toWorld(frame, half, 0),
  };
}

export function genantGrade(lossPercent: number): 0 | 1 | 2 | 3 {
  if (lossPercent >= 40) return 3;
  if (lossPercent >= 25) return 2;
  if (lossPercent >= 20) return 1;
  return 0;
}

const distance = (a: SagittalPoint, b: SagittalPoint): number => Math.hypot(a.y - b.y, a.z - b.z);
const percent = (value: number): number => Math.round(value * 1000) / 10;

/** Flexion angle of the line from a to b (anterior → posterior), radians: positive when rising backwards. */
export function lineTilt(a: SagittalPoint, b: SagittalPoint): number {
  return Math.atan2(b.z - a.z, b.y - a.y);
}

export function vertebraTruths(spine: SpineModel): VertebraTruth[] {
  const topDown = [...spine.vertebrae].reverse();
  const nearestNormal = (index: number, step: -1 | 1): VertebraModel | undefined => {
    for (let i = index + step; i >= 0 && i < topDown.length; i += step) if (!topDown[i].fracture) return topDown[i];
    return undefined;
  };
  return topDown.map((vertebra, index) => {
    const points = sixPoints(vertebra);
    const ha = distance(points.anteriorSuperior, points.anteriorInferior);
    const hm = distance(points.middleSuperior, points.middleInferior);
    const hp = distance(points.posteriorSuperior, points.posteriorInferior);
    const neighbours = [nearestNormal(index, -1), nearestNormal(index, 1)].filter((v): v is VertebraModel => v !== undefined);
    const mean = (pick: (v: VertebraModel) => number): number => neighbours.reduce((sum, v) => sum + pick(v), 0) / neighbours.length;
    const refHa = mean((v) => v.heights.anterior);
    const refHm = mean((v) => middleHeight(v.heights));
    const refHp = mean((v) => v.heights.posterior);
    const lossPercent = {
      anteriorVsOwnPosterior: percent(1 - ha / hp),
      middleVsOwnPosterior: percent(1 - hm / hp),
      anteriorVsNeighbours: percent(1 - ha / refHa),
      middleVsNeighbours: percent(1 - hm / refHm),
      posteriorVsNeighbours: percent(1 - hp / refHp),
    };
    const maxLossPercent = Math.max(...Object.values(lossPercent));
    const fracture = vertebra.fracture;
    const ratios: [FractureShape, number][] = [
      ['wedge', ha / hp],
      ['biconcave', hm / hp],
      ['crush', hp / refHp],
    ];
    const lowest = ratios.reduce((a, b) => (b[1] < a[1] ? b : a));
    const wedge = lineTilt(points.anteriorSuperior, points.posteriorSuperior) - lineTilt(points.anteriorInferior, points.posteriorInferior);
    return {
      level: vertebra.level,
      ha,
      hm,
      hp,
      haHp: ha / hp,
      hmHp: hm / hp,
      hpRatioToNeighbours: hp / refHp,
      lossPercent,
      maxLossPercent,
      genantGrade: genantGrade(maxLossPercent),
      shape: fracture ? lowest[0] : null,
      wedgeAngleDeg: (wedge * 180) / Math.PI,
      fractured: fracture !== null,
      acute: fracture ? fracture.acute : null,
      points,
    };
  });
}

export interface SegmentAngle {
  /** e.g. "T12 superior – L2 inferior" (DOMAIN.md §2: always name the two endplates), in the app's own words. */
  readonly label: string;
  readonly upperLevel: Level;
  readonly lowerLevel: Level;
  /** Signed: kyphosis positive, lordosis negative. */
  readonly degrees: number;
  readonly words: string;
}

/** Angle between the superior endplate of `upper` and the inferior endplate of `lower`. */
export function segmentAngle(spine: SpineModel, upper: Level, lower: Level): SegmentAngle {
  const find = (level: Level): VertebraModel => {
    const found = spine.vertebrae.find((v) => v.level === level);
    if (!found) throw new Error(`Level ${level} is not modelled`);
    return found;
  };
  const top = sixPoints(find(upper));
  const bottom = sixPoints(find(lower));
  const radians = lineTilt(top.anteriorSuperior, top.posteriorSuperior) - lineTilt(bottom.anteriorInferior, bottom.posteriorInferior);
  const degrees = (radians * 180) / Math.PI;
  const rounded = Math.abs(degrees).toFixed(1);
  const words = Math.abs(degrees) < 0.5 ? 'straight (no kyphosis or lordosis)' : degrees > 0 ? `${rounded}° of kyphosis` : `${rounded}° of lordosis`;
  return { label: angleLabel({ level: upper, endplate: 'superior' }, { level: lower, endplate: 'inferior' }), upperLevel: upper, lowerLevel: lower, degrees, words };
}
