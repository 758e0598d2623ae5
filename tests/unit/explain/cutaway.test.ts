import { describe, expect, it } from 'vitest';
import { DoubleSide, Vector3 } from 'three';
import { buildExplainScene } from '../../../renderer/explain/buildExplainScene';
import { applySceneState, DEFAULT_VIEW } from '../../../renderer/explain/applySceneState';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { sceneStateAt, MOTION_SHARE } from '../../../shared/procedure/sceneState';
import { REFERENCE_CASE_SHAPE } from '../../../shared/procedure/patientShape';
import type { ExplainScene } from '../../../renderer/explain/buildExplainScene';
import type { Timeline } from '../../../shared/procedure/types';

const shape = REFERENCE_CASE_SHAPE;
const view = { ...DEFAULT_VIEW, afterHeightsMm: shape.heightsMm };

function settleOn(explain: ExplainScene, timeline: Timeline, id: string, options = view): void {
  const s = timeline.steps.find((x) => x.id === id)!;
  applySceneState(explain, sceneStateAt(timeline, s.start + (s.end - s.start) * MOTION_SHARE + 0.01), options);
}

/** Points of the fractured vertebra's own frame, in world space as drawn. */
function world(explain: ExplainScene, x: number, y: number, z: number): Vector3 {
  const mesh = explain.vertebrae[explain.fracturedIndex];
  mesh.updateWorldMatrix(true, false);
  return new Vector3(x, y, z).applyMatrix4(mesh.matrixWorld);
}

/** The cut is the plane x = 0 of the vertebra's own frame, whatever its place in the column or the patient's turn. */
function expectMidSagittalCut(explain: ExplainScene): void {
  const m = explain.materials.fractured;
  expect(m.clippingPlanes).toHaveLength(1);
  expect(m.side).toBe(DoubleSide);
  expect(m.userData.cutOpen.value).toBe(1);
  const plane = m.clippingPlanes![0];
  for (const [y, z] of [[0, 0], [8, 10], [-9, -6]]) expect(Math.abs(plane.distanceToPoint(world(explain, 0, y, z)))).toBeLessThan(1e-3);
  // The near half (the camera's side, the patient's left, +x) is cut away: clipped points lie on the negative side.
  expect(plane.distanceToPoint(world(explain, 10, 0, 0))).toBeLessThan(0);
  expect(plane.distanceToPoint(world(explain, -10, 0, 0))).toBeGreaterThan(0);
}

/** Shut: the plane lies beyond the body's side, so nothing of it is clipped, and inside faces are not drawn. */
function expectNoCut(explain: ExplainScene): void {
  const m = explain.materials.fractured;
  expect(m.userData.cutOpen.value).toBe(0);
  const halfWidth = explain.levels[explain.fracturedIndex].dims.bodyWidth / 2;
  for (const x of [-halfWidth, 0, halfWidth]) expect(m.clippingPlanes![0].distanceToPoint(world(explain, x, 0, 0))).toBeGreaterThan(0);
}

describe('the cutaway of the broken vertebra in the side view', () => {
  const explain = buildExplainScene(shape);
  const timeline = buildTimeline('kyphoplasty', shape);

  it('cuts the broken body open at its mid-sagittal plane on the camera\'s side in the opening view', () => {
    settleOn(explain, timeline, 'your-spine');
    expectMidSagittalCut(explain);
    // Only the broken vertebra is cut.
    expect(explain.materials.bone.clippingPlanes ?? []).toHaveLength(0);
  });

  it('follows the patient as they turn prone', () => {
    settleOn(explain, timeline, 'lying-prone');
    expect(new Vector3(0, 0, -1).applyQuaternion(explain.patient.quaternion).y).toBeCloseTo(1);
    expectMidSagittalCut(explain);
  });

  it('grows in with the turn to the side view', () => {
    const s = timeline.steps.find((x) => x.id === 'your-spine')!;
    applySceneState(explain, sceneStateAt(timeline, s.start), view);
    expectNoCut(explain);
    const turning = sceneStateAt(timeline, s.start);
    applySceneState(explain, { ...turning, camera: { ...turning.camera, blend: 0.5 } }, view);
    const plane = explain.materials.fractured.clippingPlanes![0];
    expect(plane.distanceToPoint(world(explain, 0, 0, 0))).toBeGreaterThan(1);
    expect(explain.materials.fractured.userData.cutOpen.value).toBe(1);
  });

  it('is never on for the see-through close-ups, nor for see-through bone chosen by the viewer', () => {
    for (const id of ['tube-in', 'balloon-inflate', 'cement-sets']) {
      settleOn(explain, timeline, id);
      expectNoCut(explain);
    }
    settleOn(explain, timeline, 'your-spine', { ...view, seeThrough: true });
    expectNoCut(explain);
  });
});
