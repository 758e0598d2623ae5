import type { Vec3 } from '../../shared/volume/vec3';
import { cross, dot, normalize, subtract, add, scale } from '../../shared/volume/vec3';
import { patientToVoxel, voxelToPatient, type Volume } from '../../shared/volume/volume';
import type { OwnModelRefusal } from '../../shared/i18n/phrasebook';
import type { PixelArray } from '../../shared/dicom/pixel-types';

/**
 * The fractured vertebra's own frame in the patient (LPS mm), from its six measured points: origin at
 * the centre of the body in the mid-sagittal plane, `up` from the inferior to the superior endplate,
 * `front` from the posterior to the anterior wall, `left` = up × front. The explainer's vertebra
 * frame is the same (x left, y up, z front), so the model needs no other placement.
 */
export interface VertebraFrame {
  centre: Vec3;
  left: Vec3;
  up: Vec3;
  front: Vec3;
}

export interface SixPatientPoints {
  anteriorSuperior: Vec3;
  middleSuperior: Vec3;
  posteriorSuperior: Vec3;
  anteriorInferior: Vec3;
  middleInferior: Vec3;
  posteriorInferior: Vec3;
}

const mean = (points: Vec3[]): Vec3 => scale(points.reduce((s, p) => add(s, p), [0, 0, 0] as Vec3), 1 / points.length);

export function vertebraFrame(p: SixPatientPoints): VertebraFrame {
  const all = Object.values(p);
  const up = normalize(subtract(mean([p.anteriorSuperior, p.middleSuperior, p.posteriorSuperior]), mean([p.anteriorInferior, p.middleInferior, p.posteriorInferior])));
  const towardsFront = subtract(mean([p.anteriorSuperior, p.anteriorInferior]), mean([p.posteriorSuperior, p.posteriorInferior]));
  const front = normalize(subtract(towardsFront, scale(up, dot(towardsFront, up))));
  return { centre: mean(all), up, front, left: cross(up, front) };
}

/** The box around the fractured vertebra that holds it and its neighbours, in its frame (mm): posterior elements reach far back. */
export const CROP_BOX = { min: [-50, -72, -90], max: [50, 72, 36] } as const;

/** Grid step of the crop: below it the marching cubes would only add triangles; above it the laminae (about 5 mm) would break up. */
export const CROP_CELL_MM = 1.2;

/** Slices further apart than this, or pixels larger, cannot show a pedicle or a lamina (about 5–8 mm across). */
const MAX_SLICE_SPACING_MM = 2.5;
const MAX_PIXEL_MM = 1.5;

/** Hounsfield units in the vertebra's frame on a regular grid, x fastest. */
export interface CtCrop {
  hu: Float32Array;
  size: [number, number, number];
  cellMm: number;
  /** Frame coordinates (mm) of grid point (0, 0, 0). */
  origin: [number, number, number];
}

/** What resampling reads of a volume: its grid, its stored values and their rescale. */
export type SampledVolume = Pick<Volume, 'dimensions' | 'spacing' | 'origin' | 'rowDirection' | 'columnDirection' | 'normal' | 'slices' | 'slopes' | 'intercepts'>;

/**
 * The block of a CT's voxels that the crop reads, in buffers of its own (a batch of slices each, x
 * fastest), so that it can be transferred to a worker: the CT's own slices belong to the viewer.
 */
export type VolumeCut = SampledVolume;

/** The buffers holding a cut's voxels, to transfer. */
export const cutBuffers = (cut: VolumeCut): ArrayBuffer[] => [...new Set(cut.slices.map((s) => s.buffer as ArrayBuffer))];

/** Voxels copied between two yields of the cut: a few milliseconds of the UI thread. */
const CUT_BATCH_VOXELS = 1 << 18;

/** A CT too coarse to show the posterior elements, or one that does not cover the vertebra's body, cannot give a model. */
function refusalFor(volume: SampledVolume, frame: VertebraFrame): OwnModelRefusal | undefined {
  const [columnMm, rowMm, sliceMm] = volume.spacing;
  if (sliceMm > MAX_SLICE_SPACING_MM || Math.max(columnMm, rowMm) > MAX_PIXEL_MM) return 'too-coarse';
  const inside = (p: Vec3) => p.every((c, a) => c >= 0 && c <= volume.dimensions[a] - 1);
  // The body's centre and its endplates must lie in the CT.
  for (const y of [-15, 0, 15]) if (!inside(patientToVoxel(volume, add(frame.centre, scale(frame.up, y))))) return 'level-not-covered';
  return undefined;
}

/**
 * Copies out the voxels that `cropAroundVertebra` samples (the CT's grid box around the crop box,
 * one voxel more for the trilinear neighbours), row by row: about a tenth of a 500-slice CT. It
 * yields after each batch of slices, so that a caller on the UI thread can let a frame through.
 */
