import { frameAxes } from './geometry';
import type { RaySpans } from './ray-spans';
import type { VertebraModel } from './spine-model';
import { TISSUE_INDEX } from './tissues';

/**
 * The bony shape of one vertebra in its own frame (see geometry.ts): depth `ly` (posterior +), height
 * `lz` (cranial +) and the lateral coordinate, which equals patient x. Every part answers "which |x|
 * are inside me at (ly, lz)" so that a whole ray along x is resolved at once (ray-spans.ts).
 */

const CORTEX = 1.2; // mm: the vertebral body's cortical shell, as it appears on clinical CT
const ELEMENT_CORTEX = 1.0; // mm: cortex of the posterior elements
const ANTERIOR_EXPONENT = 2.4; // rounded front of the body's axial cross-section
const POSTERIOR_EXPONENT = 5; // flat posterior wall
const WAIST = 0.07; // the body is a little narrower at mid-height than at its endplates

const CORTICAL = TISSUE_INDEX.corticalBone;
const CANCELLOUS = TISSUE_INDEX.cancellousBone;

export interface Ellipsoid {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly rx: number;
  readonly ry: number;
  readonly rz: number;
}

export interface VertebraShape {
  readonly model: VertebraModel;
  readonly halfWidth: number;
  readonly halfDepth: number;
  readonly anteriorHeight: number;
  readonly posteriorHeight: number;
  readonly superiorConcavity: number;
  readonly inferiorConcavity: number;
  readonly pedicle: { readonly x: number; readonly z: number; readonly rx: number; readonly rz: number; readonly fromY: number; readonly toY: number };
  readonly canal: { readonly y: number; readonly halfWidth: number; readonly halfDepth: number };
  readonly lamina: { readonly thickness: number; readonly bottom: number; readonly top: number; readonly slope: number };
  readonly spinous: { readonly fromY: number; readonly toY: number; readonly z: number; readonly slope: number; readonly halfHeight: number; readonly halfThickness: number };
  readonly transverse: { readonly x: number; readonly y: number; readonly z: number; readonly length: number; readonly backSlope: number; readonly ry: number; readonly rz: number };
  readonly facets: {
    readonly x: number;
    readonly y: number;
    readonly rx: number;
    readonly ry: number;
    readonly superiorFrom: number;
    readonly superiorTo: number;
    readonly inferiorX: number;
    readonly inferiorY: number;
    readonly inferiorFrom: number;
    readonly inferiorTo: number;
  };
  /** Fracture marrow: a sclerotic band just under the superior endplate and, if acute, oedema below it. */
  readonly fractureBand: { readonly impactedDepth: number; readonly oedemaFraction: number } | null;
  readonly cement: readonly Ellipsoid[];
  readonly gas: Ellipsoid | null;
  /** Local bounding box (ly, lz) and the world one (y, z), for rejecting rays quickly. */
  readonly localBox: Box;
  readonly worldBox: Box;
}

export interface Box {
  readonly minY: number;
  readonly maxY: number;
  readonly minZ: number;
  readonly maxZ: number;
}

