// The patient's own vertebrae from a 500-slice CT (Node, one thread): the crop around the measured
// vertebra (UI thread in the app) and the segmentation and meshing (the worker), beside a floor of
// one pass over every voxel of the CT.
import { buildOwnSpineModel } from '../renderer/explain/ctBoneModel';
import { cropAroundVertebra, vertebraFrame } from '../renderer/explain/ctCrop';
import { spinePhantom } from '../tests/unit/explain/spine-ct-phantom';

const RUNS = 3;
const phantom = spinePhantom({ columns: 512, slices: 500, pixelMm: 0.7, sliceMm: 0.8, heights: { anterior: 19, posterior: 28 } });
const frame = vertebraFrame(phantom.points);

const time = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
};

const floors: number[] = [], crops: number[] = [], models: number[] = [];
let triangles = 0;
for (let run = 0; run < RUNS; run++) {
  floors.push(time(() => phantom.volume.slices.reduce((sum, s) => { let t = sum; for (let i = 0; i < s.length; i++) t += s[i]; return t; }, 0))[1]);
  const [crop, cropMs] = time(() => cropAroundVertebra(phantom.volume, frame));
  if ('refusal' in crop) throw new Error(crop.refusal);
  const [model, modelMs] = time(() => buildOwnSpineModel(crop));
  if ('refusal' in model) throw new Error(model.refusal);
  crops.push(cropMs);
  models.push(modelMs);
  triangles = model.vertebrae.reduce((n, v) => n + v.indices.length / 3, 0);
}
const range = (v: number[]) => `${(Math.min(...v) / 1000).toFixed(2)}–${(Math.max(...v) / 1000).toFixed(2)} s`;
const totals = crops.map((c, i) => c + models[i]);
console.log('\n== Model from the patient\'s own CT, 500 × 512² int16 (Node, one thread)');
console.log(`crop around the vertebra: ${range(crops)}; segmentation and meshing: ${range(models)}; total ${range(totals)} (${triangles} triangles, 3 vertebrae)`);
console.log(`floor, one pass over every voxel: ${range(floors)}; ratio total/floor ${(Math.min(...totals) / Math.min(...floors)).toFixed(1)}`);
