// The patient's own vertebrae from a 500-slice CT (Node, one thread): the cut of the voxels around the
// measured vertebra out of the viewer's volume (UI thread in the app), then the resampling, segmentation
// and meshing (the worker), beside a floor of one pass over every voxel of the CT.
import { buildOwnSpineModel } from '../renderer/explain/ctBoneModel';
import { cropAroundVertebra, cutAroundVertebra, vertebraFrame } from '../renderer/explain/ctCrop';
import { spinePhantom } from '../tests/unit/explain/spine-ct-phantom';

const RUNS = 3;
const phantom = spinePhantom({ columns: 512, slices: 500, pixelMm: 0.7, sliceMm: 0.8, heights: { anterior: 19, posterior: 28 } });
const frame = vertebraFrame(phantom.points);

const time = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
};

const floors: number[] = [], cuts: number[] = [], cutSteps: number[] = [], crops: number[] = [], models: number[] = [], cpus: number[] = [];
/** The model's stages, timed between its progress reports: segmentation (threshold, closing, fill) to 0.15, labelling to 0.3, then meshing. */
const stages = { segmentation: [] as number[], labelling: [] as number[], meshing: [] as number[] };
let triangles = 0, cutVoxels = 0;
for (let run = 0; run < RUNS; run++) {
  floors.push(time(() => phantom.volume.slices.reduce((sum, s) => { let t = sum; for (let i = 0; i < s.length; i++) t += s[i]; return t; }, 0))[1]);
  // The app yields to the browser between the cut's steps: the longest step is what holds the UI thread.
  const steps = cutAroundVertebra(phantom.volume, frame);
  let step, cutMs = 0, stepMs = 0;
  do {
    const [s, ms] = time(() => steps.next());
    step = s;
    cutMs += ms;
    stepMs = Math.max(stepMs, ms);
  } while (!step.done);
  const cut = step.value;
  if ('refusal' in cut) throw new Error(cut.refusal);
  const cpuBefore = process.cpuUsage();
  const [crop, cropMs] = time(() => cropAroundVertebra(cut, frame));
  if ('refusal' in crop) throw new Error(crop.refusal);
  const marks: [number, number][] = [];
  const [model, modelMs] = time(() => {
    marks.push([0, performance.now()]);
    return buildOwnSpineModel(crop, (f) => marks.push([f, performance.now()]));
  });
  const cpu = process.cpuUsage(cpuBefore);
  cpus.push((cpu.user + cpu.system) / 1000);
  const at = (f: number) => marks.find(([g]) => g >= f)![1];
  stages.segmentation.push(at(0.15) - at(0));
  stages.labelling.push(at(0.3) - at(0.15));
  stages.meshing.push(at(1) - at(0.3));
  if ('refusal' in model) throw new Error(model.refusal);
  cuts.push(cutMs);
  cutSteps.push(stepMs);
  crops.push(cropMs);
  models.push(modelMs);
  cutVoxels = cut.slices.length * cut.slices[0].length;
  triangles = model.vertebrae.reduce((n, v) => n + v.indices.length / 3, 0);
}
const range = (v: number[], unit: 'ms' | 's' = 's') => (unit === 's' ? `${(Math.min(...v) / 1000).toFixed(2)}–${(Math.max(...v) / 1000).toFixed(2)} s` : `${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)} ms`);
const totals = cuts.map((c, i) => c + crops[i] + models[i]);
const whole = phantom.volume.slices.length * phantom.volume.slices[0].length;
console.log('\n== Model from the patient\'s own CT, 500 × 512² int16 (Node, one thread)');
console.log(`UI thread (in batches between frames), cut of the voxels around the vertebra: ${range(cuts, 'ms')}, longest step ${range(cutSteps, 'ms')} (${(cutVoxels / 1e6).toFixed(1)} M of ${(whole / 1e6).toFixed(0)} M voxels)`);
console.log(`worker, resampling: ${range(crops)}; segmentation and meshing: ${range(models)}; total ${range(totals)} (${triangles} triangles, 3 vertebrae)`);
console.log(`worker stages: segmentation ${range(stages.segmentation, 'ms')}, labelling ${range(stages.labelling, 'ms')}, meshing ${range(stages.meshing, 'ms')}; CPU time of resampling + model ${range(cpus)} (less than the wall time when other work holds the core)`);
console.log(`floor, one pass over every voxel: ${range(floors)}; ratio total/floor ${(Math.min(...totals) / Math.min(...floors)).toFixed(1)}`);
