import { useEffect, useMemo, useState } from 'react';
import type { OwnModelRefusal } from '../../shared/i18n/phrasebook';
import type { SixPoints } from '../../shared/measure/types';
import { patientPointOf } from '../../shared/model/plane';
import type { AnnotationPlane, StudyAnnotations } from '../../shared/model/types';
import type { SpineLevel } from '../../shared/procedure/types';
import { buildVolume, isVolume } from '../../shared/volume/volume';
import type { Vec3 } from '../../shared/volume/vec3';
import { frameForImageId } from '../viewer/cornerstone-image';
import type { Stack } from '../viewer/stack';
import type { OwnSpineMessage } from '../workers/own-spine-worker';
import type { OwnSpineModel } from './ctBoneModel';
import { cropAroundVertebra, vertebraFrame, type CtCrop, type SixPatientPoints } from './ctCrop';

/** Where the model of the patient's own CT stands. */
export type OwnModelState =
  | { status: 'building'; percent: number }
  | { status: 'ready'; model: OwnSpineModel; level: SpineLevel }
  | { status: 'fallback'; reason: OwnModelRefusal };

/** A study's annotation documents by study, as the measure store keeps them. */
type StudyDocuments = Record<string, { history: { present: StudyAnnotations } } | undefined>;

/** The six points in patient coordinates, on a reformat by its own geometry, on an acquired image by its header. */
function patientPoints(points: SixPoints, plane: AnnotationPlane, stacks: readonly Stack[]): SixPatientPoints | undefined {
  let toPatient: ((p: { x: number; y: number }) => Vec3) | undefined;
  if (plane.kind === 'reformat') {
    toPatient = (p) => {
      const q = patientPointOf(plane, p);
      return [q.x, q.y, q.z];
    };
  } else {
    const header = stacks.flatMap((s) => s.headers).find((h) => h.sopInstanceUid === plane.sopInstanceUid);
    const position = header?.imagePositionPatient, orientation = header?.imageOrientationPatient;
    if (!header || !position || !orientation) return undefined;
    // PS3.3 C.7.6.2.1.1: the image point (x, y) lies at P + x·Δcol·row + y·Δrow·column, from the first pixel's centre.
    toPatient = (p) => [0, 1, 2].map((a) => position[a] + (p.x - 0.5) * header.spacing.columnMm * orientation[a] + (p.y - 0.5) * header.spacing.rowMm * orientation[3 + a]) as Vec3;
  }
  return Object.fromEntries(Object.entries(points).map(([name, p]) => [name, toPatient(p)])) as unknown as SixPatientPoints;
}

/**
 * What the model needs from the open study: a CT series and, in its study, the six points of the
 * fractured level (measured on the CT's reformat or on any image with a patient position).
 */
function findOwnModelInput(level: SpineLevel, stacks: readonly Stack[], studies: StudyDocuments): { ct: Stack; points: SixPatientPoints } | undefined {
  for (const ct of stacks) {
    if (ct.modality !== 'CT' || ct.reformat || ct.imageIds.length < 3) continue;
    const annotations = studies[ct.studyInstanceUid]?.history.present.annotations ?? [];
    for (const a of annotations) {
      if (a.type !== 'vertebra' || a.level !== level) continue;
      const points = patientPoints(a.points, a.plane, stacks);
      if (points) return { ct, points };
    }
  }
  return undefined;
}

function cropOf(ct: Stack, points: SixPatientPoints): CtCrop | { refusal: OwnModelRefusal } {
  const slices = ct.imageIds.map(frameForImageId);
  if (slices.some((s) => s === undefined)) return { refusal: 'segmentation-failed' };
  const volume = buildVolume(slices as NonNullable<(typeof slices)[number]>[]);
  if (!isVolume(volume)) return { refusal: 'too-coarse' };
  return cropAroundVertebra(volume, vertebraFrame(points));
}

/**
 * The patient's own fractured vertebra and its neighbours, built from their CT in a worker with its
 * progress; undefined where the study has no CT with the level measured on it (the drawn model is
 * then simply the model), a fallback with its reason where the CT cannot give one.
 */
export function useOwnSpineModel(level: SpineLevel, stacks: readonly Stack[], studies: StudyDocuments): OwnModelState | undefined {
  const input = useMemo(() => findOwnModelInput(level, stacks, studies), [level, stacks, studies]);
  const key = input ? `${input.ct.key}|${JSON.stringify(input.points)}` : '';
  const [state, setState] = useState<OwnModelState | undefined>(undefined);
  useEffect(() => {
    if (!input) {
      setState(undefined);
      return;
    }
    setState({ status: 'building', percent: 0 });
    const crop = cropOf(input.ct, input.points);
    if ('refusal' in crop) {
      setState({ status: 'fallback', reason: crop.refusal });
      return;
    }
    const worker = new Worker(new URL('../workers/own-spine-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<OwnSpineMessage>) => {
      const m = event.data;
      if (m.kind === 'progress') setState({ status: 'building', percent: Math.round(100 * m.fraction) });
      else {
        setState(m.kind === 'model' ? { status: 'ready', model: m.model, level } : { status: 'fallback', reason: m.refusal });
        worker.terminate();
      }
    };
    worker.onerror = () => {
      setState({ status: 'fallback', reason: 'segmentation-failed' });
      worker.terminate();
    };
    worker.postMessage(crop, [crop.hu.buffer]);
    return () => worker.terminate();
    // The key stands for the input: a new array of stacks with the same CT and points builds nothing new.
  }, [key, level]);
  return state;
}
