import type { OwnModelRefusal } from '../../shared/i18n/phrasebook';
import { bodyStations, type BodyStations } from './bodyHeights';
import type { CtCrop } from './ctCrop';
import { meshGrid, type MeshArrays } from './marchingCubes';
import { simplifiedIndices } from './simplifyMesh';

/**
 * Bone on CT: cortical bone is well above 400 HU and trabecular bone 100–300 HU, lower in
 * osteoporosis; soft tissue and discs stay below about 100 HU (Schreiber et al., AJR 2011;196:1028).
 * 200 HU traces the cortex; the hollow this leaves inside an osteoporotic body is filled afterwards.
 */
export const BONE_HU = 200;

/** Mesh cell of the patient's bones: fine enough for a 5 mm lamina, coarse enough for about 10 k triangles a vertebra. */
export const OWN_MESH_CELL_MM = 1.8;

/** Less bone than this (mm³) is not a vertebral body: a thoracic body alone holds about 15 cm³. */
const MIN_VERTEBRA_MM3 = 8000;

/**
 * One of the patient's vertebrae, meshed in the fractured vertebra's frame, as transferable arrays,
 * with what the scene would otherwise read off its vertices on the UI thread.
 */
export interface OwnVertebraMesh {
  /** −1 the vertebra above, 0 the fractured one, +1 the one below. */
  offset: -1 | 0 | 1;
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  /** The box around the positions. */
  box: { min: [number, number, number]; max: [number, number, number] };
  /** Height of the middle of the body, half-way between its endplates at the midline. */
  bodyMiddleY: number;
}

/** What the procedure needs to know of the patient's fractured vertebra, in its frame (mm). */
export interface OwnVertebraLandmarks {
  bodyWidth: number;
  /** Anterior and posterior walls at the midline, at mid-height. */
  frontZ: number;
  backZ: number;
  /** Centres of the left and right pedicles: the needle passes through them. */
  pedicles: { left: [number, number, number]; right: [number, number, number] };
}

export interface OwnSpineModel {
  vertebrae: OwnVertebraMesh[];
  landmarks: OwnVertebraLandmarks;
  /** Where the fractured body's heights are read on its mesh, and what they are there. */
  stations: BodyStations;
}

export type Progress = (fraction: number) => void;

/**
 * The patient's fractured vertebra and its neighbours from their CT: bone by threshold, holes inside
 * bone filled, each voxel given to the vertebra whose body it is joined to through bone (a
 * breadth-first search from each body at once, so the arches part at the facet joints), each
 * vertebra smoothed and meshed by marching cubes, and the pedicles found in the fractured one.
 */