export function vertebraShape(model: VertebraModel, discBelow: number, discAbove: number): VertebraShape {
  const { anatomy, heights, fracture } = model;
  const halfWidth = anatomy.width / 2;
  const halfDepth = anatomy.depth / 2;
  const height = heights.posterior;
  const canalHalfDepth = anatomy.canalDepth / 2;
  const canal = { y: halfDepth + canalHalfDepth, halfWidth: anatomy.canalWidth / 2, halfDepth: canalHalfDepth };
  const pedicleRx = anatomy.pedicleWidth / 2;
  const pedicle = {
    x: canal.halfWidth + pedicleRx * 0.8,
    z: height * (anatomy.thoracic ? 0.66 : 0.6),
    rx: pedicleRx,
    rz: Math.min(anatomy.pedicleHeight / 2, height * 0.38),
    fromY: halfDepth - 4,
    toY: canal.y + 2,
  };
  const laminaThickness = anatomy.thoracic ? 4.5 : 5.5;
  const lamina = { thickness: laminaThickness, bottom: height * 0.02, top: height * 0.82, slope: anatomy.thoracic ? 0.45 : 0.3 };
  const slope = Math.tan((anatomy.spinousSlopeDeg * Math.PI) / 180);
  const spinousFrom = canal.y + canal.halfDepth + laminaThickness * 0.4;
  const spinousHalfHeight = anatomy.spinousHeight / 2 / Math.cos((anatomy.spinousSlopeDeg * Math.PI) / 180);
  const spinous = {
    fromY: spinousFrom,
    toY: spinousFrom + anatomy.spinousLength * Math.cos((anatomy.spinousSlopeDeg * Math.PI) / 180),
    z: (lamina.bottom + lamina.top) / 2 - lamina.slope * (spinousFrom - canal.y) + (anatomy.thoracic ? 1 : -1),
    slope,
    halfHeight: spinousHalfHeight,
    halfThickness: anatomy.thoracic ? 2.6 : 3.2,
  };
  const transverse = {
    x: pedicle.x,
    y: canal.y - 1,
    z: pedicle.z + (anatomy.thoracic ? 2 : -1),
    length: anatomy.transverseLength,
    backSlope: anatomy.transverseBackSlope,
    ry: anatomy.thoracic ? 4 : 2.5,
    rz: 4.5,
  };
  const facetX = pedicle.x + 1;
  const facetY = canal.y + 4;
  const facets = {
    x: facetX,
    y: facetY,
    rx: 3.5,
    ry: 4,
    superiorFrom: height * 0.5,
    superiorTo: height + discAbove * 0.75,
    // Lumbar joints face sideways (inferior process medial to the superior one below);
    // thoracic joints face backwards (inferior process behind the superior one below).
    inferiorX: anatomy.thoracic ? facetX : facetX - 4.5,
    inferiorY: anatomy.thoracic ? facetY + 8 : facetY + 6.5,
    inferiorFrom: -discBelow * 0.75,
    inferiorTo: height * 0.35,
  };
  const anteriorHeight = heights.anterior;
  const midHeight = (anteriorHeight + heights.posterior) / 2;
  const fractureBand = fracture ? { impactedDepth: 3, oedemaFraction: fracture.acute ? 0.6 : 0 } : null;
  const cement: Ellipsoid[] = fracture?.cement
    ? [-1, 1].map((side) => ({ x: side * 7, y: -halfDepth * 0.25, z: midHeight * 0.5, rx: 7.5, ry: halfDepth * 0.6, rz: midHeight * 0.36 }))
    : [];
  const gas: Ellipsoid | null = fracture?.gasCleft
    ? { x: 0, y: -halfDepth * 0.35, z: (anteriorHeight * 0.7 + midHeight * 0.3) * 0.55, rx: halfWidth * 0.55, ry: halfDepth * 0.45, rz: 1.3 }
    : null;
  const localBox: Box = {
    minY: -halfDepth - 2,
    maxY: spinous.toY + 1,
    minZ: Math.min(facets.inferiorFrom, spinous.z - slope * (spinous.toY - spinous.fromY) - spinous.halfHeight, 0) - 2,
    maxZ: Math.max(facets.superiorTo, height) + 2,
  };
  return {
    model,
    halfWidth,
    halfDepth,
    anteriorHeight,
    posteriorHeight: heights.posterior,
    superiorConcavity: heights.superiorConcavity,
    inferiorConcavity: heights.inferiorConcavity,
    pedicle,
    canal,
    lamina,
    spinous,
    transverse,
    facets,
    fractureBand,
    cement,
    gas,
    localBox,
    worldBox: worldBoxOf(model, localBox),
  };
}

function worldBoxOf(model: VertebraModel, box: Box): Box {
  const { vy, vz, wy, wz } = frameAxes(model.frame);
  const ys: number[] = [];
  const zs: number[] = [];
  for (const ly of [box.minY, box.maxY]) {
    for (const lz of [box.minZ, box.maxZ]) {
      ys.push(model.frame.originY + ly * vy + lz * wy);
      zs.push(model.frame.originZ + ly * vz + lz * wz);
    }
  }
  return { minY: Math.min(...ys), maxY: Math.max(...ys), minZ: Math.min(...zs), maxZ: Math.max(...zs) };
}

/** Height of the superior endplate chord at depth ly: the straight line from Ha (front) to Hp (back). */
export function superiorChord(shape: VertebraShape, ly: number): number {
  const t = (ly + shape.halfDepth) / (2 * shape.halfDepth);
  return shape.anteriorHeight + (shape.posteriorHeight - shape.anteriorHeight) * Math.min(1, Math.max(0, t));
}

