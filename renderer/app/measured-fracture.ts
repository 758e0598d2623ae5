import { maximumLoss } from '../../shared/measure/genant';
import type { MeasuredFracture } from '../../shared/procedure/patientShape';
import { documentFor, useMeasureStore } from '../tools/measure-store';
import { planeContext } from '../tools/plane-context';
import { resultsForPlane } from '../tools/spine-results';
import type { Stack } from '../viewer/stack';

/**
 * The worst fracture measured on any image of the given stacks, in the terms the 3D explainer needs:
 * its level, heights, the heights it was compared against, and the local kyphosis around it.
 */
export function measuredFracture(stacks: readonly Stack[]): (MeasuredFracture & { from: string }) | undefined {
  const state = useMeasureStore.getState();
  let best: (MeasuredFracture & { from: string; severity: number }) | undefined;
  for (const stack of stacks) {
    const doc = documentFor(state, stack.studyInstanceUid);
    if (!doc || !doc.annotations.some((a) => a.type === 'vertebra')) continue;
    for (let slice = 0; slice < stack.imageIds.length; slice++) {
      const ctx = planeContext(stack, slice, doc);
      if (!ctx.annotations.some((a) => a.type === 'vertebra')) continue;
      const { results } = resultsForPlane(ctx);
      const worst = results?.vertebrae.find((v) => v.level === results.mostSevereLevel);
      if (!results || !worst || ctx.spacing.source === 'none') continue;
      const severity = worst.suggestedGrade + maximumLoss(worst.loss);
      if (best && best.severity >= severity) continue;
      const kyphosis = results.angles.find((a) => a.kind === 'local-kyphosis')?.signedDeg ?? worst.wedgeAngleDeg;
      const ref = worst.loss.referenceHeights;
      best = {
        level: worst.level,
        anteriorMm: worst.heights.ha.value,
        middleMm: worst.heights.hm.value,
        posteriorMm: worst.heights.hp.value,
        localKyphosisDeg: kyphosis,
        normalHeightsMm: { anterior: ref.anterior.value, middle: ref.middle.value, posterior: ref.posterior?.value ?? worst.heights.hp.value },
        from: `${stack.description || stack.modality}, image ${slice + 1}`,
        severity,
      };
    }
  }
  return best;
}