export function buildOwnSpineModel(crop: CtCrop, onProgress: Progress = () => undefined): OwnSpineModel | { refusal: OwnModelRefusal } {
  const [nx, ny, nz] = crop.size;
  const c = crop.cellMm;
  const count = nx * ny * nz;
  const index = (i: number, j: number, k: number) => i + nx * (j + ny * k);
  const cellOf = (mm: number, axis: 0 | 1 | 2) => Math.round((mm - crop.origin[axis]) / c);

  const bone = new Uint8Array(count);
  for (let n = 0; n < count; n++) bone[n] = crop.hu[n] >= BONE_HU ? 1 : 0;
  // A thin cortex sampled on a grid has pinholes: close them (dilate, fill, erode) before filling the inside.
  const closed = dilate(bone, crop.size);
  // One queue serves both breadth-first searches: a voxel is queued at most once in each.
  const queue = new Int32Array(count);
  fillEnclosed(closed, crop.size, queue);
  const inside = dilate(closed, crop.size, 0);
  for (let n = 0; n < count; n++) if (inside[n]) bone[n] = 1;
  onProgress(0.15);

  // Seeds: the fractured body at the frame's centre, its neighbours across the discs above and below.
  const [ci, ck] = [cellOf(0, 0), cellOf(0, 2)];
  const cj = cellOf(0, 1);
  if (!bone[index(ci, cj, ck)]) return { refusal: 'segmentation-failed' };
  const acrossDisc = (from: number | undefined, step: 1 | -1): number | undefined => {
    if (from === undefined) return undefined;
    let j = from;
    while (j > 0 && j < ny - 1 && bone[index(ci, j, ck)]) j += step;
    while (j > 0 && j < ny - 1 && !bone[index(ci, j, ck)]) j += step;
    // Into the next body far enough to be clear of its endplate.
    const seed = j + step * Math.round(6 / c);
    return seed > 0 && seed < ny - 1 && bone[index(ci, seed, ck)] ? seed : undefined;
  };
  const above = acrossDisc(cj, 1), below = acrossDisc(cj, -1);
  // The next bodies out get seeds of their own (labels 4 and 5, not meshed), so that the neighbours
  // do not grow into them through their facet joints.
  const seeds: [number, number][] = [[index(ci, cj, ck), 2]];
  for (const [j, l] of [[above, 1], [below, 3], [acrossDisc(above, 1), 4], [acrossDisc(below, -1), 5]] as const) {
    if (j !== undefined) seeds.push([index(ci, j, ck), l]);
  }
  const label = labelThroughBone(bone, crop.size, seeds, queue);
  onProgress(0.3);

  const boxes = labelBoxes(label, crop.size);
  const volumeOf = (l: number) => boxes[l].voxels * c * c * c;
  if (volumeOf(2) < MIN_VERTEBRA_MM3) return { refusal: 'segmentation-failed' };
  const landmarks = findLandmarks(label, crop);
  if (!landmarks) return { refusal: 'segmentation-failed' };

  const present = ([1, 2, 3] as const).filter((l) => l === 2 || volumeOf(l) >= MIN_VERTEBRA_MM3);
  const vertebrae = present.map((l, n) => {
    const meshed = meshLabel(label, l, boxes[l], crop);
    // The neighbours are context, drawn with fewer triangles as the drawn column's are.
    const mesh = l === 2 ? meshed : { ...meshed, indices: simplifiedIndices(meshed.indices, meshed.positions) };
    onProgress(n === present.length - 1 ? 1 : 0.3 + (0.7 * (n + 1)) / present.length);
    return { offset: (l - 2) as -1 | 0 | 1, ...mesh, ...readMesh(mesh.positions) };
  });
  const fractured = vertebrae.find((v) => v.offset === 0)!;
  return { vertebrae, landmarks, stations: bodyStations(fractured.positions, { bodyDepth: landmarks.frontZ - landmarks.backZ }) };
}

/**
 * Marks as bone every voxel that cannot be reached from the box's faces without crossing bone: the
 * inside of a thin-walled body. The faces' soft tissue is outside from the start; the search then
 * runs through the interior only, where every voxel has all six neighbours in the box, so it needs
 * no coordinates or bounds checks (a voxel on a face is bone or already outside, and is not taken).
 */
