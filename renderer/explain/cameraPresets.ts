import { Quaternion, Vector3, type PerspectiveCamera } from 'three';
import type { CameraPreset, SceneState } from '../../shared/procedure/types';

/**
 * Camera positions relative to the fractured vertebra, in the patient's frame (x left, y head,
 * z front). 'side' looks from the patient's left, so the front of the spine is on the screen's
 * left as on a lateral radiograph; 'back' is the view of an AP fluoroscopy shot in a prone patient;
 * 'closeUp' is a nearer side view from a little behind, where the needle's path through the pedicle
 * into the body reads best.
 */
export const CAMERA_PRESETS: Record<CameraPreset, Vector3> = {
  // Far enough to show all five vertebrae and how the broken one differs from the bones either side.
  side: new Vector3(420, 10, -10),
  back: new Vector3(0, 20, -330),
  oblique: new Vector3(210, 110, -210),
  closeUp: new Vector3(205, 45, -75),
};

export const CAMERA_PRESET_LABELS: Record<CameraPreset, string> = {
  side: 'Side',
  back: 'Back',
  oblique: 'Oblique',
  closeUp: 'Close-up',
};

/**
 * The point the camera looks at: a little behind the body's centre, so that the whole vertebra is
 * framed, and a little below it, so that the fracture sits above the caption.
 */
const LOOK_AT = new Vector3(0, -30, -15);

export function cameraTarget(proneBlend: number): Vector3 {
  return LOOK_AT.clone().applyQuaternion(proneRotation(proneBlend));
}

/** The spine turns about the left–right axis when the patient lies prone (back up). */
export function proneRotation(proneBlend: number): Quaternion {
  return new Quaternion().setFromAxisAngle(new Vector3(1, 0, 0), (Math.PI / 2) * proneBlend);
}

/**
 * Places the camera for the state: between the previous and the current preset, turned with the
 * patient. The screen's up stays the room's up, so lying down is seen as lying down, except when
 * looking straight down at a prone patient, where the head end is up. Returns the point it looks
 * at, for the orbit controls to turn about.
 */
export function poseCamera(camera: PerspectiveCamera, state: Pick<SceneState, 'camera' | 'proneBlend'>): Vector3 {
  const turn = proneRotation(state.proneBlend);
  const offset = CAMERA_PRESETS[state.camera.from].clone().lerp(CAMERA_PRESETS[state.camera.to], state.camera.blend).applyQuaternion(turn);
  const target = cameraTarget(state.proneBlend);
  camera.position.copy(target).add(offset);
  const look = offset.clone().normalize().negate();
  const roomUp = new Vector3(0, 1, 0);
  const headUp = new Vector3(0, 1, 0).applyQuaternion(turn);
  const level = 1 - Math.abs(look.dot(roomUp));
  camera.up.copy(headUp.lerp(roomUp, Math.min(1, level * 1.5))).normalize();
  camera.lookAt(target);
  return target;
}

/** Presets chosen by hand rather than by the timeline. */
export function presetState(preset: CameraPreset, proneBlend: number): Pick<SceneState, 'camera' | 'proneBlend'> {
  return { camera: { from: preset, to: preset, blend: 1 }, proneBlend };
}
