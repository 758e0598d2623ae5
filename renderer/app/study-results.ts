import { maximumLoss } from '../../shared/measure/genant';
import type { SpineResults } from '../../shared/measure/types';
import type { MeasuredFracture } from '../../shared/procedure/patientShape';
import type { MeasureState } from '../tools/measure-store';
import { planeContext } from '../tools/plane-context';
import { resultsForPlane } from '../../shared/measure/plane-measurements';
import type { Stack } from '../viewer/stack';

export interface StudyResults {
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly patientId: string;
  readonly results: SpineResults;
  /** Where the measurements were made, e.g. "LAT SPINE, image 1". */
  readonly where: string;
}

/** The annotation documents of the open studies, as the measure store keeps them. */
export type MeasuredStudies = MeasureState['studies'];

/** Where an acquired image (SOP instance and frame) is shown: a stack, by its position in the list, and a slice of it. */
interface ImageLocation {
  readonly stackIndex: number;
  readonly slice: number;
}

type ImageIndex = ReadonlyMap<string, readonly ImageLocation[]>;

const imageKey = (sopInstanceUid: string, frameIndex: number) => `${sopInstanceUid}:${frameIndex}`;

/** Per study, each image's locations in the stacks; built once for a list of stacks (the store replaces the list when it changes). */
const indexes = new WeakMap<readonly Stack[], ReadonlyMap<string, ImageIndex>>();

function imageIndexOf(stacks: readonly Stack[]): ReadonlyMap<string, ImageIndex> {
  let index = indexes.get(stacks);
  if (index) return index;
  const built = new Map<string, Map<string, ImageLocation[]>>();
  stacks.forEach((stack, stackIndex) => {
    let study = built.get(stack.studyInstanceUid);
    if (!study) built.set(stack.studyInstanceUid, (study = new Map()));
    stack.headers.forEach((header, slice) => {
      const key = imageKey(header.sopInstanceUid, stack.frameIndices[slice]);
      const at = study.get(key);
      if (at) at.push({ stackIndex, slice });
      else study.set(key, [{ stackIndex, slice }]);
    });
  });
  index = built;
  indexes.set(stacks, index);
  return index;
}

/**
 * For each study, the results of the image carrying most of its vertebra measurements: the image a
 * reader measured the spine on. Only the images that hold a vertebra are measured, found by their
 * SOP instance and frame. Measurements made on reformats are not searched: they belong to no acquired image.
 */
export function resultsByStudy(stacks: readonly Stack[], studies: MeasuredStudies): Map<string, StudyResults> {
  const index = imageIndexOf(stacks);
  // The images holding a vertebra, in stack and slice order: on a tie, the first keeps its place.
  const candidates: ImageLocation[] = [];
  for (const [studyInstanceUid, images] of index) {
    const doc = studies[studyInstanceUid]?.history.present;
    if (!doc) continue;
    const measured = new Set(doc.annotations.flatMap((a) => (a.type === 'vertebra' && a.plane.kind === 'image' ? [imageKey(a.plane.sopInstanceUid, a.plane.frameIndex)] : [])));
    for (const key of measured) candidates.push(...(images.get(key) ?? []));
  }
  candidates.sort((a, b) => a.stackIndex - b.stackIndex || a.slice - b.slice);

  const out = new Map<string, StudyResults>();
  for (const { stackIndex, slice } of candidates) {
    const stack = stacks[stackIndex];
    const header = stack.headers[slice];
    const { results } = resultsForPlane(planeContext(stack, slice, studies[stack.studyInstanceUid]?.history.present));
    const best = out.get(stack.studyInstanceUid);
    if (!results || (best && best.results.vertebrae.length >= results.vertebrae.length)) continue;
    out.set(stack.studyInstanceUid, {
      studyInstanceUid: stack.studyInstanceUid,
      studyDate: header.studyDate ?? '',
      patientId: header.patientId,
      results,
      where: `${stack.description || stack.modality}, image ${slice + 1}`,
    });
  }
  return out;
}

/**
 * The worst fracture measured in any study, in the terms the 3D explainer needs: its level, heights,
 * the heights it was compared against, and the local kyphosis around it.
 */
export function measuredFracture(stacks: readonly Stack[], studies: MeasuredStudies): (MeasuredFracture & { from: string }) | undefined {
  let best: (MeasuredFracture & { from: string; severity: number }) | undefined;
  for (const study of resultsByStudy(stacks, studies).values()) {
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
