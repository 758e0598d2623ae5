import { Color, Matrix4, Plane, Quaternion, Vector3, type BufferAttribute, type BufferGeometry, type Material, type Mesh } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { CameraPreset, SceneState, VertebralHeightsMm } from '../../shared/procedure/types';
import type { ExplainScene } from './buildExplainScene';
import { proneRotation } from './cameraPresets';
import { cordGeometry } from './cordGeometry';
import { placeDiscs } from './discGeometry';
import { SCREW_LENGTH_MM, rodGeometry } from './instrumentGeometry';
import { PALETTE, setCutaway, setFractureGlow, setOpacity, XRAY_DENSITY, xrayMaterial } from './materials';
import { needleTip, screwPath, type NeedlePath } from './procedurePaths';
import { layoutColumn } from './spineColumn';
import { deformVertebra } from './bodyHeights';

/** What the viewer chose, on top of the timeline. */
export interface ViewOptions {
  /** Bone made see-through to watch the instruments and cement inside. */
  seeThrough: boolean;
  /** The fluoroscopy look as the step says, or switched on or off by the viewer whatever the step says. */
  fluoroscopy: FluoroscopyChoice;
  /** A ghost of the healthy vertebra, or of the result after the procedure, over the fractured one. */
  compare: 'none' | 'healthy' | 'after';
  /** Heights the 'after' ghost shows. */
  afterHeightsMm: VertebralHeightsMm;
}

export type FluoroscopyChoice = 'timeline' | 'on' | 'off';

export const DEFAULT_VIEW: Omit<ViewOptions, 'afterHeightsMm'> = { seeThrough: false, fluoroscopy: 'timeline', compare: 'none' };

/** Whether the X-ray look shows: the viewer's choice wins over the step's. */
export function fluoroscopyShown(stepWantsIt: boolean, choice: FluoroscopyChoice): boolean {
  return choice === 'timeline' ? stepWantsIt : choice === 'on';
}

const SEE_THROUGH_OPACITY = 0.35;
const Y_AXIS = new Vector3(0, 1, 0);

/** Maps the pure scene state onto the objects: the only place where the scene changes after it is built. */
export function applySceneState(explain: ExplainScene, state: SceneState, view: ViewOptions): void {
  explain.patient.quaternion.copy(proneRotation(state.proneBlend));
  showColumn(explain, state.vertebraHeightsMm, state.kyphosisDeg);

  const fd = explain.levels[explain.fracturedIndex].dims;
  const paths = pathsFor(explain, state);
  explain.needles.forEach((needle, i) => {
    const n = state.needles[i];
    needle.visible = n !== undefined;
    if (n) placeAlong(needle, paths[i], needleTip(paths[i], n.depth));
  });

  explain.balloons.forEach((balloon, i) => {
    const n = state.needles[i];
    balloon.visible = state.balloon.visible && state.balloon.radiusMm > 0.2 && n !== undefined;
    if (!balloon.visible) return;
    const r = state.balloon.radiusMm;
    // The balloon leaves the cannula's tip and lies along its path, reaching into the front of the body.
    const centre = needleTip(paths[i], 1).addScaledVector(direction(paths[i]), -(4 + r * 0.4));
    balloon.position.copy(centre);
    balloon.quaternion.setFromUnitVectors(Y_AXIS, direction(paths[i]));
    balloon.scale.set(r, 7 + r * 0.5, r);
  });

  placeFilling(explain, state, fd.bodyWidth, fd.bodyDepth);
  placeFusion(explain, state);
  placeSkin(explain, state);
  placeGhost(explain, view);

  const fluoroscopy = fluoroscopyShown(state.fluoroscopy, view.fluoroscopy);
  const chosen = view.seeThrough ? SEE_THROUGH_OPACITY : 1;
  const focus = focusedVertebrae(explain, state);
  setOpacity(explain.materials.bone, chosen);
  setOpacity(explain.materials.focused, Math.min(state.boneOpacity, chosen));
  const fracturedOpacity = focus.has(explain.fracturedIndex) ? Math.min(state.boneOpacity, chosen) : chosen;
  setOpacity(explain.materials.fractured, fracturedOpacity);
  placeCutaway(explain, presetShare(state.camera, 'side') * Math.min(1, Math.max(0, (fracturedOpacity - 0.9) / 0.1)));
  setFractureGlow(explain.materials.fractured, state.fractureHighlight);
  explain.materials.cement.color.set(PALETTE.cementWet).lerp(new Color(PALETTE.cementSet), state.cementSet);
  explain.materials.numbing.opacity = 0.75 * state.numbing;
  showFluoroscopy(explain, fluoroscopy, focus);
}

