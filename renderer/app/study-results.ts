import { maximumLoss } from '../../shared/measure/genant';
import type { SpineResults } from '../../shared/measure/types';
import type { MeasuredFracture } from '../../shared/procedure/patientShape';
import type { MeasureState } from '../tools/measure-store';
import { planeContext, reformatMeasuredPlane } from '../tools/plane-context';
import { resultsForPlane } from '../../shared/measure/plane-measurements';
import { samePlane } from '../../shared/model/plane';
import type { ReformatPlane, StudyAnnotations } from '../../shared/model/types';
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
 * For each study, the results of the plane carrying most of its vertebra measurements: the plane a
 * reader measured the spine on. Acquired images are found by their SOP instance and frame; reformats
 * (a sagittal CT plane, say) by their own geometry, which the annotations carry, so they count whether or
 * not the reformat is on screen. On a tie, acquired images first, then stack and slice order.
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
  const keepIfMore = (candidate: StudyResults) => {
    const best = out.get(candidate.studyInstanceUid);
    if (!best || best.results.vertebrae.length < candidate.results.vertebrae.length) out.set(candidate.studyInstanceUid, candidate);
  };
  for (const { stackIndex, slice } of candidates) {
    const stack = stacks[stackIndex];
    const header = stack.headers[slice];
    const { results } = resultsForPlane(planeContext(stack, slice, studies[stack.studyInstanceUid]?.history.present));
    if (!results) continue;
    keepIfMore({
      studyInstanceUid: stack.studyInstanceUid,
      studyDate: header.studyDate ?? '',
      patientId: header.patientId,
      results,
      where: `${stack.description || stack.modality}, image ${slice + 1}`,
    });
  }
  for (const studyInstanceUid of index.keys()) {
    const doc = studies[studyInstanceUid]?.history.present;
    if (doc) reformatResults(stacks, doc).forEach(keepIfMore);
  }
  return out;
}

/** The distinct reformats of a document that hold a vertebra measurement. */
function measuredReformats(doc: StudyAnnotations): ReformatPlane[] {
  const planes: ReformatPlane[] = [];
  for (const a of doc.annotations) {
    if (a.type === 'vertebra' && a.plane.kind === 'reformat' && !planes.some((p) => samePlane(p, a.plane))) planes.push(a.plane);
  }
  return planes;
}

/** The results of each measured reformat, read on the reformat's own geometry (reformatMeasuredPlane). */
function reformatResults(stacks: readonly Stack[], doc: StudyAnnotations): StudyResults[] {
  const study = stacks.filter((s) => s.studyInstanceUid === doc.studyInstanceUid);
  return measuredReformats(doc).flatMap((plane) => {
    const source = study.find((s) => s.seriesInstanceUid === plane.seriesInstanceUid && !s.reformat) ?? study[0];
    const header = source?.headers[0];
    if (!header) return [];
    const { results } = resultsForPlane(reformatMeasuredPlane(doc, plane));
    if (!results) return [];
    return [{ studyInstanceUid: doc.studyInstanceUid, studyDate: header.studyDate ?? '', patientId: header.patientId, results, where: `${source.description || source.modality}, ${plane.orientation} reformat` }];
  });
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
