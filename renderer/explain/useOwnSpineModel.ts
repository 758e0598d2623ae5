import { useEffect, useMemo, useState } from 'react';
import type { OwnModelRefusal } from '../../shared/i18n/phrasebook';
import type { SixPoints } from '../../shared/measure/types';
import { patientPointOf } from '../../shared/model/plane';
import type { AnnotationPlane, StudyAnnotations } from '../../shared/model/types';
import type { SpineLevel } from '../../shared/procedure/types';
import { isVolume } from '../../shared/volume/volume';
import type { Vec3 } from '../../shared/volume/vec3';
import { volumeOf } from '../viewer/reformat-stacks';
import type { Stack } from '../viewer/stack';
import type { OwnSpineJob, OwnSpineMessage } from '../workers/own-spine-worker';
import type { OwnSpineModel } from './ctBoneModel';
import { cutAroundVertebra, cutBuffers, vertebraFrame, type SixPatientPoints } from './ctCrop';

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

/**
 * The worker's job: the voxels around the vertebra cut from the viewer's own volume of the CT (built
 * once per stack and shared with the reformats), so no second volume is assembled. Stepwise, as the cut is.
 */
export function* ownSpineJob(ct: Stack, points: SixPatientPoints): Generator<void, OwnSpineJob | { refusal: OwnModelRefusal }> {
  const volume = volumeOf(ct);
  if (!isVolume(volume)) return { refusal: volume.error.includes('loading') ? 'segmentation-failed' : 'too-coarse' };
  const frame = vertebraFrame(points);
  const cut = yield* cutAroundVertebra(volume, frame);
  return 'refusal' in cut ? cut : { cut, frame };
}

/** Lets the browser run what waits (input, a frame) between two steps of the cut. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
    let cancelled = false;
    let worker: Worker | undefined;
    const build = async () => {
      const steps = ownSpineJob(input.ct, input.points);
      // Each step is all the build holds the UI thread for at a time (read by the end-to-end test).
      const measured = () => {
        const start = performance.now();
        const result = steps.next();
        performance.measure('spinelab:own-model-cut', { start });
        return result;
      };
      let step = measured();
      while (!step.done) {
        await nextTask();
        if (cancelled) return;
        step = measured();
      }
      const job = step.value;
      if ('refusal' in job) {
        setState({ status: 'fallback', reason: job.refusal });
        return;
      }
      const w = new Worker(new URL('../workers/own-spine-worker.ts', import.meta.url), { type: 'module' });
      worker = w;
      w.onmessage = (event: MessageEvent<OwnSpineMessage>) => {
        const m = event.data;
        if (m.kind === 'progress') setState({ status: 'building', percent: Math.round(100 * m.fraction) });
        else {
          setState(m.kind === 'model' ? { status: 'ready', model: m.model, level } : { status: 'fallback', reason: m.refusal });
          w.terminate();
        }
      };
      w.onerror = () => {
        setState({ status: 'fallback', reason: 'segmentation-failed' });
        w.terminate();
      };
      w.postMessage(job, cutBuffers(job.cut));
    };
    void build();
    return () => {
      cancelled = true;
      worker?.terminate();
    };
    // The key stands for the input: a new array of stacks with the same CT and points builds nothing new.
  }, [key, level]);
  return state;
}