/**
 * The vertebrae the step works inside, which it may turn see-through to show its instruments: the
 * broken one for cement, the ones above and below for fusion screws. The rest stay solid bone.
 */
function focusedVertebrae(explain: ExplainScene, state: SceneState): Set<number> {
  const f = explain.fracturedIndex;
  return new Set(state.procedure === 'fusion' ? [f - 1, f + 1] : [f]);
}

function boneMaterial(explain: ExplainScene, index: number, focus: Set<number>): Material {
  if (index === explain.fracturedIndex) return explain.materials.fractured;
  return focus.has(index) ? explain.materials.focused : explain.materials.bone;
}

function direction(path: NeedlePath): Vector3 {
  return path.target.clone().sub(path.skin).normalize();
}

/** Points a +y-built instrument from its tip at `tip` back along the path. */
function placeAlong(mesh: Mesh, path: NeedlePath, tip: Vector3): void {
  mesh.position.copy(tip);
  mesh.quaternion.setFromUnitVectors(Y_AXIS, direction(path).negate());
}

function heightsKey(heights: VertebralHeightsMm): string {
  return `${heights.anterior.toFixed(2)}|${heights.middle.toFixed(2)}|${heights.posterior.toFixed(2)}`;
}

/**
 * The heights the fractured mesh must show for the state's heights. The drawn vertebra is meshed at
 * its normal height and takes them as they are; the patient's own is meshed as their CT shows it,
 * at the measured heights, so it changes by the state's heights over the measured ones.
 */
function shownHeights(explain: ExplainScene, heights: VertebralHeightsMm): VertebralHeightsMm {
  if (!explain.own) return heights;
  const own = explain.fracturedStations.heights, measured = explain.shape.heightsMm;
  return {
    anterior: (own.anterior * heights.anterior) / measured.anterior,
    middle: (own.middle * heights.middle) / measured.middle,
    posterior: (own.posterior * heights.posterior) / measured.posterior,
  };
}

/** Rebuilds the fractured vertebra, the discs and the cord when the heights or the kyphosis change. */
function showColumn(explain: ExplainScene, heights: VertebralHeightsMm, kyphosisDeg: number): void {
  const key = `${heightsKey(heights)}|${kyphosisDeg.toFixed(2)}`;
  if (key === explain.shownColumnKey) return;
  explain.shownColumnKey = key;
  const fractured = explain.vertebrae[explain.fracturedIndex];
  const position = fractured.geometry.getAttribute('position') as BufferAttribute;
  deformVertebra(explain.fracturedRest, position.array as Float32Array, explain.levels[explain.fracturedIndex].dims, explain.fracturedStations, shownHeights(explain, heights));
  position.needsUpdate = true;
  fractured.geometry.computeBoundingSphere();
  // The patient's own vertebrae stay where their CT shows them.
  if (explain.own) return;
  explain.layout = layoutColumn(explain.levels, heights, kyphosisDeg);
  explain.vertebrae.forEach((mesh, i) => mesh.matrix.copy(explain.layout.vertebrae[i]));
  placeDiscs(explain.discs.geometry, explain.layout.discs);
  explain.cord.geometry.dispose();
  explain.cord.geometry = cordGeometry(explain.levels, explain.layout);
}

/**
 * Cement and cavity. Kyphoplasty cement fills the balloon's cavity as a smooth cast; vertebroplasty
 * cement spreads from the needle tip through the front two thirds of the body as a lumpy cloud.
 */