export function* cutAroundVertebra(volume: Volume, frame: VertebraFrame): Generator<void, VolumeCut | { refusal: OwnModelRefusal }> {
  const refusal = refusalFor(volume, frame);
  if (refusal) return { refusal };
  const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => {
    const [x, y, z] = [0, 1, 2].map((a) => ((c >> a) & 1 ? CROP_BOX.max[a] : CROP_BOX.min[a]));
    return patientToVoxel(volume, add(frame.centre, add(add(scale(frame.left, x), scale(frame.up, y)), scale(frame.front, z))));
  });
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(Math.min(...corners.map((p) => p[a])))));
  const hi = [0, 1, 2].map((a) => Math.min(volume.dimensions[a] - 1, Math.floor(Math.max(...corners.map((p) => p[a]))) + 1));
  const [wx, wy, wz] = [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
  const nx = volume.dimensions[0];
  const Voxels = volume.slices[0].constructor as new (length: number) => PixelArray;
  const batch = Math.max(1, Math.floor(CUT_BATCH_VOXELS / (wx * wy)));
  const slices: PixelArray[] = [];
  for (let k0 = 0; k0 < wz; k0 += batch) {
    const count = Math.min(batch, wz - k0);
    const voxels = new Voxels(wx * wy * count);
    for (let k = 0; k < count; k++) {
      const slice = volume.slices[lo[2] + k0 + k];
      for (let j = 0; j < wy; j++) {
        const from = lo[0] + (lo[1] + j) * nx;
        voxels.set(slice.subarray(from, from + wx), (k * wy + j) * wx);
      }
      slices.push(voxels.subarray(k * wx * wy, (k + 1) * wx * wy));
    }
    yield;
  }
  return {
    slices,
    dimensions: [wx, wy, wz],
    spacing: volume.spacing,
    origin: voxelToPatient(volume, [lo[0], lo[1], lo[2]]),
    rowDirection: volume.rowDirection,
    columnDirection: volume.columnDirection,
    normal: volume.normal,
    slopes: volume.slopes.slice(lo[2], hi[2] + 1),
    intercepts: volume.intercepts.slice(lo[2], hi[2] + 1),
  };
}

/** Runs stepwise work to its end at once, where nothing else waits for the thread (a test, a benchmark). */
export function atOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Resamples the CT around the fractured vertebra into its own frame, trilinearly. It refuses a CT too
 * coarse to show the posterior elements, or one that does not cover the vertebra's body.
 */
export function cropAroundVertebra(volume: SampledVolume, frame: VertebraFrame, onProgress: (fraction: number) => void = () => undefined): CtCrop | { refusal: OwnModelRefusal } {
  const refusal = refusalFor(volume, frame);
  if (refusal) return { refusal };
  const [columnMm, rowMm, sliceMm] = volume.spacing;
  const [nx, ny, nz] = volume.dimensions;
  // Fractional voxel index = base + x·dx + y·dy + z·dz: the frame maps to the voxel grid linearly.
  const toIndex = (v: Vec3): Vec3 => [dot(v, volume.rowDirection) / columnMm, dot(v, volume.columnDirection) / rowMm, dot(v, volume.normal) / sliceMm];
  const base = patientToVoxel(volume, frame.centre);

  const dx = toIndex(scale(frame.left, CROP_CELL_MM)), dy = toIndex(scale(frame.up, CROP_CELL_MM)), dz = toIndex(scale(frame.front, CROP_CELL_MM));
  const size: [number, number, number] = [0, 1, 2].map((a) => Math.floor((CROP_BOX.max[a] - CROP_BOX.min[a]) / CROP_CELL_MM) + 1) as [number, number, number];
  const start = add(base, add(add(scale(dx, CROP_BOX.min[0] / CROP_CELL_MM), scale(dy, CROP_BOX.min[1] / CROP_CELL_MM)), scale(dz, CROP_BOX.min[2] / CROP_CELL_MM)));
  const hu = new Float32Array(size[0] * size[1] * size[2]);
  // Outside the CT counts as air, so that bone cut by the CT's edge still closes.
  const AIR = -1000;
  const { slices, slopes, intercepts } = volume;
  const [di, dj, dk] = dx;
  // Written out, with no closure per voxel: this loop runs a million times.
  let n = 0;
  for (let k = 0; k < size[2]; k++) {
    for (let j = 0; j < size[1]; j++) {
      let fi = start[0] + j * dy[0] + k * dz[0], fj = start[1] + j * dy[1] + k * dz[1], fk = start[2] + j * dy[2] + k * dz[2];
      for (let i = 0; i < size[0]; i++, n++, fi += di, fj += dj, fk += dk) {
        const i0 = Math.floor(fi), j0 = Math.floor(fj), k0 = Math.floor(fk);
        if (i0 < 0 || j0 < 0 || k0 < 0 || i0 >= nx - 1 || j0 >= ny - 1 || k0 >= nz - 1) {
          hu[n] = AIR;
          continue;
        }
        const u = fi - i0, v = fj - j0, w = fk - k0;
        const a = i0 + j0 * nx, b = a + nx;
        const s0 = slices[k0], s1 = slices[k0 + 1];
        const top0 = s0[a] + (s0[a + 1] - s0[a]) * u, bottom0 = s0[b] + (s0[b + 1] - s0[b]) * u;
        const top1 = s1[a] + (s1[a + 1] - s1[a]) * u, bottom1 = s1[b] + (s1[b + 1] - s1[b]) * u;
        const v0 = (top0 + (bottom0 - top0) * v) * slopes[k0] + intercepts[k0];
        const v1 = (top1 + (bottom1 - top1) * v) * slopes[k0 + 1] + intercepts[k0 + 1];
        hu[n] = v0 + (v1 - v0) * w;
      }
    }
    if (k % 16 === 15) onProgress((k + 1) / size[2]);
  }
  onProgress(1);
  return { hu, size, cellMm: CROP_CELL_MM, origin: [CROP_BOX.min[0], CROP_BOX.min[1], CROP_BOX.min[2]] };
}
