import { assessSpine } from '../../shared/measure/spine';
import type { SpineResults } from '../../shared/measure/types';
import type { PlaneContext } from './plane-context';

/** The measurement engine run over the vertebrae placed on one image; the reason when it cannot run. */
export function resultsForPlane(ctx: PlaneContext): { results?: SpineResults; error?: string } {
  const vertebrae = ctx.annotations.flatMap((a) => (a.type === 'vertebra' ? [{ level: a.level, points: a.points }] : []));
  if (vertebrae.length === 0) return {};
  try {
    return { results: assessSpine({ vertebrae, spacing: ctx.spacing, orientation: ctx.orientation }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