function placeFilling(explain: ExplainScene, state: SceneState, width: number, depth: number): void {
  const middle = state.vertebraHeightsMm.middle;
  const kyphoplasty = state.procedure === 'kyphoplasty';
  const span = kyphoplasty ? Math.max(state.cavityRadiusMm, 1) : 0;
  const cavityRadii = new Vector3(span * 2.3, span * 0.95, span + 6);
  const centre = new Vector3(0, 0, depth * 0.12);

  // The cavity shows once the balloon has mostly deflated, until the cement has filled it.
  explain.cavity.visible = kyphoplasty && state.cavityRadiusMm > 0.2 && state.cementFill < 0.98 && state.balloon.radiusMm < 0.6 * state.cavityRadiusMm;
  explain.cavity.position.copy(centre);
  explain.cavity.scale.copy(cavityRadii).multiplyScalar(0.97);

  explain.cement.visible = state.cementFill > 0.01;
  if (!explain.cement.visible) return;
  const growth = Math.cbrt(state.cementFill);
  if (kyphoplasty) {
    explain.cement.position.copy(centre);
    explain.cement.scale.copy(cavityRadii).multiplyScalar(growth);
  } else {
    const full = new Vector3(width * 0.33, middle * 0.34, depth * 0.3);
    const tip = pathsFor(explain, state)[0].target.clone().setX(explain.paths.unipedicular[0].target.x);
    explain.cement.position.copy(tip.lerp(centre, growth));
    explain.cement.scale.copy(full).multiplyScalar(growth);
  }
}

