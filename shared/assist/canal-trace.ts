/**
 * The spinal canal on axial images of a CT volume: wherever the vertebral ring (body, pedicles, laminae)
 * is closed, the canal is a hole of soft-tissue density in the bone. Its centres along the spine give the
 * mid-sagittal plane (the canal lies on the midline of every vertebra) and, on that plane, the line just
 * behind the vertebral bodies.
 */
import type { Vec3 } from '../volume/vec3';
import { imagePointToPatient, planeIndexRange, reslice } from '../volume/reslice';
import type { Volume } from '../volume/volume';
import { BONE_MIN_HU } from './body-mask';

/** Axial images are examined this far apart along the spine. */
const AXIAL_STEP_MM = 4;
/**
 * A canal is about 15–25 mm wide and 12–20 mm deep in adults (its area 150–350 mm²): holes far outside
 * this range are marrow gaps, gas clefts or foramina.
 */
const CANAL_AREA_MM2 = [60, 700] as const;
/** Canal contents (CSF, cord, epidural fat) are between fat and soft tissue; a hole darker than this is gas. */
const CANAL_MIN_MEAN_HU = -300;
const CANAL_MAX_MEAN_HU = 120;

export interface CanalSample {
  /** Patient LPS position of the canal's centre on one axial image, mm. */
  readonly centre: Vec3;
  readonly areaMm2: number;
}

/** The canal is 12 mm across at its narrowest: a grid of about 1.2 mm still finds it, at a quarter of the cost. */
const GRID_MM = 1.2;

interface Hole {
  count: number;
  sumX: number;
  sumY: number;
  sumHu: number;
}

/**
 * Holes of the bone mask on a grid of every `stride`-th pixel: 4-connected non-bone regions that the image
 * border cannot reach, with their grid-point count, summed pixel position and summed HU.
 */
function holesOf(pixels: ArrayLike<number>, width: number, height: number, stride: number): Hole[] {
  const gw = Math.floor((width - 1) / stride) + 1;
  const gh = Math.floor((height - 1) / stride) + 1;
  const value = new Float32Array(gw * gh);
  for (let gy = 0, g = 0; gy < gh; gy++) for (let gx = 0; gx < gw; gx++, g++) value[g] = pixels[gy * stride * width + gx * stride];
  const label = new Int32Array(gw * gh); // 0 unvisited, −1 bone, −2 outside, ≥ 1 hole id
  for (let g = 0; g < label.length; g++) if (value[g] >= BONE_MIN_HU) label[g] = -1;
  const queue = new Int32Array(gw * gh);
  const flood = (start: number, id: number, hole: Hole): void => {
    let head = 0;
    let tail = 0;
    let count = 0;
    let sumX = 0;
    let sumY = 0;
    let sumHu = 0;
    label[start] = id;
    queue[tail++] = start;
    while (head < tail) {
      const g = queue[head++];
      const gx = g % gw;
      const gy = (g - gx) / gw;
      count++;
      sumX += gx;
      sumY += gy;
      sumHu += value[g];
      if (gx > 0 && label[g - 1] === 0) {
        label[g - 1] = id;
        queue[tail++] = g - 1;
      }
      if (gx < gw - 1 && label[g + 1] === 0) {
        label[g + 1] = id;
        queue[tail++] = g + 1;
      }
      if (gy > 0 && label[g - gw] === 0) {
        label[g - gw] = id;
        queue[tail++] = g - gw;
      }
      if (gy < gh - 1 && label[g + gw] === 0) {
        label[g + gw] = id;
        queue[tail++] = g + gw;
      }
    }
    hole.count = count;
    hole.sumX = sumX * stride;
    hole.sumY = sumY * stride;
    hole.sumHu = sumHu;
  };
  const outside: Hole = { count: 0, sumX: 0, sumY: 0, sumHu: 0 };
  for (let gx = 0; gx < gw; gx++) {
    if (label[gx] === 0) flood(gx, -2, outside);
    if (label[(gh - 1) * gw + gx] === 0) flood((gh - 1) * gw + gx, -2, outside);
  }
  for (let gy = 0; gy < gh; gy++) {
    if (label[gy * gw] === 0) flood(gy * gw, -2, outside);
    if (label[gy * gw + gw - 1] === 0) flood(gy * gw + gw - 1, -2, outside);
  }
  const holes: Hole[] = [];
  for (let g = 0; g < label.length; g++) {
    if (label[g] !== 0) continue;
    const hole: Hole = { count: 0, sumX: 0, sumY: 0, sumHu: 0 };
    flood(g, holes.length + 1, hole);
    holes.push(hole);
  }
  return holes;
}

/** Canal centres on axial images every AXIAL_STEP_MM along the volume, where the vertebral ring is closed. */
export function traceCanal(volume: Volume): CanalSample[] {
  const { first, last, stepMm } = planeIndexRange(volume, 'axial');
  const step = Math.max(1, Math.round(AXIAL_STEP_MM / stepMm));
  const samples: CanalSample[] = [];
  for (let index = first; index <= last; index += step) {
    const image = reslice(volume, 'axial', { index });
    const stride = Math.max(1, Math.round(GRID_MM / Math.max(image.columnSpacingMm, image.rowSpacingMm)));
    const pixelArea = image.columnSpacingMm * image.rowSpacingMm * stride * stride;
    let best: Hole | undefined;
    for (const hole of holesOf(image.pixels, image.width, image.height, stride)) {
      const area = hole.count * pixelArea;
      const meanHu = hole.sumHu / hole.count;
      if (area < CANAL_AREA_MM2[0] || area > CANAL_AREA_MM2[1] || meanHu < CANAL_MIN_MEAN_HU || meanHu > CANAL_MAX_MEAN_HU) continue;
      if (!best || hole.count > best.count) best = hole;
    }
    if (!best) continue;
    samples.push({ centre: imagePointToPatient(image, { x: best.sumX / best.count, y: best.sumY / best.count }), areaMm2: best.count * pixelArea });
  }
  return samples;
}
