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

/** A surface as transferable arrays: what the own-CT worker posts, and what a BufferGeometry is built from. */
export interface MeshArrays {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

/**
 * Meshes the surface sdf = 0 inside the bounds with cubes of the given size. Vertices on shared
 * edges are shared, and normals come from the field's gradient, so the surface shades smoothly.
 */
export function meshSdf(sdf: Sdf, bounds: Bounds, cell: number): BufferGeometry {
  const size: [number, number, number] = [0, 1, 2].map((a) => Math.ceil((bounds.max[a] - bounds.min[a]) / cell) + 1) as [number, number, number];
  const mesh = meshGrid(sampleNarrowBand(sdf, bounds.min, size, cell), size, bounds.min, cell);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(mesh.positions, 3));
  geometry.setAttribute('normal', new BufferAttribute(mesh.normals, 3));
  geometry.setIndex(new BufferAttribute(mesh.indices, 1));
  return geometry;
}

/** The axis each edge runs along. */
const EDGE_AXIS = EDGES.map(([, axis]) => axis);

/**
 * Marching cubes over a field already sampled on a grid (x fastest, negative inside), with grid
 * point (0, 0, 0) at `origin`. Cells whose corners all lie on one side are skipped after reading
 * their corners, without any other work.
 */
export function meshGrid(field: Float32Array, [nx, ny, nz]: [number, number, number], origin: readonly number[], cell: number): MeshArrays {
  const [x0, y0, z0] = origin;
  const sy = nx, sz = nx * ny;
  const cornerOffset = CORNERS.map(([ci, cj, ck]) => ci + cj * sy + ck * sz);
  const edgeStart = EDGES.map(([corner]) => cornerOffset[corner]);
  const axisStride = [1, sy, sz];
  const vertexOfEdge = new Int32Array(field.length * 3).fill(-1);
  let positions = new Float32Array(3 * 4096), vertices = 0;
  /** For each vertex: the grid point at its edge's start, and how far along the edge it lies. */
  let edgeStartOf = new Int32Array(4096), edgeAxisOf = new Uint8Array(4096), edgeU = new Float32Array(4096);
  let indices = new Uint32Array(3 * 8192), indexCount = 0;
  const cellEdgeVertices = new Int32Array(12);

  for (let k = 0; k < nz - 1; k++) {
    for (let j = 0; j < ny - 1; j++) {
      for (let i = 0, n = j * sy + k * sz; i < nx - 1; i++, n++) {
        let caseIndex = 0;
        // Three's tables set a corner's bit when it lies outside the surface.
        for (let c = 0; c < 8; c++) if (field[n + cornerOffset[c]] > 0) caseIndex |= 1 << c;
        const edges = edgeTable[caseIndex];
        if (edges === 0) continue;
        for (let e = 0; e < 12; e++) {
          if (!(edges & (1 << e))) continue;
          const a = n + edgeStart[e], axis = EDGE_AXIS[e], key = a * 3 + axis;
          let vertex = vertexOfEdge[key];
          if (vertex < 0) {
            const fa = field[a], fb = field[a + axisStride[axis]];
            const u = fa === fb ? 0.5 : fa / (fa - fb);
            if (vertices === edgeU.length) {
              positions = grow(positions, 2 * positions.length);
              edgeStartOf = grow(edgeStartOf, 2 * edgeStartOf.length);
              edgeAxisOf = grow(edgeAxisOf, 2 * edgeAxisOf.length);
              edgeU = grow(edgeU, 2 * edgeU.length);
            }
            const ai = a % nx, aj = Math.floor(a / nx) % ny, ak = Math.floor(a / sz);
            positions[3 * vertices] = x0 + (ai + (axis === 0 ? u : 0)) * cell;
            positions[3 * vertices + 1] = y0 + (aj + (axis === 1 ? u : 0)) * cell;
            positions[3 * vertices + 2] = z0 + (ak + (axis === 2 ? u : 0)) * cell;
            edgeStartOf[vertices] = a;
            edgeAxisOf[vertices] = axis;
            edgeU[vertices] = u;
            vertex = vertexOfEdge[key] = vertices++;
          }
          cellEdgeVertices[e] = vertex;
        }
        for (let t = caseIndex * 16; triTable[t] !== -1; t += 3) {
          if (indexCount + 3 > indices.length) indices = grow(indices, 2 * indices.length);
          indices[indexCount++] = cellEdgeVertices[triTable[t]];
          indices[indexCount++] = cellEdgeVertices[triTable[t + 1]];
          indices[indexCount++] = cellEdgeVertices[triTable[t + 2]];
        }
      }
    }
  }

  const normals = new Float32Array(3 * vertices);
  for (let v = 0; v < vertices; v++) {
    const a = edgeStartOf[v], u = edgeU[v];
    gridGradient(field, [nx, ny, nz], a, normals, 3 * v, 1 - u);
    gridGradient(field, [nx, ny, nz], a + axisStride[edgeAxisOf[v]], normals, 3 * v, u);
    const gx = normals[3 * v], gy = normals[3 * v + 1], gz = normals[3 * v + 2];
    const length = Math.sqrt(gx * gx + gy * gy + gz * gz) || 1;
    normals[3 * v] = gx / length;
    normals[3 * v + 1] = gy / length;
    normals[3 * v + 2] = gz / length;
  }
  return { positions: positions.slice(0, 3 * vertices), normals, indices: indices.slice(0, indexCount) };
}

function grow<T extends Float32Array | Int32Array | Uint8Array | Uint32Array>(array: T, length: number): T {
  const out = new (array.constructor as new (n: number) => T)(length);
  out.set(array);
  return out;
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
function gridGradient(field: Float32Array, [nx, ny, nz]: [number, number, number], point: number, out: Float32Array, offset: number, weight: number): void {
  const sz = nx * ny;
  const i = point % nx, j = Math.floor(point / nx) % ny, k = Math.floor(point / sz);
  // One-sided at the grid's faces, as if the field went on unchanged past them.
  const row = point - i, plane = point - j * nx;
  out[offset] += weight * (field[row + Math.min(nx - 1, i + 1)] - field[row + Math.max(0, i - 1)]);
  out[offset + 1] += weight * (field[plane + Math.min(ny - 1, j + 1) * nx] - field[plane + Math.max(0, j - 1) * nx]);
  out[offset + 2] += weight * (field[point + (Math.min(nz - 1, k + 1) - k) * sz] - field[point + (Math.max(0, k - 1) - k) * sz]);
}
