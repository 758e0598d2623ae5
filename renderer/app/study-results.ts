import { maximumLoss } from '../../shared/measure/genant';
import type { SpineResults } from '../../shared/measure/types';
import type { MeasuredFracture } from '../../shared/procedure/patientShape';
import { documentFor, type MeasureState } from '../tools/measure-store';
import { planeContext } from '../tools/plane-context';
import { resultsForPlane } from '../tools/spine-results';
import type { Stack } from '../viewer/stack';

export interface StudyResults {
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly patientId: string;
  readonly results: SpineResults;
  /** Where the measurements were made, e.g. "LAT SPINE, image 1". */
  readonly where: string;
}

/**
 * For each study, the results of the image carrying most of its vertebra measurements: the image a
 * reader measured the spine on. Reformat stacks are searched too.
 */
export function resultsByStudy(stacks: readonly Stack[], state: MeasureState): Map<string, StudyResults> {
  const out = new Map<string, StudyResults>();
  for (const stack of stacks) {
    const doc = documentFor(state, stack.studyInstanceUid);
    if (!doc || !doc.annotations.some((a) => a.type === 'vertebra')) continue;
    for (let slice = 0; slice < stack.imageIds.length; slice++) {
      const ctx = planeContext(stack, slice, doc);
      const count = ctx.annotations.filter((a) => a.type === 'vertebra').length;
      if (count === 0) continue;
      const { results } = resultsForPlane(ctx);
      const best = out.get(stack.studyInstanceUid);
      if (!results || (best && best.results.vertebrae.length >= results.vertebrae.length)) continue;
      out.set(stack.studyInstanceUid, {
        studyInstanceUid: stack.studyInstanceUid,
        studyDate: ctx.header.studyDate ?? '',
        patientId: ctx.header.patientId,
        results,
        where: `${stack.description || stack.modality}, image ${slice + 1}`,
      });
    }
  }
  return out;
}

/**
 * The worst fracture measured in any study, in the terms the 3D explainer needs: its level, heights,
 * the heights it was compared against, and the local kyphosis around it.
 */
export function measuredFracture(stacks: readonly Stack[], state: MeasureState): (MeasuredFracture & { from: string }) | undefined {
  let best: (MeasuredFracture & { from: string; severity: number }) | undefined;
  for (const study of resultsByStudy(stacks, state).values()) {
    const { results } = study;
    const worst = results.vertebrae.find((v) => v.level === results.mostSevereLevel);
    if (!worst || results.calibration === 'none') continue;
    const severity = worst.suggestedGrade + maximumLoss(worst.loss);
    if (best && best.severity >= severity) continue;
    const ref = worst.loss.referenceHeights;
    best = {
      level: worst.level,
      anteriorMm: worst.heights.ha.value,
      middleMm: worst.heights.hm.value,
      posteriorMm: worst.heights.hp.value,
      localKyphosisDeg: results.angles.find((a) => a.kind === 'local-kyphosis')?.signedDeg ?? worst.wedgeAngleDeg,
      normalHeightsMm: { anterior: ref.anterior.value, middle: ref.middle.value, posterior: ref.posterior?.value ?? worst.heights.hp.value },
      from: study.where,
      severity,
    };
  }
  return best;
}
