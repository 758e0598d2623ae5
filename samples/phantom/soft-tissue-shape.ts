import type { RaySpans } from './ray-spans';
import { TISSUE_INDEX } from './tissues';
import { toWorld } from './geometry';
import type { VertebraShape } from './vertebra-shape';

/**
 * Soft tissues that follow the spine (canal contents, paraspinal and psoas muscles, retroperitoneal
 * fat, aorta and vena cava) are placed relative to a centreline interpolated between the vertebrae,
 * so they bend with a kyphotic fracture. The body outline is a fixed elliptic cylinder.
 */
export interface Centreline {
  /** One key per vertebra, from the top level down: z of the body centre and what lies there. */
  readonly bodyZ: Float64Array;
  readonly bodyY: Float64Array;
  readonly halfWidth: Float64Array;
  readonly halfDepth: Float64Array;
  readonly canalZ: Float64Array;
  readonly canalY: Float64Array;
  readonly canalHalfWidth: Float64Array;
  readonly canalHalfDepth: Float64Array;
}

export interface BodyOutline {
  readonly centreY: number;
  readonly halfWidth: number;
  readonly halfDepth: number;
  readonly fatThickness: number;
}

/** Reused per ray, to avoid allocating in the inner loop. */
interface CentrelineSample {
  bodyY: number;
  halfWidth: number;
  halfDepth: number;
  levelPosition: number; // 0 at the top vertebra's centre, 1 at the next, and so on
  canalY: number;
  canalHalfWidth: number;
  canalHalfDepth: number;
}

/** Level positions (top vertebra T9 = 0) where the cord ends and the psoas muscles begin and end growing. */
const CONUS_TAPER_FROM = 3.5; // T12/L1 disc
const CONUS_TIP = 4.5; // L1/L2 disc
const PSOAS_FROM = 3; // T12
const PSOAS_FULL = 6; // L3
const PSOAS_RADIUS = 19;

export function buildCentreline(topDown: readonly VertebraShape[]): Centreline {
  const bodies = topDown.map((shape) => {
    const middle = (shape.anteriorHeight + shape.posteriorHeight) / 4;
    return { body: toWorld(shape.model.frame, 0, middle), canal: toWorld(shape.model.frame, shape.canal.y, middle), shape };
  });
  return {
    bodyZ: Float64Array.from(bodies, (b) => b.body.z),
    bodyY: Float64Array.from(bodies, (b) => b.body.y),
    halfWidth: Float64Array.from(bodies, (b) => b.shape.halfWidth),
    halfDepth: Float64Array.from(bodies, (b) => b.shape.halfDepth),
    canalZ: Float64Array.from(bodies, (b) => b.canal.z),
    canalY: Float64Array.from(bodies, (b) => b.canal.y),
    canalHalfWidth: Float64Array.from(bodies, (b) => b.shape.canal.halfWidth),
    canalHalfDepth: Float64Array.from(bodies, (b) => b.shape.canal.halfDepth),
  };
}

/** Index and weight of the key below z in a descending list (clamped at both ends). */
function bracket(keys: Float64Array, z: number): { index: number; weight: number } {
  const last = keys.length - 1;
  if (z >= keys[0]) return { index: 0, weight: 0 };
  if (z <= keys[last]) return { index: last - 1, weight: 1 };
  let index = 0;
  while (keys[index + 1] > z) index++;
  return { index, weight: (keys[index] - z) / (keys[index] - keys[index + 1]) };
}

const lerp = (values: Float64Array, index: number, weight: number): number => values[index] + (values[index + 1] - values[index]) * weight;

export function sampleCentreline(line: Centreline, z: number, out: CentrelineSample): void {
  const body = bracket(line.bodyZ, z);
  out.bodyY = lerp(line.bodyY, body.index, body.weight);
  out.halfWidth = lerp(line.halfWidth, body.index, body.weight);
  out.halfDepth = lerp(line.halfDepth, body.index, body.weight);
  out.levelPosition = body.index + body.weight;
  const canal = bracket(line.canalZ, z);
  out.canalY = lerp(line.canalY, canal.index, canal.weight);
  out.canalHalfWidth = lerp(line.canalHalfWidth, canal.index, canal.weight);
  out.canalHalfDepth = lerp(line.canalHalfDepth, canal.index, canal.weight);
}

export function createCentrelineSample(): CentrelineSample {
  return { bodyY: 0, halfWidth: 0, halfDepth: 0, levelPosition: 0, canalY: 0, canalHalfWidth: 0, canalHalfDepth: 0 };
}

function addEllipse(spans: RaySpans, centreX: number, mirrored: boolean, rx: number, ry: number, dy: number, tissue: number): void {
  const t = 1 - (dy / ry) ** 2;
  if (t <= 0) return;
  const half = rx * Math.sqrt(t);
  if (mirrored) spans.addMirrored(Math.max(0, centreX - half), centreX + half, tissue);
  else spans.add(centreX - half, centreX + half, tissue);
}

export function addSoftTissues(outline: BodyOutline, sample: CentrelineSample, y: number, spans: RaySpans): void {
  const fromOutline = y - outline.centreY;
  if (Math.abs(fromOutline) >= outline.halfDepth) return;
  const outer = outline.halfWidth * Math.sqrt(1 - (fromOutline / outline.halfDepth) ** 2);
  const innerDepth = outline.halfDepth - outline.fatThickness;
  const inner = Math.abs(fromOutline) < innerDepth ? (outline.halfWidth - outline.fatThickness) * Math.sqrt(1 - (fromOutline / innerDepth) ** 2) : 0;
  spans.addMirrored(inner, outer, TISSUE_INDEX.fat);
  spans.addMirrored(0, inner, TISSUE_INDEX.softTissue);

  const { halfWidth, halfDepth, canalY, canalHalfWidth, canalHalfDepth, levelPosition } = sample;
  const fromBody = y - sample.bodyY;
  const fromCanal = y - canalY;
  addEllipse(spans, 0, true, halfWidth + 28, halfDepth + 18, fromBody - 2, TISSUE_INDEX.fat);
  const psoas = PSOAS_RADIUS * Math.min(1, Math.max(0, (levelPosition - PSOAS_FROM) / (PSOAS_FULL - PSOAS_FROM)));
  if (psoas > 1) addEllipse(spans, halfWidth + psoas * 0.7, true, psoas, psoas * 0.85, fromBody - 4, TISSUE_INDEX.muscle);
  addEllipse(spans, canalHalfWidth + 14, true, 22, 24, fromCanal - 30, TISSUE_INDEX.muscle);
  addEllipse(spans, 16, false, 11, 11, fromBody + halfDepth + 12, TISSUE_INDEX.blood); // aorta, left of the midline
  addEllipse(spans, -22, false, 12, 8, fromBody + halfDepth + 10, TISSUE_INDEX.blood); // inferior vena cava, right

  // Canal: epidural fat, the dural sac with CSF, and the cord down to the conus at L1–L2.
  addEllipse(spans, 0, true, canalHalfWidth, canalHalfDepth, fromCanal, TISSUE_INDEX.fat);
  addEllipse(spans, 0, true, canalHalfWidth * 0.72, canalHalfDepth * 0.72, fromCanal - canalHalfDepth * 0.12, TISSUE_INDEX.csf);
  const cord = Math.sqrt(Math.min(1, Math.max(0, (CONUS_TIP - levelPosition) / (CONUS_TIP - CONUS_TAPER_FROM))));
  if (cord > 0.05) addEllipse(spans, 0, true, 4.6 * cord, 3.6 * cord, fromCanal - canalHalfDepth * 0.1, TISSUE_INDEX.cord);
}
