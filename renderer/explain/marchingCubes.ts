import { BufferAttribute, BufferGeometry } from 'three';
import { edgeTable, triTable } from 'three/examples/jsm/objects/MarchingCubes.js';
import type { Sdf } from './sdf';

export interface Bounds {
  min: [number, number, number];
  max: [number, number, number];
}

/** Corner offsets in the order three's tables use (bit i of the case index is corner i). */
const CORNERS = [
  [0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0],
  [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1],
] as const;

/** Each edge as (corner it starts from, axis it runs along). */
const EDGES = [
  [0, 0], [1, 1], [3, 0], [0, 1],
  [4, 0], [5, 1], [7, 0], [4, 1],
  [0, 2], [1, 2], [2, 2], [3, 2],
] as const;

/**
 * Meshes the surface sdf = 0 inside the bounds with cubes of the given size. Vertices on shared
 * edges are shared, and normals come from the field's gradient, so the surface shades smoothly.
 */
export function meshSdf(sdf: Sdf, bounds: Bounds, cell: number): BufferGeometry {
  const [x0, y0, z0] = bounds.min;
  const nx = Math.ceil((bounds.max[0] - x0) / cell) + 1;
  const ny = Math.ceil((bounds.max[1] - y0) / cell) + 1;
  const nz = Math.ceil((bounds.max[2] - z0) / cell) + 1;
  const field = sampleNarrowBand(sdf, [x0, y0, z0], [nx, ny, nz], cell);

  const vertexOfEdge = new Int32Array(nx * ny * nz * 3).fill(-1);
  const positions: number[] = [];
  /** For each vertex: the grid points at its edge's ends and how far along it lies. */
  const edgeEnds: number[] = [];
  const indices: number[] = [];
  const pointIndex = (i: number, j: number, k: number) => (k * ny + j) * nx + i;
  const cornerValues = new Float32Array(8);
  const cellEdgeVertices = new Int32Array(12);

  const edgeVertex = (i: number, j: number, k: number, edge: number): number => {
    const [corner, axis] = EDGES[edge];
    const [ci, cj, ck] = CORNERS[corner];
    const a = pointIndex(i + ci, j + cj, k + ck);
    const key = a * 3 + axis;
    if (vertexOfEdge[key] >= 0) return vertexOfEdge[key];
    const b = a + (axis === 0 ? 1 : axis === 1 ? nx : nx * ny);
    const fa = field[a], fb = field[b];
    const u = fa === fb ? 0.5 : fa / (fa - fb);
    positions.push(
      x0 + (i + ci + (axis === 0 ? u : 0)) * cell,
      y0 + (j + cj + (axis === 1 ? u : 0)) * cell,
      z0 + (k + ck + (axis === 2 ? u : 0)) * cell,
    );
    edgeEnds.push(a, b, u);
    vertexOfEdge[key] = positions.length / 3 - 1;
    return vertexOfEdge[key];
  };

  for (let k = 0; k < nz - 1; k++) {
    for (let j = 0; j < ny - 1; j++) {
      for (let i = 0; i < nx - 1; i++) {
        let caseIndex = 0;
        for (let c = 0; c < 8; c++) {
          const [ci, cj, ck] = CORNERS[c];
          cornerValues[c] = field[pointIndex(i + ci, j + cj, k + ck)];
          // Three's tables set a corner's bit when it lies outside the surface.
          if (cornerValues[c] > 0) caseIndex |= 1 << c;
        }
        const edges = edgeTable[caseIndex];
        if (edges === 0) continue;
        for (let e = 0; e < 12; e++) if (edges & (1 << e)) cellEdgeVertices[e] = edgeVertex(i, j, k, e);
        for (let t = caseIndex * 16; triTable[t] !== -1; t += 3) {
          indices.push(cellEdgeVertices[triTable[t]], cellEdgeVertices[triTable[t + 1]], cellEdgeVertices[triTable[t + 2]]);
        }
      }
    }
  }

  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(positions), 3));
  const normals = new Float32Array(positions.length);
  for (let v = 0; v < edgeEnds.length / 3; v++) {
    gridGradient(field, [nx, ny, nz], edgeEnds[3 * v], normals, 3 * v, 1 - edgeEnds[3 * v + 2]);
    gridGradient(field, [nx, ny, nz], edgeEnds[3 * v + 1], normals, 3 * v, edgeEnds[3 * v + 2]);
    const length = Math.hypot(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2]) || 1;
    normals[3 * v] /= length;
    normals[3 * v + 1] /= length;
    normals[3 * v + 2] /= length;
  }
  geometry.setAttribute('normal', new BufferAttribute(normals, 3));
  geometry.setIndex(indices);
  return geometry;
}

