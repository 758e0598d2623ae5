/// <reference lib="webworker" />
// Segments and meshes the patient's own vertebrae from a CT crop off the UI thread (see ctBoneModel).
import type { OwnModelRefusal } from '../../shared/i18n/phrasebook';
import { buildOwnSpineModel, type OwnSpineModel } from '../explain/ctBoneModel';
import type { CtCrop } from '../explain/ctCrop';

export type OwnSpineMessage =
  | { kind: 'progress'; fraction: number }
  | { kind: 'model'; model: OwnSpineModel }
  | { kind: 'refusal'; refusal: OwnModelRefusal };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<CtCrop>) => {
  let message: OwnSpineMessage;
  try {
    const result = buildOwnSpineModel(event.data, (fraction) => scope.postMessage({ kind: 'progress', fraction } satisfies OwnSpineMessage));
    message = 'refusal' in result ? { kind: 'refusal', refusal: result.refusal } : { kind: 'model', model: result };
  } catch {
    message = { kind: 'refusal', refusal: 'segmentation-failed' };
  }
  const transfer = message.kind === 'model' ? message.model.vertebrae.flatMap((v) => [v.positions.buffer, v.normals.buffer, v.indices.buffer]) : [];
  scope.postMessage(message, transfer as ArrayBuffer[]);
};
