import { describe, expect, it } from 'vitest';
import { InstancedMesh, Mesh, Vector3, type BufferGeometry, type Object3D } from 'three';
import { buildExplainScene } from '../../../renderer/explain/buildExplainScene';
import { applySceneState, DEFAULT_VIEW, fluoroscopyShown, type ViewOptions } from '../../../renderer/explain/applySceneState';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { sceneStateAt, MOTION_SHARE } from '../../../shared/procedure/sceneState';
import { REFERENCE_CASE_SHAPE } from '../../../shared/procedure/patientShape';
import { needlePath } from '../../../renderer/explain/procedurePaths';
import { vertebraGeometry } from '../../../renderer/explain/vertebraGeometry';
import type { Step, Timeline } from '../../../shared/procedure/types';

const shape = REFERENCE_CASE_SHAPE;
const view: ViewOptions = { ...DEFAULT_VIEW, afterHeightsMm: shape.heightsMm };
const explain = buildExplainScene(shape);

function drawn(root: Object3D): Mesh[] {
  const meshes: Mesh[] = [];
  root.traverseVisible((o) => {
    if (o instanceof Mesh) meshes.push(o);
  });
  return meshes;
}

/** Volume inside a closed indexed mesh, by the divergence theorem (sum of signed tetrahedra from the origin). */
function enclosedVolume(g: BufferGeometry): number {
  const p = g.getAttribute('position');
  const index = g.index!;
  const a = new Vector3(), b = new Vector3(), c = new Vector3();
  let volume = 0;
  for (let i = 0; i < index.count; i += 3) {
    a.fromBufferAttribute(p, index.getX(i));
    b.fromBufferAttribute(p, index.getX(i + 1));
    c.fromBufferAttribute(p, index.getX(i + 2));
    volume += a.dot(b.cross(c)) / 6;
  }
  return Math.abs(volume);
}

function triangles(mesh: Mesh): number {
  const g = mesh.geometry;
  const per = g.index ? g.index.count / 3 : g.getAttribute('position').count / 3;
  return per * (mesh instanceof InstancedMesh ? mesh.count : 1);
}

const settled = (s: Step) => s.start + (s.end - s.start) * MOTION_SHARE + 0.01;
const stepOf = (timeline: Timeline, id: string) => timeline.steps.find((s) => s.id === id)!;