function placeFusion(explain: ExplainScene, state: SceneState): void {
  const f = explain.fracturedIndex;
  const instrumented = [f - 1, f + 1].filter((i) => i >= 0 && i < explain.levels.length);
  explain.screws.visible = state.screws.visible;
  explain.rods.visible = state.rods.visible && state.rods.progress > 0.01;
  if (!explain.screws.visible) return;
  const heads: Record<'left' | 'right', Vector3[]> = { left: [], right: [] };
  let n = 0;
  const m = new Matrix4();
  for (const i of instrumented) {
    const frame = explain.layout.vertebrae[i];
    for (const side of ['left', 'right'] as const) {
      const path = screwPath(explain.levels[i].dims, side);
      // Inserted by turning in along the pedicle: at depth 0 the tip rests at the entry point.
      const tip = path.head.clone().addScaledVector(path.direction, SCREW_LENGTH_MM * state.screws.depth);
      const q = new Quaternion().setFromUnitVectors(Y_AXIS, path.direction.clone().negate());
      m.compose(tip, q, new Vector3(1, 1, 1)).premultiply(frame);
      explain.screws.setMatrixAt(n++, m);
      heads[side].push(tip.addScaledVector(path.direction, -(SCREW_LENGTH_MM + 9)).applyMatrix4(frame));
    }
  }
  explain.screws.count = n;
  explain.screws.instanceMatrix.needsUpdate = true;
  explain.screws.computeBoundingSphere();
  if (explain.rods.visible) {
    const ends = (['left', 'right'] as const).map((side) => {
      const [top, bottom] = heads[side];
      return [top, top.clone().lerp(bottom, state.rods.progress)];
    });
    // The tubes are rebuilt only when the rods have moved or grown, not on every frame they show.
    const key = ends.flat().map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)},${p.z.toFixed(2)}`).join('|');
    if (key !== explain.shownRodsKey) {
      explain.shownRodsKey = key;
      explain.rods.geometry.dispose();
      explain.rods.geometry = mergedRods(ends);
    }
  }
}

function mergedRods(pairs: Vector3[][]): BufferGeometry {
  // Each rod overhangs its top screw a little, as contoured rods do.
  return mergeGeometries(pairs.map(([a, b]) => rodGeometry([a.clone().addScaledVector(b.clone().sub(a).normalize(), -6), a.clone().lerp(b, 0.5), b])));
}

function placeSkin(explain: ExplainScene, state: SceneState): void {
  // A close-up looks from just above the back, through the skin: there the veil only hazes the bone
  // (and, covering the screen, costs software renderers a sixth of a frame), so it fades as the camera closes in.
  const opacity = 0.3 * state.proneBlend * (1 - presetShare(state.camera, 'closeUp'));
  explain.skin.visible = opacity > 0.015;
  explain.materials.skin.opacity = opacity;
  const paths = pathsFor(explain, state);
  explain.numbing.forEach((spot, i) => {
    spot.visible = state.numbing > 0.01 && i < paths.length;
    if (!spot.visible) return;
    spot.position.copy(paths[i].skin).addScaledVector(direction(paths[i]), -1);
    spot.quaternion.setFromUnitVectors(new Vector3(0, 0, 1), new Vector3(0, 0, -1));
  });
}

/** How much of the camera's move between presets is `preset`'s: 1 while it holds it, 0 when it is elsewhere. */
function presetShare({ from, to, blend }: SceneState['camera'], preset: CameraPreset): number {
  return (from === preset ? 1 - blend : 0) + (to === preset ? blend : 0);
}

/**
 * Cuts the broken body open at its mid-sagittal plane (its own x = 0) on the camera's side: from the
 * side an intact rim hides a biconcave or crushed middle, its section does not. `amount` (0..1)
 * slides the cut in from beyond the body's side, so it grows as the camera turns to the side view
 * and never shows on see-through bone.
 */
function placeCutaway(explain: ExplainScene, amount: number): void {
  const fractured = explain.vertebrae[explain.fracturedIndex];
  const halfWidth = explain.levels[explain.fracturedIndex].dims.bodyWidth / 2;
  // The side view looks from the patient's left (+x): the part at larger x is cut away.
  fractured.updateWorldMatrix(true, false);
  setCutaway(explain.materials.fractured, cut.set(CUT_NORMAL, (1 - amount) * (halfWidth + 2)).applyMatrix4(fractured.matrixWorld), amount >= 0.01);
}

const CUT_NORMAL = new Vector3(-1, 0, 0);
/** Scratch for the cut's plane, which setCutaway copies. */
const cut = new Plane();

function pathsFor(explain: ExplainScene, state: SceneState): NeedlePath[] {
  return state.entrySides.length > 1 ? explain.paths.bipedicular : explain.paths.unipedicular;
}

function placeGhost(explain: ExplainScene, view: ViewOptions): void {
  explain.ghost.visible = view.compare !== 'none';
  if (!explain.ghost.visible) return;
  const heights = view.compare === 'healthy' ? explain.shape.normalHeightsMm : view.afterHeightsMm;
  const key = heightsKey(heights);
  if (key !== explain.shownGhostKey) {
    explain.shownGhostKey = key;
    // The ghost starts from the same rest shape as the fractured vertebra it is cloned from.
    const position = explain.ghost.geometry.getAttribute('position') as BufferAttribute;
    deformVertebra(explain.fracturedRest, position.array as Float32Array, explain.levels[explain.fracturedIndex].dims, explain.fracturedStations, shownHeights(explain, heights));
    position.needsUpdate = true;
  }
  const colour = view.compare === 'healthy' ? PALETTE.ghostHealthy : PALETTE.ghostAfter;
  explain.materials.ghost.color.set(colour);
  explain.materials.ghost.emissive.set(colour);
}

const XRAY_MATERIALS = {
  bone: xrayMaterial(XRAY_DENSITY.bone),
  disc: xrayMaterial(XRAY_DENSITY.disc),
  metal: xrayMaterial(XRAY_DENSITY.metal),
  cement: xrayMaterial(XRAY_DENSITY.cement),
  balloon: xrayMaterial(XRAY_DENSITY.balloon),
};

/**
 * Swaps every visible object's material for its X-ray density and back. Soft tissue (cord, skin,
 * numbing, the compare ghost) is not drawn on the fluoroscopy view.
 */
function showFluoroscopy(explain: ExplainScene, on: boolean, focus: Set<number>): void {
  const m = explain.materials;
  const pairs: [Mesh, Material, Material | null][] = [
    ...explain.vertebrae.map((v, i): [Mesh, Material, Material] => [v, boneMaterial(explain, i, focus), XRAY_MATERIALS.bone]),
    [explain.discs, m.disc, XRAY_MATERIALS.disc],
    ...explain.needles.map((n): [Mesh, Material, Material] => [n, m.instrument, XRAY_MATERIALS.metal]),
    ...explain.balloons.map((b): [Mesh, Material, Material] => [b, m.balloon, XRAY_MATERIALS.balloon]),
    [explain.cement, m.cement, XRAY_MATERIALS.cement],
    [explain.screws, m.metal, XRAY_MATERIALS.metal],
    [explain.rods, m.metal, XRAY_MATERIALS.metal],
    [explain.cord, m.cord, null],
    [explain.skin, m.skin, null],
    [explain.cavity, m.cavity, null],
    [explain.ghost, m.ghost, null],
    ...explain.numbing.map((s): [Mesh, Material, Material | null] => [s, m.numbing, null]),
  ];
  for (const [mesh, normal, xray] of pairs) {
    mesh.material = on && xray ? xray : normal;
    if (on && !xray) mesh.visible = false;
  }
  if (!on) explain.cord.visible = true;
  (explain.scene.background as Color).set(on ? PALETTE.fluoroscopyBackground : PALETTE.background);
}
