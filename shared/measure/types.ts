/**
 * Result and input types of the measurement engine. Everything here is plain data so that the
 * model, the report builders and the renderer can share it without pulling in any behaviour.
 */
import type { CalibrationSource, PixelSpacing } from '../calibration';

/** A point or direction. Inputs are image pixels {x: column, y: row}; internal maths is in mm. */
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

/** A line segment in image pixel coordinates, as the reader drew it (either end may come first). */
export interface Line {
  readonly from: Vec2;
  readonly to: Vec2;
}

/** The six morphometry points of one vertebral body, in image pixels (DOMAIN.md §1). */
export interface SixPoints {
  readonly anteriorSuperior: Vec2;
  readonly middleSuperior: Vec2;
  readonly posteriorSuperior: Vec2;
  readonly anteriorInferior: Vec2;
  readonly middleInferior: Vec2;
  readonly posteriorInferior: Vec2;
}

export type VertebralLevel =
  | 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T10' | 'T11' | 'T12'
  | 'L1' | 'L2' | 'L3' | 'L4' | 'L5';

export type Endplate = 'superior' | 'inferior';

/** A vertebra's level and its six points, as the reader placed them. */
export interface PlacedVertebra {
  readonly level: VertebralLevel;
  readonly points: SixPoints;
}

/** One endplate of one vertebra, e.g. the superior endplate of T12 ("T12 sup"). */
export interface EndplateRef {
  readonly level: VertebralLevel;
  readonly endplate: Endplate;
}

/**
 * Which image directions (pixel space, any length) point to the patient's front and head.
 * A sagittal image with the patient facing screen-left: anterior {x: -1, y: 0}, superior {x: 0, y: -1}.
 */
export interface ImageOrientation {
  readonly anterior: Vec2;
  readonly superior: Vec2;
}

/** A length with its unit and where its millimetres came from (badge, DOMAIN.md §5). */
export interface Length {
  readonly value: number;
  readonly unit: 'mm' | 'px';
  readonly calibration: CalibrationSource;
}

/** Ha, Hm, Hp: anterior, middle and posterior heights (DOMAIN.md §1). */
export interface VertebralHeights {
  readonly ha: Length;
  readonly hm: Length;
  readonly hp: Length;
}

/** Morphometric ratios (O'Neill/EVOS 1994; Eastell 1991; McCloskey 1993). Crush ratios need a measured neighbour. */
export interface MorphometryRatios {
  /** Ha/Hp */
  readonly wedge: number;
  /** Hm/Hp */
  readonly biconcave: number;
  /** Hp/Hp′, Hp′ = posterior height of the vertebra above */
  readonly crushAbove?: number;
  /** Hp/Hp″, Hp″ = posterior height of the vertebra below */
  readonly crushBelow?: number;
}

/** The rule a height loss was measured against (DOMAIN.md §1, "Height loss"). */
export type HeightLossReference = 'own-posterior' | 'adjacent' | 'radelement';

/** What one height was compared with: the body's own posterior wall, or the mean of these normal neighbours. */
export type HeightReferenceSource = { readonly kind: 'own-posterior' } | { readonly kind: 'neighbours'; readonly levels: readonly VertebralLevel[] };

/**
 * Fractional height loss, 0.34 = 34 %. Negative when the body is taller than its reference (e.g. L5 in front).
 * `posterior` exists only when a normal neighbour gives a posterior reference (the own wall cannot).
 */
export interface HeightLoss {
  readonly anterior: number;
  readonly middle: number;
  readonly posterior?: number;
  readonly reference: HeightLossReference;
  /** Plain words naming the heights actually used, e.g. "own posterior height (Hp 30.8 mm)". */
  readonly referenceDetail: string;
  readonly referenceHeights: {
    readonly anterior: Length;
    readonly middle: Length;
    readonly posterior?: Length;
  };
  /** The same references as data, so that words can name them (shared/report/height-loss-words.ts). */
  readonly referenceSources: {
    readonly anterior: HeightReferenceSource;
    readonly middle: HeightReferenceSource;
    readonly posterior?: HeightReferenceSource;
  };
}

/** Computed Genant semi-quantitative grade (Genant et al., JBMR 1993). */
export type GenantGrade = 0 | 1 | 2 | 3;
/** A reader may also set 0.5, "borderline" (Genant 1993), which is never computed. */
export type ReaderGenantGrade = GenantGrade | 0.5;

export type FractureShape = 'normal' | 'wedge' | 'biconcave' | 'crush';

export interface VertebraMeasurement {
  readonly level: VertebralLevel;
  readonly heights: VertebralHeights;
  /** Mean of the superior and inferior endplate lengths. */
  readonly apDepth: Length;
  readonly ratios: MorphometryRatios;
  readonly loss: HeightLoss;
  readonly suggestedGrade: GenantGrade;
  readonly shape: FractureShape;
  /** Angle between the body's own endplates; positive = wedged anteriorly (kyphotic). */
  readonly wedgeAngleDeg: number;
}

export type AngleKind = 'cobb' | 'local-kyphosis' | 'wedge' | 'angle';
export type CurvatureDescription = 'kyphosis' | 'lordosis' | 'straight';

export interface AngleMeasurement {
  readonly kind: AngleKind;
  /** Names the two lines, e.g. "T12 sup – L2 inf". */
  readonly label: string;
  /** Kyphosis positive, lordosis negative (DOMAIN.md §2). */
  readonly signedDeg: number;
  readonly description: CurvatureDescription;
}

/** An angle the reader asked for between two measured endplates. */
export interface AngleRequest {
  readonly kind: AngleKind;
  readonly first: EndplateRef;
  readonly second: EndplateRef;
}

export interface SpineInput {
  readonly vertebrae: readonly PlacedVertebra[];
  readonly spacing: PixelSpacing;
  readonly orientation: ImageOrientation;
  /** Defaults to 'radelement' (DOMAIN.md §1 item 3). */
  readonly heightLossReference?: HeightLossReference;
  readonly angleRequests?: readonly AngleRequest[];
}

export interface SpineResults {
  /** Ordered head to tail. */
  readonly vertebrae: readonly VertebraMeasurement[];
  /** The default local kyphosis around the most severe fracture (when possible), then the requested angles. */
  readonly angles: readonly AngleMeasurement[];
  /** Sum over graded levels (grade ≥ 1) of anterior reference height − Ha: an estimate, see spine.ts. */
  readonly totalAnteriorHeightLoss: Length;
  /** Highest suggested grade, ties broken by the larger loss; absent when no level grades ≥ 1. */
  readonly mostSevereLevel?: VertebralLevel;
  readonly calibration: CalibrationSource;
}

/** Height restoration after augmentation (Teng et al., AJNR 2003). */
export interface HeightRestoration {
  /** (H_post − H_pre) / (H_reference − H_pre) × 100 */
  readonly percent: number;
  /** H_post − H_pre */
  readonly gain: Length;
}

/** Change of an angle between two examinations, set against manual Cobb error (Morrissy, JBJS 1990). */
export interface AngleChange {
  /** post − pre; negative = less kyphotic after treatment. */
  readonly changeDeg: number;
  readonly typicalErrorDeg: number;
  /** False when the change is no larger than the typical measurement error. */
  readonly exceedsTypicalError: boolean;
}
