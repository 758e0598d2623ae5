import { describe, expect, it } from 'vitest';
import { Box3, Vector3 } from 'three';
import { buildExplainScene, type ExplainScene } from '../../../renderer/explain/buildExplainScene';
import { applySceneState, DEFAULT_VIEW } from '../../../renderer/explain/applySceneState';
import { CAMERA_PRESETS, poseCamera, presetState } from '../../../renderer/explain/cameraPresets';
import { atOnce, cropAroundVertebra, cutAroundVertebra, vertebraFrame } from '../../../renderer/explain/ctCrop';
import { buildOwnSpineModel } from '../../../renderer/explain/ctBoneModel';
import { REFERENCE_CASE_SHAPE } from '../../../shared/procedure/patientShape';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { sceneStateAt } from '../../../shared/procedure/sceneState';
import type { CameraPreset } from '../../../shared/procedure/types';
import { spinePhantom } from './spine-ct-phantom';

const phantom = spinePhantom({ columns: 150, slices: 110, pixelMm: 0.8, sliceMm: 1.5, heights: { anterior: 19, posterior: 28 } });
const cut = atOnce(cutAroundVertebra(phantom.volume, vertebraFrame(phantom.points)));
if ('refusal' in cut) throw new Error(cut.refusal);
const crop = cropAroundVertebra(cut, vertebraFrame(phantom.points));
if ('refusal' in crop) throw new Error(crop.refusal);
const ownModel = buildOwnSpineModel(crop);
if ('refusal' in ownModel) throw new Error(ownModel.refusal);

const scenes: [string, ExplainScene][] = [
  ['shaped model', buildExplainScene(REFERENCE_CASE_SHAPE)],
  ['own-CT model', buildExplainScene(REFERENCE_CASE_SHAPE, ownModel)],
];

/** The share of the viewport the meshes of the box span on screen, through three's own projection (1 = edge to edge). */
function screenSpan(explain: ExplainScene, meshes: number[], coveredBelow: number): { width: number; height: number; inside: boolean } {
  const { camera } = explain;
  explain.patient.updateMatrixWorld(true);
  camera.updateMatrixWorld(true);
  const box = new Box3();
  for (const i of meshes) box.expandByObject(explain.vertebrae[i]);
  const points: Vector3[] = [];
  for (let c = 0; c < 8; c++) points.push(new Vector3(c & 1 ? box.max.x : box.min.x, c & 2 ? box.max.y : box.min.y, c & 4 ? box.max.z : box.min.z).project(camera));
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  // Shares of the part of the view the caption leaves clear (NDC y from −1 + 2·coveredBelow to 1).
  const width = (Math.max(...xs) - Math.min(...xs)) / 2, height = (Math.max(...ys) - Math.min(...ys)) / 2 / (1 - coveredBelow);
  return { width, height, inside: points.every((p) => Math.abs(p.x) <= 1 && p.y <= 1 && p.y >= -1 + 2 * coveredBelow) };
}

describe('the camera presets frame the fractured vertebra and its neighbours', () => {
  for (const [name, explain] of scenes) {
    const f = explain.fracturedIndex;
    const neighbours = [f - 1, f, f + 1];
    for (const aspect of [16 / 9, 4 / 3]) {
      for (const preset of Object.keys(CAMERA_PRESETS) as CameraPreset[]) {
        for (const [proneBlend, coveredBelow] of [[0, 0], [1, 0], [0, 0.3], [1, 0.3]]) {
          it(`${name}, ${preset}, ${proneBlend ? 'prone' : 'standing'}, aspect ${aspect.toFixed(2)}, ${coveredBelow * 100} % under the caption`, () => {
            explain.camera.aspect = aspect;
            explain.camera.updateProjectionMatrix();
            applySceneState(explain, { ...sceneStateAt(buildTimeline('vertebroplasty', REFERENCE_CASE_SHAPE), 0), proneBlend }, { ...DEFAULT_VIEW, afterHeightsMm: REFERENCE_CASE_SHAPE.heightsMm });
            poseCamera(explain, presetState(preset, proneBlend), coveredBelow);
            const all = screenSpan(explain, neighbours, coveredBelow);
            expect(Math.max(all.width, all.height), 'the three vertebrae fill most of the view').toBeGreaterThanOrEqual(0.6);
            // The close-up frames the broken vertebra alone; the others show the neighbours whole.
            const framed = preset === 'closeUp' ? screenSpan(explain, [f], coveredBelow) : all;
            expect(framed.inside, 'what is framed stays in the view, above the caption').toBe(true);
            expect(Math.max(framed.width, framed.height)).toBeGreaterThanOrEqual(0.6);
          });
        }
      }
    }
  }
});
