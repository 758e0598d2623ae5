/**
 * The whole measured spine: every vertebra in the context of its neighbours, the default local
 * kyphosis around the most severe fracture, requested angles, and the total anterior height lost.
 */
import { endplateAngle, localKyphosis } from './angles';
import { maximumLoss } from './genant';
import { levelAbove, levelBelow, levelIndex } from './levels';
import { lengthIn } from './units';
import { measureVertebra } from './vertebra';
import type {
  AngleMeasurement,
  PlacedVertebra,
  SpineInput,
  SpineResults,
  VertebraMeasurement,
  VertebralLevel,
} from './types';

function indexByLevel(vertebrae: readonly PlacedVertebra[]): Map<VertebralLevel, PlacedVertebra> {
  const byLevel = new Map<VertebralLevel, PlacedVertebra>();
  for (const v of vertebrae) {
    if (byLevel.has(v.level)) throw new RangeError(`${v.level} was measured twice; keep one set of points per level`);
    byLevel.set(v.level, v);
  }
  return byLevel;
}

/** Highest suggested grade, ties broken by the larger loss; none when nothing grades ≥ 1. */
function mostSevere(vertebrae: readonly VertebraMeasurement[]): VertebraMeasurement | undefined {
  return vertebrae
    .filter((v) => v.suggestedGrade >= 1)
    .reduce<VertebraMeasurement | undefined>(
      (worst, v) =>
        !worst ||
        v.suggestedGrade > worst.suggestedGrade ||
        (v.suggestedGrade === worst.suggestedGrade && maximumLoss(v.loss) > maximumLoss(worst.loss))
          ? v
          : worst,
      undefined,
    );
}

/**
 * Estimated anterior height lost over the spine: for every level graded ≥ 1, its anterior reference
 * height (the one its loss was measured against, e.g. the own Hp or the normal neighbours' mean Ha)
 * minus its measured Ha. It is an estimate of what was there before, as good as that reference.
 */
function totalAnteriorHeightLoss(vertebrae: readonly VertebraMeasurement[]): number {
  return vertebrae
    .filter((v) => v.suggestedGrade >= 1)
    // a level graded on its middle or posterior height may have lost nothing in front: never negative
    .reduce((sum, v) => sum + Math.max(0, v.loss.referenceHeights.anterior.value - v.heights.ha.value), 0);
}

export function assessSpine(input: SpineInput): SpineResults {
  const { spacing, orientation } = input;
  const byLevel = indexByLevel(input.vertebrae);
  const measuredAt = (level: VertebralLevel | undefined) => (level ? byLevel.get(level) : undefined);
  const ordered = [...byLevel.values()].sort((a, b) => levelIndex(a.level) - levelIndex(b.level));

  const vertebrae = ordered.map((v) =>
    measureVertebra(v, {
      above: measuredAt(levelAbove(v.level)),
      below: measuredAt(levelBelow(v.level)),
      spacing,
      orientation,
      reference: input.heightLossReference ?? 'radelement',
    }),
  );

  const worst = mostSevere(vertebrae);
  const angles: AngleMeasurement[] = [];
  if (worst) {
    const above = measuredAt(levelAbove(worst.level));
    const below = measuredAt(levelBelow(worst.level));
    if (above && below) angles.push(localKyphosis(above, below, spacing, orientation));
  }
  for (const request of input.angleRequests ?? []) {
    const placed = [request.first, request.second].map((ref) => {
      const v = byLevel.get(ref.level);
      if (!v) throw new RangeError(`Cannot measure an angle at ${ref.level}: that vertebra has no points`);
      return { ref, points: v.points };
    });
    angles.push(endplateAngle(request.kind, placed[0], placed[1], spacing, orientation));
  }

  return {
    vertebrae,
    angles,
    totalAnteriorHeightLoss: lengthIn(totalAnteriorHeightLoss(vertebrae), spacing),
    ...(worst && { mostSevereLevel: worst.level }),
    calibration: spacing.source,
  };
}
