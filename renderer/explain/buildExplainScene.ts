import { Box3, BufferAttribute, BufferGeometry, Color, Group, InstancedMesh, Matrix4, Mesh, PerspectiveCamera, PlaneGeometry, Scene, CircleGeometry, CylinderGeometry, Float32BufferAttribute, Sphere, Vector3 } from 'three';
import type { OwnSpineModel, OwnVertebraMesh } from './ctBoneModel';
import type { PatientSpineShape } from '../../shared/procedure/types';
import { columnLevels, layoutColumn, type ColumnLayout, type ColumnLevel } from './spineColumn';
import { vertebraGeometry } from './vertebraGeometry';
import { bodyStations, type BodyStations } from './bodyHeights';
import { discsGeometry, placeDiscs } from './discGeometry';
import { cordGeometry } from './cordGeometry';
import { balloonGeometry, cementGeometry, needleGeometry, screwGeometry } from './instrumentGeometry';
import { createMaterials, disposeMaterials, PALETTE, setSolidArch, type ExplainMaterials } from './materials';
import { addLights } from './lighting';
import { needlePath, skinDepthMm, type NeedlePath } from './procedurePaths';
import type { CameraFocus } from './cameraPresets';

/** Everything applySceneState moves, kept by name so that nothing is looked up in the scene graph. */
export interface ExplainScene {
  scene: Scene;
  camera: PerspectiveCamera;
  materials: ExplainMaterials;
  shape: PatientSpineShape;
  /** The model of the patient's own CT the vertebrae are built from (they keep their places and shapes), or none for the drawn column. */
  own: OwnSpineModel | undefined;
  levels: ColumnLevel[];
  fracturedIndex: number;
  /** Turns the whole patient between standing and prone. */
  patient: Group;
  /** What the camera presets frame, at rest. */
  focus: CameraFocus;
  vertebrae: Mesh[];
  /** The fractured vertebra's positions at its normal height, from which each deformation starts. */
  fracturedRest: Float32Array;
  /** Where the rest shape's body heights are read, and what they are: each deformation is scaled from them. */
  fracturedStations: BodyStations;
  discs: Mesh;
  cord: Mesh;
  skin: Mesh;
  numbing: Mesh[];
  needles: Mesh[];
  balloons: Mesh[];
  cement: Mesh;
  cavity: Mesh;
  screws: InstancedMesh;
  rods: Mesh;
  /** A copy of the fractured vertebra, deformed from fracturedRest to the compared heights. */
  ghost: Mesh;
  /** Needle paths for one and for two needles, left then right. */
  paths: { unipedicular: NeedlePath[]; bipedicular: NeedlePath[] };
  layout: ColumnLayout;
  /** Which heights and kyphosis the geometry currently shows, to skip rebuilding when nothing changed. */
  shownColumnKey: string;
  /** Which heights the compare ghost currently shows, to skip deforming it again when nothing changed. */
  shownGhostKey: string;
  /** Which rod ends the rods' geometry currently shows, to skip rebuilding it when nothing changed. */
  shownRodsKey: string;
}

/**
 * Builds the patient's spine and all the instruments, hidden until a state shows them: the drawn
 * column shaped by the measurements, or the patient's own vertebrae from their CT when given.
 */
export function buildExplainScene(shape: PatientSpineShape, own?: OwnSpineModel): ExplainScene {
  const materials = createMaterials();
  const scene = new Scene();
  scene.background = new Color(PALETTE.background);
  const camera = new PerspectiveCamera(38, 16 / 9, 5, 2000);
  scene.add(camera);
  addLights(scene, camera);
  const patient = new Group();
  scene.add(patient);

  // Shaped to the spine shown by showSpine.
  const discs = named(new Mesh(new BufferGeometry(), materials.disc), 'discs');
  const cord = named(new Mesh(new BufferGeometry(), materials.cord), 'spinal-cord');
  const ghost = named(new Mesh(new BufferGeometry(), materials.ghost), 'compare-ghost');
  ghost.visible = false;
  ghost.renderOrder = 2;
  const skin = named(new Mesh(skinGeometry(260, 240), materials.skin), 'skin');
  skin.renderOrder = 3;

  const needle = needleGeometry();
  const needles = [0, 1].map((i) => named(new Mesh(needle, materials.instrument), `needle-${i}`));
  const numbingSpot = new CircleGeometry(9, 24);
  const numbing = [0, 1].map((i) => named(new Mesh(numbingSpot, materials.numbing), `numbing-${i}`));
  const balloon = balloonGeometry();
  const balloons = [0, 1].map((i) => named(new Mesh(balloon, materials.balloon), `balloon-${i}`));
  const cement = named(new Mesh(cementGeometry(0.12), materials.cement), 'cement');
  const cavity = named(new Mesh(cementGeometry(0.04), materials.cavity), 'cavity');
  const screws = new InstancedMesh(screwGeometry(), materials.metal, 4);
  screws.name = 'screws';
  const rods = named(new Mesh(new CylinderGeometry(1, 1, 1), materials.metal), 'rods');
  for (const o of [...needles, ...numbing, ...balloons, cement, cavity, screws, rods]) o.visible = false;
  patient.add(discs, cord, ghost, skin, ...needles, ...numbing, ...balloons, cement, cavity, screws, rods);

  const explain: ExplainScene = {
    scene, camera, materials, shape, patient, discs, cord, skin, numbing, needles, balloons, cement, cavity, screws, rods, ghost,
    ...spineOf(shape, materials, own), shownColumnKey: '', shownGhostKey: '', shownRodsKey: '',
  };
  mountSpine(explain);
  return explain;
}