/** Adds every bony part of the vertebra met by the ray at local (ly, lz). */
export function addVertebra(shape: VertebraShape, ly: number, lz: number, spans: RaySpans): void {
  const box = shape.localBox;
  if (ly < box.minY || ly > box.maxY || lz < box.minZ || lz > box.maxZ) return;
  addBody(shape, ly, lz, 0, CORTICAL, spans);
  addBody(shape, ly, lz, CORTEX, marrowTissue(shape, ly, lz), spans);
  for (const ellipsoid of shape.cement) addEllipsoid(ellipsoid, ly, lz, TISSUE_INDEX.cement, spans);
  if (shape.gas) addEllipsoid(shape.gas, ly, lz, TISSUE_INDEX.gas, spans);
  for (const [inset, tissue] of [
    [0, CORTICAL],
    [ELEMENT_CORTEX, CANCELLOUS],
  ] as const) {
    addPedicles(shape, ly, lz, inset, tissue, spans);
    addLaminae(shape, ly, lz, inset, tissue, spans);
    addSpinous(shape, ly, lz, inset, tissue, spans);
    addTransverse(shape, ly, lz, inset, tissue, spans);
    addFacets(shape, ly, lz, inset, tissue, spans);
  }
}

function marrowTissue(shape: VertebraShape, ly: number, lz: number): number {
  const band = shape.fractureBand;
  if (!band) return CANCELLOUS;
  const chord = superiorChord(shape, ly);
  const endplate = chord - shape.superiorConcavity * (1 - (ly / shape.halfDepth) ** 2);
  if (lz > endplate - CORTEX - band.impactedDepth) return TISSUE_INDEX.impactedBone;
  if (lz > chord * (1 - band.oedemaFraction)) return TISSUE_INDEX.marrowOedema;
  return CANCELLOUS;
}

/**
 * The body: a superellipse cross-section (rounded front, flat back) with a slight waist, between an
 * inferior endplate at lz = 0 and the superior chord; each endplate sinks centrally by a paraboloid
 * concavity, deepest at mid-depth (where the middle height is measured). `inset` shrinks the whole
 * shape, giving the marrow inside the cortical shell.
 */
function addBody(shape: VertebraShape, ly: number, lz: number, inset: number, tissue: number, spans: RaySpans): void {
  const halfDepth = shape.halfDepth - inset;
  if (Math.abs(ly) >= halfDepth) return;
  const chord = superiorChord(shape, ly);
  const top = chord - inset;
  if (lz < inset || lz > top) return;
  const s = lz / chord;
  const waist = 1 - WAIST * 4 * s * (1 - s);
  const depthLimit = ly < 0 ? halfDepth * waist : halfDepth;
  if (Math.abs(ly) >= depthLimit) return;
  const exponent = ly < 0 ? ANTERIOR_EXPONENT : POSTERIOR_EXPONENT;
  const outer = (shape.halfWidth - inset) * waist * Math.pow(1 - Math.pow(Math.abs(ly) / depthLimit, exponent), 1 / exponent);
  // Concavities: the endplate at lateral offset x lies at top − c·(1 − (x/A)² − (ly/B)²), so near the
  // centre only the lateral rim reaches this height: |x| must exceed a limit.
  const radial = (ly / shape.halfDepth) ** 2;
  let inner = 0;
  if (shape.superiorConcavity > 0) {
    const k = 1 - (top - lz) / shape.superiorConcavity - radial;
    if (k > 0) inner = shape.halfWidth * Math.sqrt(k);
  }
  if (shape.inferiorConcavity > 0) {
    const k = 1 - (lz - inset) / shape.inferiorConcavity - radial;
    if (k > 0) inner = Math.max(inner, shape.halfWidth * Math.sqrt(k));
  }
  spans.addMirrored(inner, outer, tissue);
}

function addEllipsoid(e: Ellipsoid, ly: number, lz: number, tissue: number, spans: RaySpans): void {
  const t = 1 - ((ly - e.y) / e.ry) ** 2 - ((lz - e.z) / e.rz) ** 2;
  if (t <= 0) return;
  const half = e.rx * Math.sqrt(t);
  spans.add(e.x - half, e.x + half, tissue);
}

