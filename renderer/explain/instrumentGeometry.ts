import { BufferGeometry, CatmullRomCurve3, Color, Float32BufferAttribute, IcosahedronGeometry, LatheGeometry, TubeGeometry, Vector2, Vector3 } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/** Lathe profiles run along +y; every instrument points its working end at the origin. */
function lathe(profile: [number, number][], segments = 20): BufferGeometry {
  return new LatheGeometry(profile.map(([r, y]) => new Vector2(r, y)), segments);
}

function painted(geometry: BufferGeometry, colour: string): BufferGeometry {
  const c = new Color(colour);
  const colours = new Float32Array(geometry.getAttribute('position').count * 3);
  for (let i = 0; i < colours.length; i += 3) colours.set([c.r, c.g, c.b], i);
  geometry.setAttribute('color', new Float32BufferAttribute(colours, 3));
  return geometry;
}

export const NEEDLE_LENGTH_MM = 120;

/** An 11-gauge bone needle (3 mm across) with a bevelled trocar tip and a grip outside the skin. */
export function needleGeometry(): BufferGeometry {
  const shaft = lathe([[0, 0], [0.6, 1.2], [1.5, 4], [1.5, NEEDLE_LENGTH_MM], [0, NEEDLE_LENGTH_MM]], 16);
  const grip = lathe([
    [0, NEEDLE_LENGTH_MM - 2], [2.5, NEEDLE_LENGTH_MM - 1], [3.6, NEEDLE_LENGTH_MM + 3], [4, NEEDLE_LENGTH_MM + 13],
    [3.4, NEEDLE_LENGTH_MM + 17], [0, NEEDLE_LENGTH_MM + 18],
  ], 20);
  return mergeGeometries([painted(shaft.toNonIndexed(), '#c9d1d9'), painted(grip.toNonIndexed(), '#2f6fd6')]);
}

/**
 * A kyphoplasty balloon of unit size around the origin, along y: a slightly waisted oval, like an
 * inflated bone tamp. It is scaled by its radius across and a little more along its length.
 */
export function balloonGeometry(): BufferGeometry {
  const profile: [number, number][] = [];
  for (let i = 0; i <= 20; i++) {
    const a = (i / 20) * Math.PI;
    profile.push([Math.sin(a) * (1 - 0.1 * Math.sin(2 * a) ** 2), -Math.cos(a)]);
  }
  return lathe(profile, 24);
}

/**
 * A lumpy cement cloud of unit size: PMMA spreads along the bone's trabeculae rather than as a
 * smooth ball. The lumps come from fixed sine waves, so the shape is the same every time.
 */
export function cementGeometry(lumpiness: number): BufferGeometry {
  const geometry = new IcosahedronGeometry(1, 4);
  const position = geometry.getAttribute('position');
  const p = new Vector3();
  for (let i = 0; i < position.count; i++) {
    p.fromBufferAttribute(position, i);
    const lumps = Math.sin(5.1 * p.x + 1.3) * Math.sin(4.3 * p.y + 0.7) * Math.sin(4.7 * p.z + 2.1) + 0.5 * Math.sin(9.7 * p.x - 7.9 * p.z);
    p.multiplyScalar(1 + lumpiness * lumps);
    position.setXYZ(i, p.x, p.y, p.z);
  }
  geometry.computeVertexNormals();
  return geometry;
}

export const SCREW_LENGTH_MM = 45;

/** A pedicle screw along +y from its tip at the origin: threaded shaft, neck and a U-shaped tulip head. */
export function screwGeometry(): BufferGeometry {
  const profile: [number, number][] = [[0, 0], [1.2, 1]];
  for (let y = 3; y < SCREW_LENGTH_MM - 2; y += 2.5) profile.push([2.2, y], [3.3, y + 1.1]);
  profile.push([2.4, SCREW_LENGTH_MM], [2.4, SCREW_LENGTH_MM + 3], [5.2, SCREW_LENGTH_MM + 5], [5.4, SCREW_LENGTH_MM + 14], [0, SCREW_LENGTH_MM + 14.5]);
  return lathe(profile, 18);
}

/** A rod through the given points. */
export function rodGeometry(points: Vector3[]): BufferGeometry {
  return new TubeGeometry(new CatmullRomCurve3(points), 32, 2.75, 10);
}
