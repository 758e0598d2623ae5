/**
 * Six-point vertebral morphometry: heights, depth and shape ratios of one body
 * (DOMAIN.md §1; O'Neill et al., EVOS, JBMR 1994;9:1895; Eastell et al., JBMR 1991;6:207;
 * McCloskey et al., Osteoporos Int 1993).
 */
import type { PixelSpacing } from '../calibration';
import { lengthIn, lengthOf } from './units';
import type { Length, MorphometryRatios, SixPoints, VertebralHeights } from './types';

/**
 * Ha, Hm, Hp: each the straight distance between the matching superior and inferior points,
 * in the calibrated plane (DOMAIN.md §1).
 */
export function measureHeights(points: SixPoints, spacing: PixelSpacing): VertebralHeights {
  const heights = {
    ha: lengthOf(points.anteriorSuperior, points.anteriorInferior, spacing),
    hm: lengthOf(points.middleSuperior, points.middleInferior, spacing),
    hp: lengthOf(points.posteriorSuperior, points.posteriorInferior, spacing),
  };
  // Every ratio divides by a height: coincident or missing points must stop here, in words.
  for (const [name, height] of Object.entries(heights)) {
    if (!(height.value > 0) || !Number.isFinite(height.value)) {
      throw new RangeError(`Height ${name} is ${height.value}: its superior and inferior points coincide or are not numbers`);
    }
  }
  return heights;
}

/**
 * Antero-posterior depth: the mean of the superior and inferior endplate lengths (corner to corner).
 * Either endplate alone would be biased by a collapsed or tilted endplate; the mean is the depth
 * used by the wedge-angle estimate atan((Hp − Ha) / depth) of DOMAIN.md §2.
 */
export function measureApDepth(points: SixPoints, spacing: PixelSpacing): Length {
  const superior = lengthOf(points.anteriorSuperior, points.posteriorSuperior, spacing).value;
  const inferior = lengthOf(points.anteriorInferior, points.posteriorInferior, spacing).value;
  return lengthIn((superior + inferior) / 2, spacing);
}

/**
 * Wedge Ha/Hp, biconcave Hm/Hp, and crush Hp/Hp′ (above), Hp/Hp″ (below) against whichever
 * neighbours were measured (O'Neill 1994; Eastell 1991; McCloskey 1993).
 */
export function morphometryRatios(
  own: VertebralHeights,
  neighbours: { readonly above?: VertebralHeights; readonly below?: VertebralHeights },
): MorphometryRatios {
  const hp = own.hp.value;
  return {
    wedge: own.ha.value / hp,
    biconcave: own.hm.value / hp,
    ...(neighbours.above && { crushAbove: hp / neighbours.above.hp.value }),
    ...(neighbours.below && { crushBelow: hp / neighbours.below.hp.value }),
  };
}