/**
 * Puts the drawn column, or the patient's own vertebrae when given, in place of the spine shown.
 * Only the spine's geometry is made anew: materials (and so their compiled shaders), lights and
 * instruments stay, which keeps the switch to the patient's own model a short task on the UI thread.
 */
export function showSpine(explain: ExplainScene, own?: OwnSpineModel): void {
  for (const mesh of explain.vertebrae) {
    explain.patient.remove(mesh);
    mesh.geometry.dispose();
  }
  for (const mesh of [explain.discs, explain.cord, explain.ghost]) mesh.geometry.dispose();
  Object.assign(explain, spineOf(explain.shape, explain.materials, own), { shownColumnKey: '', shownGhostKey: '', shownRodsKey: '' });
  mountSpine(explain);
}

/** What follows the spine shown: its levels and meshes, where they stand, and the needles' paths through them. */
type Spine = Pick<ExplainScene, 'own' | 'levels' | 'fracturedIndex' | 'focus' | 'vertebrae' | 'fracturedRest' | 'fracturedStations' | 'paths' | 'layout'>;

function spineOf(shape: PatientSpineShape, materials: ExplainMaterials, own?: OwnSpineModel): Spine {
  const column = columnLevels(shape);
  const ownVertebrae = own ? [...own.vertebrae].sort((a, b) => a.offset - b.offset) : [];
  const levels = own ? ownLevels(column, ownVertebrae, own) : column;
  const fracturedIndex = levels.findIndex((l) => l.fractured);
  const fd = levels[fracturedIndex].dims;
  const layout = own ? ownLayout(ownVertebrae) : layoutColumn(levels, shape.heightsMm, shape.localKyphosisDeg);

  const vertebrae = levels.map((level, i) => {
    const geometry = own ? ownGeometry(ownVertebrae[i]) : vertebraGeometry(level.level, level.dims, level.fractured ? 'full' : 'context');
    const mesh = new Mesh(geometry, level.fractured ? materials.fractured : materials.bone);
    mesh.name = `vertebra-${level.level}`;
    mesh.matrixAutoUpdate = false;
    // The patient's own vertebrae are meshed where they are, in the fractured vertebra's frame.
    if (!own) mesh.matrix.copy(layout.vertebrae[i]);
    return mesh;
  });
  // Boxes of the meshes where they stand in the patient's frame (the patient group is not turned yet).
  const boxOf = (from: number, to: number) => {
    const box = new Box3();
    for (const mesh of vertebrae.slice(Math.max(0, from), to + 1)) {
      if (!mesh.geometry.boundingBox) mesh.geometry.computeBoundingBox();
      box.union(mesh.geometry.boundingBox!.clone().applyMatrix4(mesh.matrix));
    }
    return box;
  };
  const focus = { fractured: boxOf(fracturedIndex, fracturedIndex), neighbours: boxOf(fracturedIndex - 1, fracturedIndex + 1) };
  // The fractured mesh is deformed in place; the worker's array stays the rest shape of the patient's own.
  const fracturedRest = own ? ownVertebrae[fracturedIndex].positions : (vertebrae[fracturedIndex].geometry.getAttribute('position').array as Float32Array).slice();
  const fracturedStations = own?.stations ?? bodyStations(fracturedRest, fd);

  // Through the patient's own pedicles when the model is theirs.
  const pedicle = (side: 'left' | 'right') => (own ? new Vector3(...own.landmarks.pedicles[side]) : undefined);
  const paths = {
    unipedicular: [needlePath(fd, 'left', false, pedicle('left'))],
    bipedicular: [needlePath(fd, 'left', true, pedicle('left')), needlePath(fd, 'right', true, pedicle('right'))],
  };
  return { own, levels, fracturedIndex, focus, vertebrae, fracturedRest, fracturedStations, paths, layout };
}