function addPedicles(shape: VertebraShape, ly: number, lz: number, inset: number, tissue: number, spans: RaySpans): void {
  const p = shape.pedicle;
  if (ly < p.fromY || ly > p.toY) return;
  const rz = p.rz - inset;
  const dz = (lz - p.z) / rz;
  if (Math.abs(dz) >= 1) return;
  const half = (p.rx - inset) * Math.sqrt(1 - dz * dz);
  spans.addMirrored(Math.max(0, p.x - half), p.x + half, tissue);
}

/** The laminae: half a ring behind the canal, sloping downwards as they go back. */
function addLaminae(shape: VertebraShape, ly: number, lz: number, inset: number, tissue: number, spans: RaySpans): void {
  const { canal, lamina } = shape;
  const back = ly - canal.y;
  if (back < -2) return;
  const drop = lamina.slope * Math.max(0, back);
  if (lz < lamina.bottom - drop + inset || lz > lamina.top - drop - inset) return;
  const innerA = canal.halfWidth + inset;
  const innerB = canal.halfDepth + inset;
  const outerA = canal.halfWidth + lamina.thickness - inset;
  const outerB = canal.halfDepth + lamina.thickness - inset;
  if (Math.abs(back) >= outerB) return;
  const outer = outerA * Math.sqrt(1 - (back / outerB) ** 2);
  const inner = Math.abs(back) < innerB ? innerA * Math.sqrt(1 - (back / innerB) ** 2) : 0;
  spans.addMirrored(inner, outer, tissue);
}

function addSpinous(shape: VertebraShape, ly: number, lz: number, inset: number, tissue: number, spans: RaySpans): void {
  const sp = shape.spinous;
  if (ly < sp.fromY - 3 || ly > sp.toY - inset) return;
  const along = Math.max(0, ly - sp.fromY);
  const centreZ = sp.z - sp.slope * along;
  let halfHeight = sp.halfHeight - inset;
  // Rounded tip: the last stretch narrows like a half-ellipse.
  const tipStart = sp.toY - sp.halfHeight;
  if (ly > tipStart) halfHeight *= Math.sqrt(Math.max(0, 1 - ((ly - tipStart) / sp.halfHeight) ** 2));
  const dz = (lz - centreZ) / halfHeight;
  if (!(Math.abs(dz) < 1)) return;
  // Thicker at the base, thinner towards the tip; an elliptical vertical profile.
  const taper = 1 - 0.3 * Math.min(1, along / (sp.toY - sp.fromY));
  const half = (sp.halfThickness * taper - inset) * Math.sqrt(1 - dz * dz);
  spans.addMirrored(0, half, tissue);
}

function addTransverse(shape: VertebraShape, ly: number, lz: number, inset: number, tissue: number, spans: RaySpans): void {
  const tp = shape.transverse;
  const rz = tp.rz - inset;
  const dz = (lz - tp.z) / rz;
  if (Math.abs(dz) >= 1) return;
  const reach = (tp.ry - inset) * Math.sqrt(1 - dz * dz);
  // Centre of the process at lateral distance u from its root: y = tp.y + backSlope · (u − root).
  const offset = ly - tp.y;
  let from = tp.x;
  let to = tp.x + tp.length - inset;
  if (tp.backSlope > 1e-3) {
    from = Math.max(from, tp.x + (offset - reach) / tp.backSlope);
    to = Math.min(to, tp.x + (offset + reach) / tp.backSlope);
  } else if (Math.abs(offset) > reach) {
    return;
  }
  spans.addMirrored(from, to, tissue);
}

function addFacets(shape: VertebraShape, ly: number, lz: number, inset: number, tissue: number, spans: RaySpans): void {
  const f = shape.facets;
  const rx = f.rx - inset;
  const ry = f.ry - inset;
  if (lz > f.superiorFrom && lz < f.superiorTo - inset) {
    const dy = (ly - f.y) / ry;
    if (Math.abs(dy) < 1) {
      const half = rx * Math.sqrt(1 - dy * dy);
      spans.addMirrored(f.x - half, f.x + half, tissue);
    }
  }
  if (lz > f.inferiorFrom + inset && lz < f.inferiorTo) {
    const dy = (ly - f.inferiorY) / ry;
    if (Math.abs(dy) < 1) {
      const half = rx * Math.sqrt(1 - dy * dy);
      spans.addMirrored(f.inferiorX - half, f.inferiorX + half, tissue);
    }
  }
}
