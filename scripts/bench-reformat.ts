/**
 * How fast a new reformatted plane appears from a 512 × 512 × 500 CT-sized volume (goal: a sagittal plane in
 * under 50 ms). Timings here vary 30–50% from run to run, so each figure is also given as a ratio to a floor
 * measured in the same run: a plain element-by-element typed-array copy of as many voxels as a sagittal plane
 * holds (a memcpy through TypedArray.set is shown too, for scale).
 *
 * A second volume of 3 mm slices compares the display sampling (linear interpolation across slices onto
 * near-square pixels, `interpolateAcrossSlices`) with the native grid of one row per slice, as a ratio.
 *
 *   npx tsx scripts/bench-reformat.ts
 */
import { performance } from 'node:perf_hooks';
import type { InstanceHeader } from '../shared/dicom/header';
import { reslice, type AnatomicalPlane, type ResliceImage, type ResliceOptions } from '../shared/volume/reslice';
import { buildVolume, isVolume, type Volume, type VolumeSlice } from '../shared/volume/volume';
import { header } from '../tests/unit/volume/synthetic-series';
import { median } from '../shared/statistics';

const COLUMNS = 512;
const ROWS = 512;
const SLICES = 500;
const SLICE_MM = 0.8;
/** A thick-slice spine CT: 400 mm in 3 mm slices. */
const THICK_SLICES = 134;
const THICK_SLICE_MM = 3;
const RUNS = 20;
const WARM_UP_RUNS = 3;

/** Axial slices `sliceMm` apart on 0.7 mm pixels, built on the tests' synthetic header. */
function sliceHeader(k: number, sliceMm: number): InstanceHeader {
  return header({
    sopInstanceUid: `1.2.3.${k}`,
    rows: ROWS,
    columns: COLUMNS,
    imagePositionPatient: [-180, -180, -400 + sliceMm * k],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    spacing: { rowMm: 0.7, columnMm: 0.7, source: 'calibrated', note: 'Pixel Spacing' },
  });
}

/** Slices with a texture that differs along all three axes, so no plane is trivially uniform. */
function syntheticSlices(count: number, sliceMm: number): VolumeSlice[] {
  return Array.from({ length: count }, (_, k) => {
    const pixels = new Int16Array(ROWS * COLUMNS);
    for (let j = 0; j < ROWS; j++) {
      for (let i = 0; i < COLUMNS; i++) pixels[j * COLUMNS + i] = ((i ^ j) + 3 * k) % 2048 - 1024;
    }
    return { header: sliceHeader(k, sliceMm), frame: { pixels, rows: ROWS, columns: COLUMNS, samplesPerPixel: 1, minValue: -1024, maxValue: 1023 } };
  });
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

function volumeOf(slices: VolumeSlice[]): Volume {
  const built = buildVolume(slices);
  if (!isVolume(built)) throw new Error(built.error);
  return built;
}

/** Native grid against display sampling on the 3 mm volume: time, and time per output pixel, as ratios. */
function compareDisplaySampling(floorMs: number): void {
  const thick = volumeOf(syntheticSlices(THICK_SLICES, THICK_SLICE_MM));
  const display = { interpolateAcrossSlices: true };
  console.log(`\n3 mm volume ${COLUMNS} × ${ROWS} × ${THICK_SLICES}: native grid (one row per slice) against linear interpolation onto near-square pixels`);
  for (const [plane, layers] of [['sagittal', COLUMNS], ['coronal', ROWS]] as const) {
    const native = reslice(thick, plane, { index: 0 });
    const interpolated = reslice(thick, plane, { index: 0 }, display);
    const nativeMs = timeReslice(thick, plane, layers);
    const interpolatedMs = timeReslice(thick, plane, layers, display);
    const pixelRatio = (interpolated.width * interpolated.height) / (native.width * native.height);
    const size = (image: ResliceImage) => `${image.width} × ${image.height} of ${image.columnSpacingMm.toFixed(2)} × ${image.rowSpacingMm.toFixed(2)} mm`;
    console.log(`${`${plane}, native (${size(native)})`.padEnd(58)} ${nativeMs.toFixed(2).padStart(8)} ms   ${(nativeMs / floorMs).toFixed(1).padStart(6)} × floor`);
    console.log(`${`${plane}, linear (${size(interpolated)})`.padEnd(58)} ${interpolatedMs.toFixed(2).padStart(8)} ms   ${(interpolatedMs / floorMs).toFixed(1).padStart(6)} × floor`);
    console.log(`${`${plane}: linear / native`.padEnd(58)} ${(interpolatedMs / nativeMs).toFixed(2).padStart(8)} ×    ${(interpolatedMs / nativeMs / pixelRatio).toFixed(2)} × per output pixel (${pixelRatio.toFixed(2)} × the pixels)`);
  }
}

function main(): void {
  const slices = syntheticSlices(SLICES, SLICE_MM);
  const buildStarted = performance.now();
  const volume = volumeOf(slices);
  const buildMs = performance.now() - buildStarted;
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
    ['axial plane, between slices (512 × 512)', timeMedian(SLICES - 1, (index) => reslice(volume, 'axial', { positionMm: -400 + SLICE_MM * (index + 0.37) }))],
    // 0.8 mm slices beside 0.7 mm pixels are already near-square: the display sampling adds nothing.
    ['sagittal plane, display sampling', timeReslice(volume, 'sagittal', COLUMNS, { interpolateAcrossSlices: true })],
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
  compareDisplaySampling(floorMs);
}

main();