/** Fine cells per coarse cell edge when skipping space far from the surface. */
const COARSE = 2;

/**
 * Samples the field on the fine grid only near the surface. A coarse grid is sampled first; where a
 * coarse corner lies farther from the surface than the coarse plus the fine cell diagonal, no fine
 * cell of that coarse cell can hold surface, and only the sign matters there, so its fine values
 * are interpolated instead of evaluated.
 * This relies on the field never overstating the distance, which the primitives in sdf.ts respect.
 */
function sampleNarrowBand(sdf: Sdf, origin: [number, number, number], size: [number, number, number], cell: number): Float32Array {
  const [x0, y0, z0] = origin;
  const [nx, ny, nz] = size;
  const step = cell * COARSE;
  const cx = Math.ceil((nx - 1) / COARSE) + 1, cy = Math.ceil((ny - 1) / COARSE) + 1, cz = Math.ceil((nz - 1) / COARSE) + 1;
  const coarse = new Float32Array(cx * cy * cz);
  for (let k = 0, n = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      for (let i = 0; i < cx; i++, n++) coarse[n] = sdf(x0 + i * step, y0 + j * step, z0 + k * step);
    }
  }
  const far = (step + cell) * Math.sqrt(3);
  const field = new Float32Array(nx * ny * nz);
  for (let k = 0, n = 0; k < nz; k++) {
    const ck = Math.min(Math.floor(k / COARSE), cz - 2), fk = k / COARSE - ck;
    for (let j = 0; j < ny; j++) {
      const cj = Math.min(Math.floor(j / COARSE), cy - 2), fj = j / COARSE - cj;
      for (let i = 0; i < nx; i++, n++) {
        const ci = Math.min(Math.floor(i / COARSE), cx - 2), fi = i / COARSE - ci;
        const c000 = coarse[(ck * cy + cj) * cx + ci];
        if (Math.abs(c000) > far) {
          const c100 = coarse[(ck * cy + cj) * cx + ci + 1], c010 = coarse[(ck * cy + cj + 1) * cx + ci], c110 = coarse[(ck * cy + cj + 1) * cx + ci + 1];
          const c001 = coarse[((ck + 1) * cy + cj) * cx + ci], c101 = coarse[((ck + 1) * cy + cj) * cx + ci + 1];
          const c011 = coarse[((ck + 1) * cy + cj + 1) * cx + ci], c111 = coarse[((ck + 1) * cy + cj + 1) * cx + ci + 1];
          const y0v = c000 + (c100 - c000) * fi, y1v = c010 + (c110 - c010) * fi;
          const y2v = c001 + (c101 - c001) * fi, y3v = c011 + (c111 - c011) * fi;
          const z0v = y0v + (y1v - y0v) * fj, z1v = y2v + (y3v - y2v) * fj;
          field[n] = z0v + (z1v - z0v) * fk;
        } else {
          field[n] = sdf(x0 + i * cell, y0 + j * cell, z0 + k * cell);
        }
      }
    }
  }
  return field;
}

/**
 * Normals from the field's central differences at the grid points, interpolated along each
 * vertex's edge: no further evaluations of the field are needed.
 */
function gridGradient(field: Float32Array, size: [number, number, number], point: number, out: Float32Array, offset: number, weight: number): void {
  const [nx, ny, nz] = size;
  const i = point % nx, j = Math.floor(point / nx) % ny, k = Math.floor(point / (nx * ny));
  const at = (di: number, dj: number, dk: number) =>
    field[(Math.min(nz - 1, Math.max(0, k + dk)) * ny + Math.min(ny - 1, Math.max(0, j + dj))) * nx + Math.min(nx - 1, Math.max(0, i + di))];
  out[offset] += weight * (at(1, 0, 0) - at(-1, 0, 0));
  out[offset + 1] += weight * (at(0, 1, 0) - at(0, -1, 0));
  out[offset + 2] += weight * (at(0, 0, 1) - at(0, 0, -1));
}