function fillEnclosed(bone: Uint8Array, [nx, ny, nz]: [number, number, number], queue: Int32Array): void {
  const sy = nx, sz = nx * ny;
  const outside = new Uint8Array(bone.length);
  let tail = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const onFace = k === 0 || j === 0 || k === nz - 1 || j === ny - 1;
      for (let i = 0, n = sy * j + sz * k; i < nx; i++, n++) {
        if ((onFace || i === 0 || i === nx - 1) && !bone[n]) outside[n] = 1;
      }
    }
  }
  // The first interior voxels: those beside an outside voxel of a face.
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1, n = 1 + sy * j + sz * k; i < nx - 1; i++, n++) {
        if (bone[n]) continue;
        if ((i === 1 && outside[n - 1]) || (i === nx - 2 && outside[n + 1]) || (j === 1 && outside[n - sy]) ||
          (j === ny - 2 && outside[n + sy]) || (k === 1 && outside[n - sz]) || (k === nz - 2 && outside[n + sz])) {
          outside[n] = 1;
          queue[tail++] = n;
        }
      }
    }
  }
  for (let head = 0; head < tail; head++) {
    const n = queue[head];
    if (!bone[n - 1] && !outside[n - 1]) { outside[n - 1] = 1; queue[tail++] = n - 1; }
    if (!bone[n + 1] && !outside[n + 1]) { outside[n + 1] = 1; queue[tail++] = n + 1; }
    if (!bone[n - sy] && !outside[n - sy]) { outside[n - sy] = 1; queue[tail++] = n - sy; }
    if (!bone[n + sy] && !outside[n + sy]) { outside[n + sy] = 1; queue[tail++] = n + sy; }
    if (!bone[n - sz] && !outside[n - sz]) { outside[n - sz] = 1; queue[tail++] = n - sz; }
    if (!bone[n + sz] && !outside[n + sz]) { outside[n + sz] = 1; queue[tail++] = n + sz; }
  }
  for (let n = 0; n < bone.length; n++) if (!outside[n]) bone[n] = 1;
}

/**
 * Grows (value 1) or, with value 0, shrinks a mask by one voxel across each face: a voxel takes
 * `value` where any face neighbour has it.
 */
function dilate(mask: Uint8Array, [nx, ny, nz]: [number, number, number], value: 0 | 1 = 1): Uint8Array {
  const out = Uint8Array.from(mask);
  const sz = nx * ny;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        if (mask[n] === value) continue;
        if (
          (i > 0 && mask[n - 1] === value) || (i < nx - 1 && mask[n + 1] === value) ||
          (j > 0 && mask[n - nx] === value) || (j < ny - 1 && mask[n + nx] === value) ||
          (k > 0 && mask[n - sz] === value) || (k < nz - 1 && mask[n + sz] === value)
        ) out[n] = value;
      }
    }
  }
  return out;
}

/** Breadth-first from all seeds at once through bone: each bone voxel takes the label of the seed it is nearest to along bone. */
function labelThroughBone(bone: Uint8Array, [nx, ny, nz]: [number, number, number], seeds: [number, number][], queue: Int32Array): Uint8Array {
  const label = new Uint8Array(bone.length);
  let head = 0, tail = 0;
  for (const [n, l] of seeds) {
    label[n] = l;
    queue[tail++] = n;
  }
  const sz = nx * ny;
  while (head < tail) {
    const n = queue[head++];
    const l = label[n];
    const i = n % nx, j = Math.floor(n / nx) % ny, k = Math.floor(n / sz);
    // The six face neighbours, written out: a closure per voxel would cost more than the search.
    if (i > 0 && bone[n - 1] && !label[n - 1]) { label[n - 1] = l; queue[tail++] = n - 1; }
    if (i < nx - 1 && bone[n + 1] && !label[n + 1]) { label[n + 1] = l; queue[tail++] = n + 1; }
    if (j > 0 && bone[n - nx] && !label[n - nx]) { label[n - nx] = l; queue[tail++] = n - nx; }
    if (j < ny - 1 && bone[n + nx] && !label[n + nx]) { label[n + nx] = l; queue[tail++] = n + nx; }
    if (k > 0 && bone[n - sz] && !label[n - sz]) { label[n - sz] = l; queue[tail++] = n - sz; }
    if (k < nz - 1 && bone[n + sz] && !label[n + sz]) { label[n + sz] = l; queue[tail++] = n + sz; }
  }
  return label;
}

/**
 * Walls and pedicles of the fractured vertebra (label 2). The walls are where bone ends along the
 * midline at mid-height; the pedicles are the bone just behind the back wall on either side of the
 * canal, at the body's own level.
 */
