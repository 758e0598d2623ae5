import { BufferAttribute, BufferGeometry, Vector3 } from 'three';
import type { DiscFrames } from './spineColumn';

const AROUND = 36;
const RINGS = 6;
/** Discs stop just short of the body's rim so that the endplate's edge stays visible. */
const FOOTPRINT_SCALE = 0.93;
/** How far the annulus bulges at mid-height, as a share of the footprint. */
const BULGE = 0.05;

/** The disc's outline: an oval whose back edge is flattened where it faces the spinal canal. */
function footprint(angle: number): [number, number] {
  const s = Math.sin(angle);
  return [Math.cos(angle), s * (s < 0 ? 0.8 : 1)];
}

/**
 * One geometry for all the discs, so they cost one draw call. Each disc is a bulging band between
 * two endplate frames plus its two end caps; positions are recomputed from the frames whenever the
 * column moves (see placeDiscs), which makes each disc a wedge when its endplates tilt.
 */
export function discsGeometry(count: number): BufferGeometry {
  const perDisc = AROUND * (RINGS + 1) + 2;
  const indices: number[] = [];
  for (let d = 0; d < count; d++) {
    const base = d * perDisc;
    for (let r = 0; r < RINGS; r++) {
      for (let a = 0; a < AROUND; a++) {
        const a1 = (a + 1) % AROUND;
        const p = base + r * AROUND + a, q = base + r * AROUND + a1;
        const p2 = p + AROUND, q2 = q + AROUND;
        indices.push(p, q2, q, p, p2, q2);
      }
    }
    const bottom = base + AROUND * (RINGS + 1), top = bottom + 1;
    for (let a = 0; a < AROUND; a++) {
      const a1 = (a + 1) % AROUND;
      indices.push(bottom, base + a, base + a1);
      indices.push(top, base + RINGS * AROUND + a1, base + RINGS * AROUND + a);
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(count * perDisc * 3), 3));
  geometry.setAttribute('normal', new BufferAttribute(new Float32Array(count * perDisc * 3), 3));
  geometry.setIndex(indices);
  return geometry;
}

export function placeDiscs(geometry: BufferGeometry, discs: DiscFrames[]): void {
  const position = geometry.getAttribute('position') as BufferAttribute;
  const lower = new Vector3(), upper = new Vector3();
  let v = 0;
  for (const disc of discs) {
    const rx = (disc.width / 2) * FOOTPRINT_SCALE, rz = (disc.depth / 2) * FOOTPRINT_SCALE;
    for (let r = 0; r <= RINGS; r++) {
      const s = r / RINGS;
      const bulge = 1 + BULGE * Math.sin(Math.PI * s);
      for (let a = 0; a < AROUND; a++) {
        const [fx, fz] = footprint((a / AROUND) * Math.PI * 2);
        lower.set(fx * rx * bulge, 0, fz * rz * bulge).applyMatrix4(disc.lower);
        upper.set(fx * rx * bulge, 0, fz * rz * bulge).applyMatrix4(disc.upper);
        position.setXYZ(v++, ...lower.lerp(upper, s).toArray());
      }
    }
    position.setXYZ(v++, ...lower.set(0, 0, 0).applyMatrix4(disc.lower).toArray());
    position.setXYZ(v++, ...upper.set(0, 0, 0).applyMatrix4(disc.upper).toArray());
  }
  position.needsUpdate = true;
  geometry.computeVertexNormals();
  geometry.computeBoundingSphere();
}
