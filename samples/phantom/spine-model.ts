import { toWorld, type SagittalFrame } from './geometry';
import { fracturedHeights, middleHeight, normalHeights, type BodyHeights, type FractureSpec } from './fracture';
import { LEVELS, NORMAL_ANATOMY, type Level, type LevelAnatomy } from './levels';

export interface VertebraModel {
  readonly level: Level;
  readonly anatomy: LevelAnatomy;
  readonly heights: BodyHeights;
  readonly frame: SagittalFrame;
  readonly fracture: FractureSpec | null;
}

export interface SpineModel {
  /** From the lowest level (L4) up to the highest (T9): the order in which they are stacked. */
  readonly vertebrae: readonly VertebraModel[];
}

/** The levels whose body centres are aligned vertically and centred on the origin. */
const ALIGN_FROM: Level = 'L3';
const ALIGN_TO: Level = 'T10';

/**
 * Stacks the vertebrae from L4 upwards: each body sits on the disc below it, tilted by the wedge of
 * every body and disc beneath. A collapsed anterior wall therefore tips everything above it forwards,
 * which is how a wedge fracture produces local kyphosis. Finally the whole column is turned and
 * shifted so that the line from the L3 to the T10 body centre is vertical and centred on the origin,
 * as a patient standing upright compensates.
 */
export function buildSpine(fractures: readonly FractureSpec[]): SpineModel {
  const fractureAt = new Map(fractures.map((fracture) => [fracture.level, fracture]));
  if (fractureAt.size !== fractures.length) throw new Error('Two fractures were given for the same level');
  const bottomUp = [...LEVELS].reverse();
  const stacked: VertebraModel[] = [];
  let frame: SagittalFrame = { originY: 0, originZ: 0, angle: 0 };
  for (const [index, level] of bottomUp.entries()) {
    const fracture = fractureAt.get(level) ?? null;
    const anatomy = NORMAL_ANATOMY[level];
    const heights = fracture ? fracturedHeights(fracture) : normalHeights(level);
    stacked.push({ level, anatomy, heights, frame, fracture });
    const upper = bottomUp[index + 1];
    if (upper) frame = frameAbove(anatomy, heights, frame, NORMAL_ANATOMY[upper]);
  }
  return { vertebrae: alignUpright(stacked) };
}

function frameAbove(lower: LevelAnatomy, heights: BodyHeights, frame: SagittalFrame, upper: LevelAnatomy): SagittalFrame {
  const endplateTilt = Math.atan((heights.posterior - heights.anterior) / lower.depth);
  const discDepth = (lower.depth + upper.depth) / 2;
  const disc = lower.discAbove;
  // A lordotic disc (taller in front) tips the next vertebra backwards: negative flexion.
  const discTilt = Math.atan((disc.posterior - disc.anterior) / discDepth);
  const chordMiddle = toWorld(frame, 0, (heights.anterior + heights.posterior) / 2);
  const discNormal: SagittalFrame = { originY: chordMiddle.y, originZ: chordMiddle.z, angle: frame.angle + endplateTilt + discTilt / 2 };
  const origin = toWorld(discNormal, 0, (disc.anterior + disc.posterior) / 2);
  return { originY: origin.y, originZ: origin.z, angle: frame.angle + endplateTilt + discTilt };
}

export function bodyCentre(vertebra: VertebraModel): { y: number; z: number } {
  return toWorld(vertebra.frame, 0, middleHeight(vertebra.heights) / 2 + vertebra.heights.inferiorConcavity);
}

function alignUpright(vertebrae: VertebraModel[]): VertebraModel[] {
  const find = (level: Level): VertebraModel => {
    const found = vertebrae.find((vertebra) => vertebra.level === level);
    if (!found) throw new Error(`Level ${level} is not modelled`);
    return found;
  };
  const from = bodyCentre(find(ALIGN_FROM));
  const to = bodyCentre(find(ALIGN_TO));
  const turn = Math.atan2(to.y - from.y, to.z - from.z);
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  const rotate = (y: number, z: number): { y: number; z: number } => ({ y: y * cos - z * sin, z: y * sin + z * cos });
  const middle = rotate((from.y + to.y) / 2, (from.z + to.z) / 2);
  return vertebrae.map((vertebra) => {
    const origin = rotate(vertebra.frame.originY, vertebra.frame.originZ);
    return { ...vertebra, frame: { originY: origin.y - middle.y, originZ: origin.z - middle.z, angle: vertebra.frame.angle + turn } };
  });
}