describe('the explainer scene', () => {
  it('shows five vertebrae, the discs between them and the cord', () => {
    expect(explain.vertebrae.map((v) => v.name)).toEqual(['vertebra-T11', 'vertebra-T12', 'vertebra-L1', 'vertebra-L2', 'vertebra-L3']);
    expect(explain.vertebrae[explain.fracturedIndex].name).toBe('vertebra-L1');
    for (const v of explain.vertebrae) expect(triangles(v)).toBeGreaterThan(1500);
  });

  it('draws the neighbours with fewer triangles but the same shape as the broken vertebra\'s full mesh', () => {
    const { level, dims } = explain.levels[0];
    const full = vertebraGeometry(level, dims, 'full');
    const context = vertebraGeometry(level, dims, 'context');
    expect(context.index!.count).toBeLessThan(0.45 * full.index!.count);
    full.computeBoundingBox();
    context.computeBoundingBox();
    for (const axis of ['x', 'y', 'z'] as const) {
      expect(Math.abs(context.boundingBox!.min[axis] - full.boundingBox!.min[axis])).toBeLessThan(0.5);
      expect(Math.abs(context.boundingBox!.max[axis] - full.boundingBox!.max[axis])).toBeLessThan(0.5);
    }
    expect(Math.abs(enclosedVolume(context) / enclosedVolume(full) - 1)).toBeLessThan(0.02);
  });

  it.each(['vertebroplasty', 'kyphoplasty', 'fusion'] as const)('%s stays within the draw-call and triangle budget at every step', (procedure) => {
    const timeline = buildTimeline(procedure, shape);
    for (const step of timeline.steps) {
      applySceneState(explain, sceneStateAt(timeline, settled(step)), { ...view, compare: 'healthy' });
      const meshes = drawn(explain.scene);
      expect(meshes.length).toBeLessThanOrEqual(25);
      expect(meshes.reduce((sum, m) => sum + triangles(m), 0)).toBeLessThan(45_000);
    }
  });

  it('places the needle tip where the step says: at the skin, then in the anterior third', () => {
    const timeline = buildTimeline('vertebroplasty', shape);
    const step = stepOf(timeline, 'needle-in');
    const path = needlePath(explain.levels[explain.fracturedIndex].dims, 'left', false);
    applySceneState(explain, sceneStateAt(timeline, step.start), view);
    expect(explain.needles[0].visible).toBe(true);
    expect(explain.needles[0].position.distanceTo(path.skin)).toBeLessThan(1e-6);
    applySceneState(explain, sceneStateAt(timeline, settled(step)), view);
    expect(explain.needles[0].position.distanceTo(path.target)).toBeLessThan(1e-3);
    const depth = explain.levels[explain.fracturedIndex].dims.bodyDepth;
    expect(path.target.z).toBeGreaterThan(depth / 2 - depth / 3 - 3);
    expect(explain.needles[1].visible).toBe(false);
  });

  it('grows the cement with the fill fraction', () => {
    const timeline = buildTimeline('vertebroplasty', shape);
    const cement = stepOf(timeline, 'cement');
    applySceneState(explain, sceneStateAt(timeline, cement.start), view);
    expect(explain.cement.visible).toBe(false);
    applySceneState(explain, sceneStateAt(timeline, cement.start + (cement.end - cement.start) * MOTION_SHARE * 0.5), view);
    const half = explain.cement.scale.clone();
    applySceneState(explain, sceneStateAt(timeline, settled(cement)), view);
    expect(explain.cement.visible).toBe(true);
    expect(explain.cement.scale.x / half.x).toBeCloseTo(Math.cbrt(2), 2);
  });

  it('inflates the balloons, lifts the vertebra and leaves a cavity', () => {
    const timeline = buildTimeline('kyphoplasty', shape);
    const inflate = stepOf(timeline, 'balloon-inflate');
    const fractured = explain.vertebrae[explain.fracturedIndex];
    const depth = explain.levels[explain.fracturedIndex].dims.bodyDepth;
    // The anterior wall's height: the span of vertices in the front of the body.
    const anteriorHeight = () => {
      const p = fractured.geometry.getAttribute('position');
      let top = -Infinity, bottom = Infinity;
      for (let v = 0; v < p.count; v++) {
        if (p.getZ(v) < depth * 0.4) continue;
        top = Math.max(top, p.getY(v));
        bottom = Math.min(bottom, p.getY(v));
      }
      return top - bottom;
    };
    applySceneState(explain, sceneStateAt(timeline, inflate.start), view);
    const before = anteriorHeight();
    const aboveBefore = new Vector3().setFromMatrixPosition(explain.vertebrae[explain.fracturedIndex - 1].matrix);
    applySceneState(explain, sceneStateAt(timeline, settled(inflate)), view);
    const end = sceneStateAt(timeline, settled(inflate));
    expect(explain.balloons.every((b) => b.visible)).toBe(true);
    expect(explain.balloons[0].scale.x).toBeCloseTo(end.balloon.radiusMm);
    expect(anteriorHeight() - before).toBeCloseTo(end.vertebraHeightsMm.anterior - shape.heightsMm.anterior, 0);
    const aboveAfter = new Vector3().setFromMatrixPosition(explain.vertebrae[explain.fracturedIndex - 1].matrix);
    expect(aboveAfter.y).toBeGreaterThan(aboveBefore.y);

    const out = stepOf(timeline, 'balloon-out');
    applySceneState(explain, sceneStateAt(timeline, settled(out)), view);
    expect(explain.balloons.some((b) => b.visible)).toBe(false);
    expect(explain.cavity.visible).toBe(true);
    applySceneState(explain, sceneStateAt(timeline, settled(stepOf(timeline, 'cement'))), view);
    expect(explain.cavity.visible).toBe(false);
    expect(explain.cement.visible).toBe(true);
  });

  it('inserts four pedicle screws and joins them with rods for fusion', () => {
    const timeline = buildTimeline('fusion', shape);
    applySceneState(explain, sceneStateAt(timeline, settled(stepOf(timeline, 'rods'))), view);
    expect(explain.screws.visible).toBe(true);
    expect(explain.screws.count).toBe(4);
    expect(explain.rods.visible).toBe(true);
  });

  it('turns the patient prone, and swaps to X-ray materials on the fluoroscopy step', () => {
    const timeline = buildTimeline('kyphoplasty', shape);
    const xray = stepOf(timeline, 'xray-guidance');
    applySceneState(explain, sceneStateAt(timeline, settled(xray)), view);
    const back = new Vector3(0, 0, -1).applyQuaternion(explain.patient.quaternion);
    expect(back.y).toBeCloseTo(1);
    expect(explain.vertebrae[0].material).not.toBe(explain.materials.bone);
    expect(explain.cord.visible).toBe(false);
    applySceneState(explain, sceneStateAt(timeline, 0), view);
    expect(explain.vertebrae[0].material).toBe(explain.materials.bone);
    expect(explain.cord.visible).toBe(true);
  });

  it('makes the bone see-through on request', () => {
    const timeline = buildTimeline('vertebroplasty', shape);
    applySceneState(explain, sceneStateAt(timeline, 0), { ...view, seeThrough: true });
    expect(explain.materials.bone.transparent).toBe(true);
    expect(explain.materials.bone.opacity).toBeLessThan(0.5);
    applySceneState(explain, sceneStateAt(timeline, 0), view);
    expect(explain.materials.bone.transparent).toBe(false);
  });

  it('keeps the column within a patient-sized box', () => {
    const spread = explain.vertebrae.map((v) => new Vector3().setFromMatrixPosition(v.matrix).y);
    expect(spread[0] - spread[4]).toBeGreaterThan(120);
    expect(spread[0] - spread[4]).toBeLessThan(220);
  });
});

