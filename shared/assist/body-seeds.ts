/**
 * Seeds for the one-click proposal on a mid-sagittal CT plane, found without a click: along the canal,
 * the band just in front of it is bone (a vertebral body) or disc. Runs of bone density along the
 * column's curve are the bodies; the middle of each run, in front of the posterior wall, is the seed.
 */
import { BONE_MIN_HU } from './body-mask';
import { mmToPixelPoint, orthonormalAxes, pixelPointToMm, pixelSize, sampleAtMm } from './plane-frame';
import type { PlaneImage, Vec2 } from './types';

/** Canal contents (CSF 0–15 HU, cord 30–40 HU, epidural fat −100 HU) end where disc or bone begins (≥ 70 HU). */
const CANAL_WALL_HU = 60;
/** The posterior wall lies within this distance in front of the canal's centre (canal depth 12–20 mm). */
const CANAL_WALL_SEARCH_MM = 25;
/** The band of the body examined: from just in front of the posterior cortex to the body's middle. */
const BAND_FROM_MM = 2;
const BAND_TO_MM = 14;
/** Where the seed goes in front of the posterior wall: inside the posterior half of any adult body, clear of an anterior cleft. */
const SEED_DEPTH_MM = 9;
/** A run of bone shorter than this is an endplate seen obliquely or a spur, not a body (a crushed body still exceeds 8 mm). */
const MIN_BODY_MM = 7;
/** A run longer than this holds two bodies whose disc is too thin to drop below the bone threshold. */
const MAX_BODY_MM = 42;
const STEP_MM = 0.5;

interface RowSample {
  readonly v: number;
  readonly density: number;
  readonly seed: Vec2;
}

/** Bone density of the band in front of the canal at every point of the canal line, head to tail. */
function densityAlongCanal(image: PlaneImage, canal: readonly Vec2[]): RowSample[] {
  const size = pixelSize(image.spacing);
  const axes = orthonormalAxes(image.orientation, image.spacing);
  const frame = { origin: { x: 0, y: 0 }, ...axes };
  const along = canal.map((p) => pixelPointToMm(size, p)).map((mm) => ({ mm, v: mm.x * axes.superior.x + mm.y * axes.superior.y }));
  along.sort((a, b) => b.v - a.v);
  const samples: RowSample[] = [];
  for (let i = 0; i + 1 < along.length; i++) {
    const [a, b] = [along[i], along[i + 1]];
    for (let v = a.v; v > b.v; v -= STEP_MM) {
      const t = (a.v - v) / (a.v - b.v);
      const centre = { x: a.mm.x + (b.mm.x - a.mm.x) * t, y: a.mm.y + (b.mm.y - a.mm.y) * t };
      const at = (d: number) => sampleAtMm(image, size, { x: centre.x + d * frame.anterior.x, y: centre.y + d * frame.anterior.y });
      let wall: number | undefined;
      for (let d = 0; d <= CANAL_WALL_SEARCH_MM; d += STEP_MM) {
        if (at(d) > CANAL_WALL_HU && at(d + STEP_MM) > CANAL_WALL_HU) {
          wall = d;
          break;
        }
      }
      if (wall === undefined) continue;
      let sum = 0;
      let count = 0;
      for (let d = wall + BAND_FROM_MM; d <= wall + BAND_TO_MM; d += STEP_MM) {
        const value = at(d);
        if (Number.isFinite(value)) {
          sum += value;
          count++;
        }
      }
      if (count === 0) continue;
      const seedMm = { x: centre.x + (wall + SEED_DEPTH_MM) * frame.anterior.x, y: centre.y + (wall + SEED_DEPTH_MM) * frame.anterior.y };
      samples.push({ v, density: sum / count, seed: mmToPixelPoint(size, seedMm) });
    }
  }
  return samples;
}

/** Splits a run that is too long for one body at its least dense sample, until every piece fits. */
function splitRun(run: readonly RowSample[]): RowSample[][] {
  const lengthMm = run.length * STEP_MM;
  if (lengthMm <= MAX_BODY_MM || run.length < 3) return [[...run]];
  const margin = Math.floor(MIN_BODY_MM / STEP_MM);
  let cut = -1;
  for (let i = margin; i < run.length - margin; i++) if (cut < 0 || run[i].density < run[cut].density) cut = i;
  if (cut < 0) return [[...run]];
  return [...splitRun(run.slice(0, cut)), ...splitRun(run.slice(cut + 1))];
}

/**
 * One seed per body seen in front of the canal, head to tail, in pixel coordinates of `image`. `canal` holds
 * canal centres on the plane (pixel points), in any order.
 */
export function bodySeeds(image: PlaneImage, canal: readonly Vec2[]): Vec2[] {
  const samples = densityAlongCanal(image, canal);
  const runs: RowSample[][] = [];
  let current: RowSample[] = [];
  for (const sample of samples) {
    if (sample.density >= BONE_MIN_HU) current.push(sample);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs
    .flatMap(splitRun)
    .filter((run) => run.length * STEP_MM >= MIN_BODY_MM)
    .map((run) => run[run.length >> 1].seed);
}