/** Adds the spine's meshes to the patient and fits what depends on it: discs, cord, ghost, the skin's depth, the see-through arch. */
function mountSpine(explain: ExplainScene): void {
  const { levels, layout, fracturedIndex } = explain;
  const fd = levels[fracturedIndex].dims;
  explain.patient.add(...explain.vertebrae);
  setSolidArch(explain.materials, fd.bodyDepth);
  explain.discs.geometry = discsGeometry(layout.discs.length);
  placeDiscs(explain.discs.geometry, layout.discs);
  explain.cord.geometry = cordGeometry(levels, layout);
  explain.ghost.geometry = explain.vertebrae[fracturedIndex].geometry.clone();
  explain.skin.position.set(0, 0, -skinDepthMm(fd));
}

/** The drawn levels the patient's CT gives, the fractured one sized by its own body. */
function ownLevels(column: ColumnLevel[], vertebrae: OwnVertebraMesh[], own: OwnSpineModel): ColumnLevel[] {
  const f = column.findIndex((l) => l.fractured);
  const { bodyWidth, frontZ, backZ } = own.landmarks;
  return vertebrae.map(({ offset }) => {
    const level = column[f + offset];
    return offset === 0 ? { ...level, dims: { ...level.dims, bodyWidth, bodyDepth: frontZ - backZ } } : level;
  });
}

/**
 * Frames of the patient's vertebrae for what is placed on them (fusion screws, the cord): each at
 * the middle of its own body, as the worker found it on its mesh.
 */
function ownLayout(vertebrae: OwnVertebraMesh[]): ColumnLayout {
  return { vertebrae: vertebrae.map((v) => new Matrix4().makeTranslation(0, v.offset === 0 ? 0 : v.bodyMiddleY, 0)), discs: [] };
}

/** Geometry straight on the worker's arrays, with the bounds it measured (nothing is read per vertex here). */
function ownGeometry(v: OwnVertebraMesh): BufferGeometry {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(v.offset === 0 ? v.positions.slice() : v.positions, 3));
  geometry.setAttribute('normal', new BufferAttribute(v.normals, 3));
  geometry.setIndex(new BufferAttribute(v.indices, 1));
  geometry.boundingBox = new Box3(new Vector3(...v.box.min), new Vector3(...v.box.max));
  geometry.boundingSphere = geometry.boundingBox.getBoundingSphere(new Sphere());
  return geometry;
}

function named<T extends Mesh>(mesh: T, name: string): T {
  mesh.name = name;
  return mesh;
}

/** Half the width of the flat middle of the back, where the needles go in. */
const FLAT_BACK_MM = 55;

/**
 * A patch of the back facing backwards: flat across the middle, where the entry points lie on it,
 * curving forward towards the flanks, and fading out at its borders so that it reads as the skin's
 * surface rather than as a board with edges.
 */
function skinGeometry(width: number, height: number): BufferGeometry {
  // Turned to face backwards, towards the viewer behind the patient, so only its front side is drawn.
  const geometry = new PlaneGeometry(width, height, 24, 12).rotateY(Math.PI);
  const position = geometry.getAttribute('position');
  const alpha = new Float32Array(position.count * 4);
  for (let v = 0; v < position.count; v++) {
    const x = position.getX(v), y = position.getY(v);
    const flank = Math.max(0, Math.abs(x) - FLAT_BACK_MM);
    position.setZ(v, 0.012 * flank * flank);
    const border = Math.min(1, (width / 2 - Math.abs(x)) / (width * 0.3)) * Math.min(1, (height / 2 - Math.abs(y)) / (height * 0.3));
    alpha.set([1, 1, 1, border * border * (3 - 2 * border)], 4 * v);
  }
  geometry.setAttribute('color', new Float32BufferAttribute(alpha, 4));
  return geometry;
}

/** Frees the GPU copies of everything in the scene (the meshed templates are never drawn themselves). */
export function disposeExplainScene(explain: ExplainScene): void {
  explain.scene.traverse((o) => {
    if (o instanceof Mesh) o.geometry.dispose();
  });
  disposeMaterials(Object.values(explain.materials));
}
