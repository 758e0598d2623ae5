/** Public API of the measurement engine: pure functions from image points to mm, ratios, grades and angles. */
export type * from './types';
export { VERTEBRAL_LEVELS, isVertebralLevel, levelAbove, levelBelow, levelIndex } from './levels';
export { distanceMm, formatLength, lengthIn, lengthOf, lengthUnit, sameScale, toMillimetres } from './units';
export { measureApDepth, measureHeights, morphometryRatios } from './morphometry';
export { adjacentLoss, heightLoss, ownPosteriorLoss, radElementLoss, type ReferenceVertebra } from './height-loss';
export {
  GENANT_LOSS_THRESHOLDS,
  effectiveGrade,
  fractureShape,
  genantGradeFromLoss,
  maximumLoss,
  suggestGenantGrade,
} from './genant';
export {
  angleLabel,
  describeCurvature,
  endplateAngle,
  endplateLabel,
  endplateLine,
  localKyphosis,
  measureAngle,
  signedAngleDeg,
  vertebralWedgeAngleDeg,
  wedgeAngleFromHeightsDeg,
  type MeasuredEndplate,
} from './angles';
export { TYPICAL_ANGLE_ERROR_DEG, angleChange, heightRestoration } from './restoration';
export { measureVertebra, type VertebraContext } from './vertebra';
export { assessSpine } from './spine';
