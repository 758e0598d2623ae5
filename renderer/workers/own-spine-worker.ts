/// <reference lib="webworker" />
// Resamples, segments and meshes the patient's own vertebrae from a cut of their CT off the UI thread (see ctCrop, ctBoneModel).
import type { OwnModelRefusal } from '../../shared/i18n/phrasebook';
import { buildOwnSpineModel, type OwnSpineModel } from '../explain/ctBoneModel';
import { cropAroundVertebra, type VertebraFrame, type VolumeCut } from '../explain/ctCrop';

/** The cut of the CT around the fractured vertebra, its voxels transferred, and the vertebra's frame. */
export interface OwnSpineJob {
  cut: VolumeCut;
  frame: VertebraFrame;
}

export type OwnSpineMessage =
  | { kind: 'progress'; fraction: number }
  | { kind: 'model'; model: OwnSpineModel }
  | { kind: 'refusal'; refusal: OwnModelRefusal };

/** Share of the work in the resampling, as measured by scripts/bench-own-model.ts (about 0.1 s of 0.6–0.8 s). */
const CROP_SHARE = 0.15;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const progress = (fraction: number) => scope.postMessage({ kind: 'progress', fraction } satisfies OwnSpineMessage);

scope.onmessage = (event: MessageEvent<OwnSpineJob>) => {
  let message: OwnSpineMessage;
  try {
    const { cut, frame } = event.data;
    const crop = cropAroundVertebra(cut, frame, (f) => progress(CROP_SHARE * f));
    const result = 'refusal' in crop ? crop : buildOwnSpineModel(crop, (f) => progress(CROP_SHARE + (1 - CROP_SHARE) * f));
    message = 'refusal' in result ? { kind: 'refusal', refusal: result.refusal } : { kind: 'model', model: result };
  } catch {
    message = { kind: 'refusal', refusal: 'segmentation-failed' };
  }
  const transfer = message.kind === 'model' ? message.model.vertebrae.flatMap((v) => [v.positions.buffer, v.normals.buffer, v.indices.buffer]) : [];
  scope.postMessage(message, transfer as ArrayBuffer[]);
};