function findLandmarks(label: Uint8Array, crop: CtCrop): OwnVertebraLandmarks | undefined {
  const [nx, ny, nz] = crop.size;
  const c = crop.cellMm;
  const at = (x: number, y: number, z: number) => {
    const i = Math.round((x - crop.origin[0]) / c), j = Math.round((y - crop.origin[1]) / c), k = Math.round((z - crop.origin[2]) / c);
    return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz ? label[i + nx * (j + ny * k)] : 0;
  };
  let frontZ = 0, backZ = 0;
  while (at(0, 0, frontZ + c) === 2) frontZ += c;
  while (at(0, 0, backZ - c) === 2) backZ -= c;
  let halfWidth = 0;
  while (at(halfWidth + c, 0, (frontZ + backZ) / 2) === 2) halfWidth += c;
  if (frontZ - backZ < 10 || halfWidth < 5) return undefined;

  const centroid = (side: 1 | -1): [number, number, number] | undefined => {
    let sx = 0, sy = 0, sz = 0, n = 0;
    for (let z = backZ - 12; z <= backZ - 1; z += c) {
      for (let y = -12; y <= 12; y += c) {
        for (let x = 3; x <= 30; x += c) {
          if (at(side * x, y, z) !== 2) continue;
          sx += side * x;
          sy += y;
          sz += z;
          n++;
        }
      }
    }
    return n * c * c * c > 60 ? [sx / n, sy / n, sz / n] : undefined;
  };
  const left = centroid(1), right = centroid(-1);
  if (!left || !right) return undefined;
  return { bodyWidth: 2 * halfWidth, frontZ, backZ, pedicles: { left, right } };
}

/**
 * One vertebra's surface: its voxels, in the box around them, blurred (two 3-voxel box passes,
 * close to a Gaussian of 1.2 voxels) and meshed at half occupancy.
 */
function meshLabel(label: Uint8Array, l: number, { first, size }: LabelBox, crop: CtCrop): MeshArrays {
  const [nx, ny] = crop.size;
  const c = crop.cellMm;
  const [bx, by, bz] = size;
  let field: Float32Array = new Float32Array(bx * by * bz);
  for (let k = 0, n = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const row = first[0] + nx * (first[1] + j + ny * (first[2] + k));
      for (let i = 0; i < bx; i++, n++) field[n] = label[row + i] === l ? 1 : 0;
    }
  }
  let spare: Float32Array = new Float32Array(field.length);
  for (let pass = 0; pass < 2; pass++) {
    for (const axis of [0, 1, 2] as const) {
      boxBlur(field, size, axis, spare);
      [field, spare] = [spare, field];
    }
  }
  const origin = [0, 1, 2].map((a) => crop.origin[a] + first[a] * c);
  // The blurred occupancy, trilinearly on the coarser mesh grid, as a field negative inside and
  // roughly in millimetres near the surface. Per axis: each mesh point's cell and weight.
  const meshSize = size.map((b) => Math.ceil(((b - 1) * c) / OWN_MESH_CELL_MM) + 1) as [number, number, number];
  const steps = meshSize.map((m, a) => {
    const cellOf = new Int32Array(m), weight = new Float32Array(m);
    for (let p = 0; p < m; p++) {
      const f = (p * OWN_MESH_CELL_MM) / c;
      cellOf[p] = Math.min(size[a] - 2, Math.max(0, Math.floor(f)));
      weight[p] = Math.min(1, Math.max(0, f - cellOf[p]));
    }
    return { cellOf, weight };
  });
  const [mx, my, mz] = meshSize;
  const sdf = new Float32Array(mx * my * mz);
  const sy = bx, sz = bx * by;
  for (let k = 0, n = 0; k < mz; k++) {
    const kk = steps[2].cellOf[k], w = steps[2].weight[k];
    for (let j = 0; j < my; j++) {
      const jj = steps[1].cellOf[j], v = steps[1].weight[j];
      for (let i = 0; i < mx; i++, n++) {
        const a = steps[0].cellOf[i] + sy * jj + sz * kk, u = steps[0].weight[i];
        const x0 = field[a] + (field[a + 1] - field[a]) * u, x1 = field[a + sy] + (field[a + sy + 1] - field[a + sy]) * u;
        const x2 = field[a + sz] + (field[a + sz + 1] - field[a + sz]) * u, x3 = field[a + sy + sz] + (field[a + sy + sz + 1] - field[a + sy + sz]) * u;
        const y0 = x0 + (x1 - x0) * v, y1 = x2 + (x3 - x2) * v;
        sdf[n] = (0.5 - (y0 + (y1 - y0) * w)) * 2 * c;
      }
    }
  }
  return meshGrid(sdf, meshSize, origin, OWN_MESH_CELL_MM);
}