describe('what the viewer chooses over the timeline', () => {
  it('honours the X-ray toggle both ways, also during the X-ray step', () => {
    expect(fluoroscopyShown(true, 'timeline')).toBe(true);
    expect(fluoroscopyShown(false, 'timeline')).toBe(false);
    expect(fluoroscopyShown(true, 'off')).toBe(false);
    expect(fluoroscopyShown(false, 'on')).toBe(true);
    const timeline = buildTimeline('vertebroplasty', shape);
    const xray = sceneStateAt(timeline, settled(stepOf(timeline, 'xray-guidance')));
    applySceneState(explain, xray, { ...view, fluoroscopy: 'off' });
    expect(explain.vertebrae[0].material).toBe(explain.materials.bone);
    expect(explain.cord.visible).toBe(true);
    applySceneState(explain, sceneStateAt(timeline, 0), { ...view, fluoroscopy: 'on' });
    expect(explain.vertebrae[0].material).not.toBe(explain.materials.bone);
  });

  it('keeps the neighbours solid while the broken bone turns see-through for the needle', () => {
    const timeline = buildTimeline('vertebroplasty', shape);
    applySceneState(explain, sceneStateAt(timeline, settled(stepOf(timeline, 'cement'))), view);
    expect(explain.materials.fractured.transparent).toBe(true);
    expect(explain.materials.bone.transparent).toBe(false);
    explain.vertebrae.forEach((v, i) => expect(v.material).toBe(i === explain.fracturedIndex ? explain.materials.fractured : explain.materials.bone));
  });

  it('turns the screwed vertebrae see-through for fusion, not the broken one', () => {
    const timeline = buildTimeline('fusion', shape);
    applySceneState(explain, sceneStateAt(timeline, settled(stepOf(timeline, 'screws'))), view);
    const f = explain.fracturedIndex;
    expect(explain.vertebrae[f - 1].material).toBe(explain.materials.focused);
    expect(explain.vertebrae[f + 1].material).toBe(explain.materials.focused);
    expect(explain.materials.focused.transparent).toBe(true);
    expect(explain.materials.fractured.transparent).toBe(false);
  });

  it('sizes each vertebral form for every level and height', () => {
    const again = buildExplainScene({ ...shape, normalHeightsMm: { anterior: 29, middle: 29, posterior: 29 } });
    const box = (i: number) => {
      again.vertebrae[i].geometry.computeBoundingBox();
      return again.vertebrae[i].geometry.boundingBox!;
    };
    const d = again.levels[again.fracturedIndex].dims;
    const body = box(again.fracturedIndex);
    expect(body.max.z).toBeCloseTo(d.bodyDepth / 2, 0);
    expect(box(4).max.z).toBeGreaterThan(body.max.z);
  });
});
