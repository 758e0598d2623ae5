import { describe, expect, it } from 'vitest';
import { InstancedMesh, Line3, Mesh, Vector3 } from 'three';
import { buildExplainScene, showSpine } from '../../../renderer/explain/buildExplainScene';
import { applySceneState, DEFAULT_VIEW } from '../../../renderer/explain/applySceneState';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { sceneStateAt } from '../../../shared/procedure/sceneState';
import { kyphoplastyOutcome, manualShape } from '../../../shared/procedure/patientShape';
import { cropAroundVertebra, vertebraFrame } from '../../../renderer/explain/ctCrop';
import { buildOwnSpineModel } from '../../../renderer/explain/ctBoneModel';
import { bodyStations } from '../../../renderer/explain/bodyHeights';
import { vertebraDimensions } from '../../../renderer/explain/vertebraAnatomy';
import { spinePhantom } from './spine-ct-phantom';

const heights = { anterior: 19, posterior: 28 };
const phantom = spinePhantom({ columns: 150, slices: 110, pixelMm: 0.8, sliceMm: 1.5, heights });

describe('the model built from the patient\'s own CT', () => {
  const frame = vertebraFrame(phantom.points);
  const crop = cropAroundVertebra(phantom.volume, frame);
  if ('refusal' in crop) throw new Error(crop.refusal);
  const progress: number[] = [];
  const model = buildOwnSpineModel(crop, (p) => progress.push(p));
  if ('refusal' in model) throw new Error(model.refusal);

  it('finds the fractured vertebra and both neighbours, each meshed, and reports its progress', () => {
    expect(model.vertebrae.map((v) => v.offset)).toEqual([-1, 0, 1]);
    for (const v of model.vertebrae) expect(v.indices.length / 3).toBeGreaterThan(2000);
    // The neighbours are context, simplified to fewer triangles than the fractured one (simplifyMesh.ts).
    const fracturedTriangles = model.vertebrae[1].indices.length / 3;
    for (const v of [model.vertebrae[0], model.vertebrae[2]]) expect(v.indices.length / 3).toBeLessThan(0.6 * fracturedTriangles);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('shows the patient\'s own wedge beside neighbours of normal shape', () => {
    const d = vertebraDimensions('L2', heights.posterior);
    // The neighbours are drawn at their own places, a disc and a body away: read them there.
    const pitch = (offset: number) => {
      const v = model.vertebrae.find((x) => x.offset === offset)!;
      const shifted = Float32Array.from(v.positions);
      const centre = offset * (heights.posterior + 9);
      for (let i = 1; i < shifted.length; i += 3) shifted[i] -= centre;
      const h = bodyStations(shifted, d).heights;
      return h.anterior / h.posterior;
    };
    expect(pitch(0)).toBeLessThan(0.85);
    expect(pitch(-1)).toBeGreaterThan(0.93);
    expect(pitch(1)).toBeGreaterThan(0.93);
    const h = bodyStations(model.vertebrae.find((v) => v.offset === 0)!.positions, d).heights;
    expect(Math.abs(h.posterior - heights.posterior)).toBeLessThan(3);
  });

  it('finds the pedicles behind the body on either side of the canal, and the body\'s walls', () => {
    const { left, right } = model.landmarks.pedicles;
    expect(left[0]).toBeGreaterThan(8);
    expect(right[0]).toBeLessThan(-8);
    for (const p of [left, right]) expect(p[2]).toBeLessThan(model.landmarks.backZ);
    const d = vertebraDimensions('L2', heights.posterior);
    expect(model.landmarks.frontZ - model.landmarks.backZ).toBeGreaterThan(d.bodyDepth * 0.8);
    expect(model.landmarks.bodyWidth).toBeGreaterThan(d.bodyWidth * 0.8);
  });

  it('keeps the sunken middle of a biconcave body: the mesh\'s middle height is the CT\'s', () => {
    // Both endplates sunk by 5.5 mm at the centre, the rim whole: what smoothing or closing too strong would fill.
    const biconcave = { anterior: 28, posterior: 28, middle: 17 };
    const ct = spinePhantom({ columns: 150, slices: 110, pixelMm: 0.8, sliceMm: 1.5, heights: biconcave });
    const ctCrop = cropAroundVertebra(ct.volume, vertebraFrame(ct.points));
    if ('refusal' in ctCrop) throw new Error(ctCrop.refusal);
    const own = buildOwnSpineModel(ctCrop);
    if ('refusal' in own) throw new Error(own.refusal);
    // 1.5 mm slices place each endplate to within half a slice: 5 % of 17 mm is 0.85 mm.
    expect(Math.abs(own.stations.heights.middle - biconcave.middle) / biconcave.middle).toBeLessThan(0.05);
  });

  it('refuses a CT too coarse to show the posterior elements', () => {
    const coarse = spinePhantom({ columns: 60, slices: 30, pixelMm: 2, sliceMm: 5, heights });
    expect(cropAroundVertebra(coarse.volume, vertebraFrame(coarse.points))).toEqual({ refusal: 'too-coarse' });
  });

  it('refuses a CT that does not reach the measured level', () => {
    const moved = { ...frame, centre: [frame.centre[0], frame.centre[1], frame.centre[2] + 300] as [number, number, number] };
    expect(cropAroundVertebra(phantom.volume, moved)).toEqual({ refusal: 'level-not-covered' });
  });

  it('says the segmentation failed where there is no bone at the measured place', () => {
    const empty = { ...crop, hu: new Float32Array(crop.hu.length).fill(40) };
    expect(buildOwnSpineModel(empty)).toEqual({ refusal: 'segmentation-failed' });
  });
});

describe('the procedure on the patient\'s own vertebrae', () => {
  const frame = vertebraFrame(phantom.points);
  const crop = cropAroundVertebra(phantom.volume, frame);
  if ('refusal' in crop) throw new Error(crop.refusal);
  const model = buildOwnSpineModel(crop);
  if ('refusal' in model) throw new Error(model.refusal);
  const shape = manualShape('L2', { anterior: heights.anterior, middle: (heights.anterior + heights.posterior) / 2, posterior: heights.posterior }, 12);
  const explain = buildExplainScene(shape, model);
  const view = { ...DEFAULT_VIEW, afterHeightsMm: shape.heightsMm };

  it('draws the patient\'s three vertebrae within the draw-call and triangle budget', () => {
    expect(explain.vertebrae.map((v) => v.name)).toEqual(['vertebra-L1', 'vertebra-L2', 'vertebra-L3']);
    const timeline = buildTimeline('kyphoplasty', shape);
    for (const step of timeline.steps) {
      applySceneState(explain, sceneStateAt(timeline, step.start + (step.end - step.start) * 0.9), view);
      let meshes = 0, triangles = 0;
      explain.scene.traverseVisible((o) => {
        if (!(o instanceof Mesh)) return;
        meshes++;
        triangles += (o.geometry.index?.count ?? o.geometry.getAttribute('position').count) / 3 * (o instanceof InstancedMesh ? o.count : 1);
      });
      expect(meshes).toBeLessThanOrEqual(25);
      expect(triangles).toBeLessThan(40_000);
    }
  });

  it('passes the needles through the patient\'s own pedicles into the front of their body', () => {
    for (const [path, side] of [[explain.paths.bipedicular[0], 'left'], [explain.paths.bipedicular[1], 'right']] as const) {
      const pedicle = new Vector3(...model.landmarks.pedicles[side]);
      const line = new Line3(path.skin, path.target);
      expect(line.closestPointToPoint(pedicle, true, new Vector3()).distanceTo(pedicle)).toBeLessThan(0.5);
      expect(path.target.z).toBeGreaterThan(0);
      expect(path.target.z).toBeLessThan(model.landmarks.frontZ);
    }
  });

  it('puts the balloons and the cement inside the patient\'s body outline, and lifts their own bone', () => {
    const timeline = buildTimeline('kyphoplasty', shape);
    const inflate = timeline.steps.find((s) => s.id === 'balloon-inflate')!;
    const d = explain.levels[explain.fracturedIndex].dims;
    const heightsNow = () => bodyStations(explain.vertebrae[explain.fracturedIndex].geometry.getAttribute('position').array, d).heights;
    applySceneState(explain, sceneStateAt(timeline, inflate.start), view);
    const before = heightsNow();
    applySceneState(explain, sceneStateAt(timeline, inflate.start + (inflate.end - inflate.start) * 0.85), view);
    const after = heightsNow();
    const outcome = kyphoplastyOutcome(shape).heightsMm;
    expect(after.anterior / before.anterior).toBeCloseTo(outcome.anterior / shape.heightsMm.anterior, 1);
    for (const balloon of explain.balloons) {
      expect(Math.abs(balloon.position.x) + balloon.scale.x).toBeLessThan(model.landmarks.bodyWidth / 2);
      expect(balloon.position.z + balloon.scale.x).toBeLessThan(model.landmarks.frontZ);
      expect(balloon.position.z - balloon.scale.x).toBeGreaterThan(model.landmarks.backZ);
    }
    applySceneState(explain, sceneStateAt(timeline, timeline.steps.find((s) => s.id === 'cement')!.end - 0.1), view);
    const cement = explain.cement;
    expect(cement.scale.x).toBeLessThan(model.landmarks.bodyWidth / 2);
    expect(cement.position.z + cement.scale.z).toBeLessThan(model.landmarks.frontZ + 1);
  });

  it('swaps the drawn column for the patient\'s vertebrae in the same scene, keeping its materials', () => {
    const swapped = buildExplainScene(shape);
    const materials = swapped.materials, drawn = swapped.vertebrae;
    showSpine(swapped, model);
    expect(swapped.own).toBe(model);
    expect(swapped.materials).toBe(materials);
    expect(swapped.vertebrae.map((v) => v.name)).toEqual(explain.vertebrae.map((v) => v.name));
    for (const v of drawn) expect(swapped.patient.children).not.toContain(v);
    expect(swapped.paths).toEqual(explain.paths);
    expect(swapped.focus).toEqual(explain.focus);
    expect(swapped.fracturedStations).toEqual(explain.fracturedStations);
    expect(swapped.layout.vertebrae).toEqual(explain.layout.vertebrae);
    // The bounds the worker measured are those of the vertices.
    for (const mesh of swapped.vertebrae) {
      const measured = mesh.geometry.boundingBox!.clone();
      mesh.geometry.computeBoundingBox();
      expect(measured.equals(mesh.geometry.boundingBox!)).toBe(true);
    }
    // And back to the drawn column, as when the own model is given up.
    showSpine(swapped, undefined);
    expect(swapped.own).toBeUndefined();
    expect(swapped.vertebrae.length).toBeGreaterThan(3);
  });
});
