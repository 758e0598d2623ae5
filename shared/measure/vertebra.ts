/**
 * One vertebral body measured in the context of its measured neighbours: heights, ratios, height loss
 * against the chosen reference, suggested Genant grade, shape and wedge angle (DOMAIN.md §1–2).
 */
import type { PixelSpacing } from '../calibration';
import { vertebralWedgeAngleDeg } from './angles';
import { fractureShape, suggestGenantGrade } from './genant';
import { heightLoss, ownPosteriorLoss, type ReferenceVertebra } from './height-loss';
import { measureApDepth, measureHeights, morphometryRatios } from './morphometry';
import type {
  HeightLossReference,
  ImageOrientation,
  PlacedVertebra,
  VertebraMeasurement,
  VertebralHeights,
} from './types';

export interface VertebraContext {
  /** The measured vertebra one level up, if any. */
  readonly above?: PlacedVertebra;
  /** The measured vertebra one level down, if any. */
  readonly below?: PlacedVertebra;
  readonly spacing: PixelSpacing;
  readonly orientation: ImageOrientation;
  readonly reference: HeightLossReference;
}

/**
 * A neighbour may serve as a reference only if it is not fractured itself. Judged against its own
 * posterior wall, the one test that needs no further neighbour (avoids a circular definition); a body
 * collapsed evenly front and back passes it, which is why the result always names its reference.
 */
function isNormalReference(heights: VertebralHeights): boolean {
  return suggestGenantGrade(ownPosteriorLoss(heights)) === 0;
}

export function measureVertebra(vertebra: PlacedVertebra, context: VertebraContext): VertebraMeasurement {
  const { spacing, orientation } = context;
  const heights = measureHeights(vertebra.points, spacing);
  const measured = (n?: PlacedVertebra): ReferenceVertebra | undefined =>
    n && { level: n.level, heights: measureHeights(n.points, spacing) };
  const above = measured(context.above);
  const below = measured(context.below);
  const ratios = morphometryRatios(heights, { above: above?.heights, below: below?.heights });
  const normalNeighbours = [above, below].filter(
    (n): n is ReferenceVertebra => n !== undefined && isNormalReference(n.heights),
  );
  const loss = heightLoss(context.reference, heights, normalNeighbours);
  const suggestedGrade = suggestGenantGrade(loss);
  return {
    level: vertebra.level,
    heights,
    apDepth: measureApDepth(vertebra.points, spacing),
    ratios,
    loss,
    suggestedGrade,
    shape: fractureShape(suggestedGrade, ratios),
    wedgeAngleDeg: vertebralWedgeAngleDeg(vertebra.points, spacing, orientation),
  };
}
