import { Box3, Quaternion, Vector3, type PerspectiveCamera } from 'three';
import type { CameraPreset, SceneState } from '../../shared/procedure/types';

/** What the camera frames, in the patient's frame (x left, y head, z front), before turning prone. */
export interface CameraFocus {
  /** The fractured vertebra alone. */
  fractured: Box3;
  /** The fractured vertebra and its neighbours above and below. */
  neighbours: Box3;
}

interface PresetView {
  /** Where the camera looks from, towards the centre of what it frames. */
  direction: Vector3;
  frames: keyof CameraFocus;
}

/**
 * Camera directions in the patient's frame. 'side' looks from the patient's left, so the front of
 * the spine is on the screen's left as on a lateral radiograph; 'back' is the view of an AP
 * fluoroscopy shot in a prone patient; 'closeUp' is a side view from a little behind framing the
 * broken vertebra alone, where the needle's path through the pedicle into the body reads best. The
 * others frame it with both neighbours, so that its loss of height reads against them.
 */
export const CAMERA_PRESETS: Record<CameraPreset, PresetView> = {
  side: { direction: new Vector3(1, 0.02, -0.02).normalize(), frames: 'neighbours' },
  back: { direction: new Vector3(0, 0.06, -1).normalize(), frames: 'neighbours' },
  oblique: { direction: new Vector3(1, 0.52, -1).normalize(), frames: 'neighbours' },
  closeUp: { direction: new Vector3(1, 0.22, -0.37).normalize(), frames: 'fractured' },
};

export const CAMERA_PRESET_LABELS: Record<CameraPreset, string> = {
  side: 'Side',
  back: 'Back',
  oblique: 'Oblique',
  closeUp: 'Close-up',
};

/** How far the framed box reaches towards the view's nearest edge, from its centre: the rest is margin. */
export const FRAME_FILL = 0.9;

/** The spine turns about the left–right axis when the patient lies prone (back up). */
export function proneRotation(proneBlend: number): Quaternion {
  return new Quaternion().setFromAxisAngle(new Vector3(1, 0, 0), (Math.PI / 2) * proneBlend);
}

/** The point the camera looks at: the centre of what it frames, turned with the patient. */
export function cameraTarget(box: Box3, proneBlend: number): Vector3 {
  return box.getCenter(new Vector3()).applyQuaternion(proneRotation(proneBlend));
}

const boxCorners = (box: Box3): Vector3[] =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((c) => new Vector3(c & 1 ? box.max.x : box.min.x, c & 2 ? box.max.y : box.min.y, c & 4 ? box.max.z : box.min.z));

/** The camera's view, and the share of its height, from the bottom, that a caption covers. */
interface View {
  fovDeg: number;
  aspect: number;
  coveredBelow: number;
}

/**
 * How far points reach from the centre of the view's clear part (above the caption), as a share of
 * its half width and half height (1 = the edge), for a camera `distance` from the point it looks at,
 * along `direction`, with screen-up `up`: the pinhole projection, x and y over depth scaled by
 * tan(fov / 2) (and the aspect across), as PerspectiveCamera's matrix does. Points are relative to
 * the point looked at.
 */
export function projectedReach(points: readonly Vector3[], direction: Vector3, up: Vector3, distance: number, view: View): number {
  const forward = direction.clone().negate();
  const right = forward.clone().cross(up).normalize();
  const screenUp = right.clone().cross(forward);
  const t = Math.tan((view.fovDeg * Math.PI) / 360);
  const clear = 1 - view.coveredBelow;
  let reach = 0;
  for (const p of points) {
    const depth = distance - p.dot(direction);
    const x = p.dot(right) / (depth * t * view.aspect), y = p.dot(screenUp) / (depth * t);
    reach = Math.max(reach, Math.abs(x), Math.abs(y - view.coveredBelow) / clear);
  }
  return reach;
}

/**
 * Where the camera stands from what it frames: the distance at which the box, seen along
 * `direction`, reaches FRAME_FILL of the way to the nearest edge of the view's clear part, and the
 * shift down of the point it looks at that lifts the box's centre into the middle of that part. The
 * reach falls about as 1 / distance, so a few corrections of that ratio settle it.
 */
function framing(corners: readonly Vector3[], direction: Vector3, up: Vector3, view: View): { distance: number; lower: number } {
  const radius = Math.max(...corners.map((p) => p.length()));
  const t = Math.tan((view.fovDeg * Math.PI) / 360);
  const screenUp = up.clone().sub(direction.clone().multiplyScalar(up.dot(direction))).normalize();
  let distance = radius / t + radius, lower = 0;
  for (let i = 0; i < 8; i++) {
    // The centre projects at y = coveredBelow when the camera looks that far below it.
    lower = view.coveredBelow * distance * t;
    const shifted = corners.map((c) => c.clone().addScaledVector(screenUp, lower));
    const reach = projectedReach(shifted, direction, up, distance, view);
    // Keep the nearest corner in front of the camera whatever the ratio says.
    distance = Math.max(radius * 1.05, (distance * reach) / FRAME_FILL);
  }
  return { distance, lower };
}

/**
 * Places the camera for the state: its direction and what it frames between the previous and the
 * current preset, turned with the patient, at the distance at which that fills the part of the view
 * the caption leaves clear. The screen's up stays the room's up, so lying down is seen as lying
 * down, except when looking straight down at a prone patient, where the head end is up. Returns the
 * point it looks at, for the orbit controls to turn about.
 */
export function poseCamera(explain: { camera: PerspectiveCamera; focus: CameraFocus }, state: Pick<SceneState, 'camera' | 'proneBlend'>, coveredBelow = 0): Vector3 {
  const { camera, focus } = explain;
  const turn = proneRotation(state.proneBlend);
  const from = CAMERA_PRESETS[state.camera.from], to = CAMERA_PRESETS[state.camera.to];
  const blend = state.camera.blend;
  const direction = from.direction.clone().lerp(to.direction, blend).normalize().applyQuaternion(turn);
  const roomUp = new Vector3(0, 1, 0);
  const headUp = new Vector3(0, 1, 0).applyQuaternion(turn);
  const level = 1 - Math.abs(direction.dot(roomUp));
  const up = headUp.lerp(roomUp, Math.min(1, level * 1.5)).normalize();
  const view = { fovDeg: camera.fov, aspect: camera.aspect, coveredBelow };
  const screenUp = up.clone().sub(direction.clone().multiplyScalar(up.dot(direction))).normalize();
  const pose = (frames: keyof CameraFocus) => {
    const centre = cameraTarget(focus[frames], state.proneBlend);
    const { distance, lower } = framing(boxCorners(focus[frames]).map((c) => c.applyQuaternion(turn).sub(centre)), direction, up, view);
    return { target: centre.addScaledVector(screenUp, -lower), distance };
  };
  const a = pose(from.frames), b = from.frames === to.frames ? a : pose(to.frames);
  const target = a.target.clone().lerp(b.target, blend);
  camera.position.copy(target).addScaledVector(direction, a.distance + (b.distance - a.distance) * blend);
  camera.up.copy(up);
  camera.lookAt(target);
  return target;
}

/** Presets chosen by hand rather than by the timeline. */
export function presetState(preset: CameraPreset, proneBlend: number): Pick<SceneState, 'camera' | 'proneBlend'> {
  return { camera: { from: preset, to: preset, blend: 1 }, proneBlend };
}
