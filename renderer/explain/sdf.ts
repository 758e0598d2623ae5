/**
 * Signed distance primitives in millimetres, written with scalar arguments so that sampling a grid
 * allocates nothing. Negative inside. Anisotropic shapes are scaled spaces, so their distances are
 * bounds rather than exact; marching cubes only needs the zero level set and the sign to be right.
 */

export type Sdf = (x: number, y: number, z: number) => number;

/** Capsule from a to b with radius r, in a space stretched by (sx, sy, sz) about a. */
export function capsule(
  x: number, y: number, z: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
  r: number, sx = 1, sy = 1, sz = 1,
): number {
  const px = (x - ax) / sx, py = (y - ay) / sy, pz = (z - az) / sz;
  const dx = (bx - ax) / sx, dy = (by - ay) / sy, dz = (bz - az) / sz;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy + pz * dz) / (dx * dx + dy * dy + dz * dz)));
  const ex = px - dx * h, ey = py - dy * h, ez = pz - dz * h;
  return (Math.sqrt(ex * ex + ey * ey + ez * ez) - r) * Math.min(sx, sy, sz);
}

/** Ellipsoid centred at c with radii (rx, ry, rz) (Íñigo Quílez's bound). */
export function ellipsoid(x: number, y: number, z: number, cx: number, cy: number, cz: number, rx: number, ry: number, rz: number): number {
  const px = x - cx, py = y - cy, pz = z - cz;
  const qx = px / rx, qy = py / ry, qz = pz / rz;
  const k0 = Math.sqrt(qx * qx + qy * qy + qz * qz);
  const wx = qx / rx, wy = qy / ry, wz = qz / rz;
  const k1 = Math.sqrt(wx * wx + wy * wy + wz * wz);
  return k1 === 0 ? -Math.min(rx, ry, rz) : (k0 * (k0 - 1)) / k1;
}

/** Vertical slab whose footprint is a segment (a → b in the x–z plane) thickened to a rounded plate. */
export function verticalPlate(
  x: number, y: number, z: number,
  ax: number, az: number, bx: number, bz: number,
  yCentre: number, halfHeight: number, halfThickness: number, rounding: number,
): number {
  const px = x - ax, pz = z - az, dx = bx - ax, dz = bz - az;
  const h = Math.max(0, Math.min(1, (px * dx + pz * dz) / (dx * dx + dz * dz)));
  const ex = px - dx * h, ez = pz - dz * h;
  const planar = Math.sqrt(ex * ex + ez * ez) - (halfThickness - rounding);
  const vertical = Math.abs(y - yCentre) - (halfHeight - rounding);
  const op = Math.max(planar, 0), ov = Math.max(vertical, 0);
  const outside = Math.sqrt(op * op + ov * ov);
  return outside + Math.min(Math.max(planar, vertical), 0) - rounding;
}

/** Polynomial smooth minimum (Quílez): blends two shapes with a fillet of size k. */
export function smoothUnion(a: number, b: number, k: number): number {
  const h = Math.max(k - Math.abs(a - b), 0) / k;
  return Math.min(a, b) - (h * h * k) / 4;
}

export function smoothSubtract(from: number, cut: number, k: number): number {
  return -smoothUnion(-from, cut, k);
}

/**
 * How enclosed each surface point is, 0 (open) to 1 (deep in a crease), from the field itself: the
 * field is sampled a few steps out along the normal, and wherever other surfaces come nearer than
 * the step, the point is occluded (Quílez, "Rendering worlds with two triangles", 2008). Baked once
 * per mesh, it gives the soft contact shading of an anatomy illustration at no cost per frame.
 */
export function sdfOcclusion(sdf: Sdf, positions: ArrayLike<number>, normals: ArrayLike<number>, stepMm: number): Float32Array {
  const out = new Float32Array(positions.length / 3);
  for (let v = 0; v < out.length; v++) {
    const x = positions[3 * v], y = positions[3 * v + 1], z = positions[3 * v + 2];
    const nx = normals[3 * v], ny = normals[3 * v + 1], nz = normals[3 * v + 2];
    let occlusion = 0, weight = 1;
    for (let k = 1; k <= 5; k++) {
      const h = k * stepMm;
      occlusion += weight * Math.max(0, h - sdf(x + nx * h, y + ny * h, z + nz * h)) / h;
      weight *= 0.5;
    }
    out[v] = Math.min(1, occlusion);
  }
  return out;
}
