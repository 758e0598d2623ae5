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
 * reader measured the spine on. Only the images that hold a vertebra are measured, found by their
 * SOP instance and frame. Measurements made on reformats are not searched: they belong to no acquired image.
 */
export function resultsByStudy(stacks: readonly Stack[], state: MeasureState): Map<string, StudyResults> {
  const out = new Map<string, StudyResults>();
  for (const stack of stacks) {
    const doc = documentFor(state, stack.studyInstanceUid);
    const measured = new Set(
      doc?.annotations.flatMap((a) => (a.type === 'vertebra' && a.plane.kind === 'image' ? [`${a.plane.sopInstanceUid}:${a.plane.frameIndex}`] : [])),
    );
    if (!doc || measured.size === 0) continue;
    stack.headers.forEach((header, slice) => {
      if (!measured.has(`${header.sopInstanceUid}:${stack.frameIndices[slice]}`)) return;
      const { results } = resultsForPlane(planeContext(stack, slice, doc));
      const best = out.get(stack.studyInstanceUid);
      if (!results || (best && best.results.vertebrae.length >= results.vertebrae.length)) return;
      out.set(stack.studyInstanceUid, {
        studyInstanceUid: stack.studyInstanceUid,
        studyDate: header.studyDate ?? '',
        patientId: header.patientId,
        results,
        where: `${stack.description || stack.modality}, image ${slice + 1}`,
      });
    });
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
