/**
 * Normal adult dimensions of the modelled levels, in millimetres. Body sizes follow the brief and
 * common morphometric tables (posterior height T10 ≈ 22 mm rising to L3 ≈ 27 mm, AP depth 30 → 35 mm,
 * width 38 → 48 mm). Thoracic bodies are physiologically wedged (Ha/Hp ≈ 0.92, DOMAIN.md §1), lumbar
 * bodies are not. T9 and L4 are modelled so that T10 and L3 have neighbours above and below.
 */
export const LEVELS = ['T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'] as const;
export type Level = (typeof LEVELS)[number];

export interface LevelAnatomy {
  readonly level: Level;
  readonly posteriorHeight: number;
  /** Normal anterior / posterior height ratio. */
  readonly wedgeRatio: number;
  readonly depth: number; // anteroposterior, of the body
  readonly width: number; // left–right, of the body
  /** Disc between this vertebra and the next one up: heights at the anterior and posterior margins. */
  readonly discAbove: { readonly anterior: number; readonly posterior: number };
  readonly canalWidth: number;
  readonly canalDepth: number;
  readonly pedicleWidth: number;
  readonly pedicleHeight: number;
  readonly spinousLength: number;
  /** How far the spinous process points down (thoracic processes slope steeply, lumbar ones are level). */
  readonly spinousSlopeDeg: number;
  readonly spinousHeight: number;
  readonly transverseLength: number;
  /** Thoracic transverse processes point backwards as well as sideways. */
  readonly transverseBackSlope: number;
  readonly thoracic: boolean;
}

const T = true;
const L = false;

export const NORMAL_ANATOMY: Readonly<Record<Level, LevelAnatomy>> = {
  T9: anatomy('T9', 21.0, 0.92, 29, 36, [6.0, 5.0], 17, 15, 6.5, 13, 34, 45, 10, 17, 0.55, T),
  T10: anatomy('T10', 22.0, 0.92, 30, 38, [6.5, 5.5], 17, 15, 7.0, 14, 33, 38, 11, 17, 0.5, T),
  T11: anatomy('T11', 23.0, 0.92, 31, 40, [7.0, 6.0], 18, 15, 7.5, 15, 31, 25, 12, 12, 0.4, T),
  T12: anatomy('T12', 24.5, 0.94, 32, 42, [8.5, 8.0], 19, 15, 8.0, 15, 30, 12, 14, 9, 0.2, T),
  L1: anatomy('L1', 26.0, 1.0, 33, 44, [9.5, 8.5], 21, 16, 8.5, 15, 30, 5, 17, 18, 0.05, L),
  L2: anatomy('L2', 26.5, 1.0, 34, 46, [10.5, 7.5], 22, 16, 9.0, 15, 31, 3, 18, 22, 0.05, L),
  L3: anatomy('L3', 27.0, 1.0, 35, 48, [11.5, 8.0], 23, 16, 10.0, 15, 31, 2, 18, 26, 0.05, L),
  L4: anatomy('L4', 27.0, 1.0, 35, 50, [12.0, 8.0], 23, 16, 11.0, 14, 29, 0, 17, 22, 0.05, L),
};

function anatomy(
  level: Level,
  posteriorHeight: number,
  wedgeRatio: number,
  depth: number,
  width: number,
  [discAnterior, discPosterior]: [number, number],
  canalWidth: number,
  canalDepth: number,
  pedicleWidth: number,
  pedicleHeight: number,
  spinousLength: number,
  spinousSlopeDeg: number,
  spinousHeight: number,
  transverseLength: number,
  transverseBackSlope: number,
  thoracic: boolean,
): LevelAnatomy {
  return {
    level,
    posteriorHeight,
    wedgeRatio,
    depth,
    width,
    discAbove: { anterior: discAnterior, posterior: discPosterior },
    canalWidth,
    canalDepth,
    pedicleWidth,
    pedicleHeight,
    spinousLength,
    spinousSlopeDeg,
    spinousHeight,
    transverseLength,
    transverseBackSlope,
    thoracic,
  };
}

/** Normal depth of each endplate's central concavity, in mm. */
export const NORMAL_ENDPLATE_CONCAVITY = 0.7;
