/**
 * How fast a new reformatted plane appears from a 512 × 512 × 500 CT-sized volume (goal: a sagittal plane in
 * under 50 ms). Timings here vary 30–50% from run to run, so each figure is also given as a ratio to a floor
 * measured in the same run: a plain element-by-element typed-array copy of as many voxels as a sagittal plane
 * holds (a memcpy through TypedArray.set is shown too, for scale).
 *
 *   npx tsx scripts/bench-reformat.ts
 */
import { performance } from 'node:perf_hooks';
import type { InstanceHeader } from '../shared/dicom/header';
import { reslice, type AnatomicalPlane, type ResliceOptions } from '../shared/volume/reslice';
import { buildVolume, isVolume, type Volume, type VolumeSlice } from '../shared/volume/volume';
import { header } from '../tests/unit/volume/synthetic-series';

const COLUMNS = 512;
const ROWS = 512;
const SLICES = 500;
const RUNS = 20;
const WARM_UP_RUNS = 3;

/** Axial slices 0.8 mm apart on 0.7 mm pixels, built on the tests' synthetic header. */
function sliceHeader(k: number): InstanceHeader {
  return header({
    sopInstanceUid: `1.2.3.${k}`,
    rows: ROWS,
    columns: COLUMNS,
    imagePositionPatient: [-180, -180, -400 + 0.8 * k],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    spacing: { rowMm: 0.7, columnMm: 0.7, source: 'calibrated', note: 'Pixel Spacing' },
  });
}

/** Slices with a texture that differs along all three axes, so no plane is trivially uniform. */
function syntheticSlices(): VolumeSlice[] {
  return Array.from({ length: SLICES }, (_, k) => {
    const pixels = new Int16Array(ROWS * COLUMNS);
    for (let j = 0; j < ROWS; j++) {
      for (let i = 0; i < COLUMNS; i++) pixels[j * COLUMNS + i] = ((i ^ j) + 3 * k) % 2048 - 1024;
    }
    return { header: sliceHeader(k), frame: { pixels, rows: ROWS, columns: COLUMNS, samplesPerPixel: 1, minValue: -1024, maxValue: 1023 } };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
}

/** Median time of `RUNS` calls at indices spread over `count` layers, after a few warm-up calls. */
function timeMedian(count: number, run: (index: number) => void): number {
  const spread = (n: number) => Math.floor(((n * 0.618034) % 1) * count);
  for (let n = 0; n < WARM_UP_RUNS; n++) run(spread(n + RUNS));
  const times: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const started = performance.now();
    run(spread(n));
    times.push(performance.now() - started);
  }
  return median(times);
}

function timeReslice(volume: Volume, plane: AnatomicalPlane, layers: number, options?: ResliceOptions): number {
  return timeMedian(layers, (index) => reslice(volume, plane, { index }, options));
}

/** The floor: the same loop shape as a reslice, reading contiguous voxels. */
function copyElements(source: Int16Array | Float32Array, start: number, target: Int16Array): void {
  for (let n = 0; n < target.length; n++) target[n] = source[start + n];
}

function main(): void {
  const slices = syntheticSlices();
  const buildStarted = performance.now();
  const built = buildVolume(slices);
  const buildMs = performance.now() - buildStarted;
  if (!isVolume(built)) throw new Error(built.error);
  const volume = built;
  slices.length = 0;

  const planeVoxels = ROWS * SLICES;
  const floorTarget = new Int16Array(planeVoxels);
  const source = (index: number) => volume.slices[index] as Int16Array;
  const memcpyMs = timeMedian(SLICES, (index) => floorTarget.set(source(index).subarray(0, planeVoxels)));
  const floorMs = timeMedian(SLICES, (index) => copyElements(source(index), 0, floorTarget));

  const figures: [string, number][] = [
    ['sagittal plane (512 × 500)', timeReslice(volume, 'sagittal', COLUMNS)],
    ['coronal plane (512 × 500)', timeReslice(volume, 'coronal', ROWS)],
    ['axial plane, on a slice (512 × 512)', timeReslice(volume, 'axial', SLICES)],
    ['axial plane, between slices (512 × 512)', timeMedian(SLICES - 1, (index) => reslice(volume, 'axial', { positionMm: -400 + 0.8 * (index + 0.37) }))],
    ['sagittal 10 mm average slab (14 layers)', timeReslice(volume, 'sagittal', COLUMNS, { slab: { thicknessMm: 10, mode: 'average' } })],
    ['coronal 10 mm average slab (14 layers)', timeReslice(volume, 'coronal', ROWS, { slab: { thicknessMm: 10, mode: 'average' } })],
    ['sagittal 10 mm MIP slab (14 layers)', timeReslice(volume, 'sagittal', COLUMNS, { slab: { thicknessMm: 10, mode: 'mip' } })],
  ];

  const voxels = COLUMNS * ROWS * SLICES;
  console.log(`volume ${COLUMNS} × ${ROWS} × ${SLICES} Int16 (${((voxels * 2) / 2 ** 20).toFixed(0)} MiB of slices, referenced, not copied), built in ${buildMs.toFixed(0)} ms`);
  console.log(`median of ${RUNS} runs at spread positions; floor = a plain element-by-element typed-array copy of ${planeVoxels} voxels`);
  console.log(`${'copy with TypedArray.set (memcpy)'.padEnd(44)} ${memcpyMs.toFixed(2).padStart(8)} ms`);
  console.log(`${'floor: element-by-element copy loop'.padEnd(44)} ${floorMs.toFixed(2).padStart(8)} ms`);
  for (const [name, ms] of figures) {
    console.log(`${name.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms   ${(ms / floorMs).toFixed(1).padStart(6)} × floor`);
  }
}

main();