/** The box around a mesh's positions and the middle of its body at the midline (in front of the canal, within 3 mm of the midline). */
function readMesh(positions: Float32Array): Pick<OwnVertebraMesh, 'box' | 'bodyMiddleY'> {
  const min: [number, number, number] = [Infinity, Infinity, Infinity], max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  let top = -Infinity, bottom = Infinity;
  for (let i = 0; i < positions.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a], positions[i + a]);
      max[a] = Math.max(max[a], positions[i + a]);
    }
    if (Math.abs(positions[i]) > 3 || positions[i + 2] < -10) continue;
    top = Math.max(top, positions[i + 1]);
    bottom = Math.min(bottom, positions[i + 1]);
  }
  return { box: { min, max }, bodyMiddleY: (top + bottom) / 2 };
}

interface LabelBox {
  voxels: number;
  first: number[];
  size: [number, number, number];
}

/** Each label's voxel count and the box around its voxels, with room all round for the blur to fade to nothing, in one pass. */
function labelBoxes(label: Uint8Array, [nx, ny, nz]: [number, number, number]): LabelBox[] {
  const LABELS = 6, MARGIN = 3;
  const voxels = new Float64Array(LABELS), min = new Int32Array(3 * LABELS).fill(Math.max(nx, ny, nz)), max = new Int32Array(3 * LABELS).fill(-1);
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const l = label[n], b = 3 * l;
        voxels[l]++;
        if (i < min[b]) min[b] = i;
        if (i > max[b]) max[b] = i;
        if (j < min[b + 1]) min[b + 1] = j;
        if (j > max[b + 1]) max[b + 1] = j;
        if (k < min[b + 2]) min[b + 2] = k;
        if (k > max[b + 2]) max[b + 2] = k;
      }
    }
  }
  return Array.from({ length: LABELS }, (_, l) => {
    const first = [0, 1, 2].map((a) => Math.max(0, min[3 * l + a] - MARGIN));
    const last = [0, 1, 2].map((a) => Math.min([nx, ny, nz][a] - 1, max[3 * l + a] + MARGIN));
    return { voxels: voxels[l], first, size: [0, 1, 2].map((a) => last[a] - first[a] + 1) as [number, number, number] };
  });
}

/** Blurs `field` along one axis into `out`. */
function boxBlur(field: Float32Array, [nx, ny, nz]: [number, number, number], axis: 0 | 1 | 2, out: Float32Array): void {
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const length = [nx, ny, nz][axis];
  // Walk every line along the axis: lines start at each point whose coordinate on that axis is 0.
  for (let k = 0; k < (axis === 2 ? 1 : nz); k++) {
    for (let j = 0; j < (axis === 1 ? 1 : ny); j++) {
      for (let i = 0; i < (axis === 0 ? 1 : nx); i++) {
        const first = i + nx * (j + ny * k);
        for (let p = 0, n = first; p < length; p++, n += stride) {
          const before = p > 0 ? field[n - stride] : field[n];
          const after = p < length - 1 ? field[n + stride] : field[n];
          out[n] = (before + field[n] + after) / 3;
        }
      }
    }
  }
}
