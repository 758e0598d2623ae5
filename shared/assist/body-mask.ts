/**
 * Segments the vertebral body under a click on a CT plane: region growing over bone (HU at or above the
 * threshold that separates trabecular bone from disc and soft tissue), 4-connected from the click, that
 * refuses disc pixels squeezed between two cortical endplates (so a thin disc still separates two
 * bodies), then hole filling (a gas cleft, cement or a dark marrow spot stays part of the body).
 */
import { frameToMm, sampleAtMm, type Frame } from './plane-frame';
import type { PlaneImage, Vec2 } from './types';

/**
 * The sample phantoms' trabecular bone is 200 HU, disc 70–90 HU, soft tissue 40–60 HU; 145 HU separates them.
 * Real trabecular HU falls with bone density (Pickhardt et al., Ann Intern Med 2013;158:588: L1 below
 * 110–160 HU suggests osteoporosis), so a very osteoporotic body may fall below this threshold: the proposal
 * then says "no bone at the click" rather than guessing.
 */
export const BONE_MIN_HU = 145;
/** A cortical endplate on a clinical CT reconstruction peaks far above marrow: 400 HU is a safe floor. */
export const CORTEX_MIN_HU = 400;
/** How far above and below a pixel two endplates may lie for it to count as a disc between them. */
const DISC_REACH_MM = 3;
/** How much darker than both endplates a disc pixel is. */
const DISC_DEPTH_HU = 200;
/** No vertebral body (L5 is about 50 mm deep) extends further than this from a click inside it. */
export const MAX_REACH_MM = 60;

export interface BodyMask {
  /** 1 inside the filled body, 0 outside; same layout as the image. */
  readonly inside: Uint8Array;
  readonly pixelCount: number;
  /** Bounding box in pixel indices, inclusive. */
  readonly minColumn: number;
  readonly maxColumn: number;
  readonly minRow: number;
  readonly maxRow: number;
  readonly touchesImageEdge: boolean;
  /** The growth reached MAX_REACH_MM: the bone goes on beyond any single body. */
  readonly reachedLimit: boolean;
}

/**
 * A pixel lies on a thin disc when, within DISC_REACH_MM both above and below it along the superior axis,
 * the image rises to a cortical value well above its own: it is in a valley between two endplates.
 */
function isBetweenEndplates(image: PlaneImage, size: Vec2, frame: Frame, centre: Vec2, value: number): boolean {
  const need = Math.max(CORTEX_MIN_HU, value + DISC_DEPTH_HU);
  const step = Math.min(size.x, size.y) / 2;
  const local: Frame = { ...frame, origin: centre };
  for (const sign of [1, -1]) {
    let found = false;
    for (let t = step; t <= DISC_REACH_MM && !found; t += step) found = sampleAtMm(image, size, frameToMm(local, 0, sign * t)) >= need;
    if (!found) return false;
  }
  return true;
}

export function growBodyMask(image: PlaneImage, size: Vec2, frame: Frame, seed: { column: number; row: number }): BodyMask {
  const { width, height, pixels } = image;
  const reachColumns = Math.ceil(MAX_REACH_MM / size.x);
  const reachRows = Math.ceil(MAX_REACH_MM / size.y);
  const grown = new Uint8Array(width * height);
  const queue = new Int32Array(Math.min(width * height, (2 * reachColumns + 1) * (2 * reachRows + 1)));
  let head = 0;
  let tail = 0;
  let reachedLimit = false;
  let touchesImageEdge = false;
  let minColumn = seed.column;
  let maxColumn = seed.column;
  let minRow = seed.row;
  let maxRow = seed.row;
  const accept = (column: number, row: number): boolean => {
    const value = pixels[row * width + column];
    if (!(value >= BONE_MIN_HU)) return false;
    // Only pixels darker than cortex can be disc between two endplates.
    if (value >= CORTEX_MIN_HU) return true;
    return !isBetweenEndplates(image, size, frame, { x: (column + 0.5) * size.x, y: (row + 0.5) * size.y }, value);
  };
  const start = seed.row * width + seed.column;
  grown[start] = 1;
  queue[tail++] = start;
  while (head < tail) {
    const index = queue[head++];
    const column = index % width;
    const row = (index - column) / width;
    if (column < minColumn) minColumn = column;
    if (column > maxColumn) maxColumn = column;
    if (row < minRow) minRow = row;
    if (row > maxRow) maxRow = row;
    if (column === 0 || row === 0 || column === width - 1 || row === height - 1) touchesImageEdge = true;
    if (Math.abs(column - seed.column) >= reachColumns || Math.abs(row - seed.row) >= reachRows) {
      reachedLimit = true;
      continue;
    }
    const neighbours = [
      [column - 1, row],
      [column + 1, row],
      [column, row - 1],
      [column, row + 1],
    ] as const;
    for (const [c, r] of neighbours) {
      if (c < 0 || r < 0 || c >= width || r >= height) continue;
      const n = r * width + c;
      if (grown[n] || !accept(c, r)) continue;
      grown[n] = 1;
      queue[tail++] = n;
    }
  }
  const filled = fillHoles(grown, width, minColumn, maxColumn, minRow, maxRow);
  return { inside: filled.inside, pixelCount: filled.count, minColumn, maxColumn, minRow, maxRow, touchesImageEdge, reachedLimit };
}

/** Everything inside the bounding box that the outside cannot reach (4-connected) belongs to the body. */
function fillHoles(grown: Uint8Array, width: number, minColumn: number, maxColumn: number, minRow: number, maxRow: number): { inside: Uint8Array; count: number } {
  const boxWidth = maxColumn - minColumn + 3;
  const boxHeight = maxRow - minRow + 3;
  const outside = new Uint8Array(boxWidth * boxHeight);
  const inBody = (bc: number, br: number): boolean => {
    const c = bc + minColumn - 1;
    const r = br + minRow - 1;
    return c >= minColumn && c <= maxColumn && r >= minRow && r <= maxRow && grown[r * width + c] === 1;
  };
  const queue = new Int32Array(boxWidth * boxHeight);
  let head = 0;
  let tail = 0;
  outside[0] = 1;
  queue[tail++] = 0;
  while (head < tail) {
    const index = queue[head++];
    const bc = index % boxWidth;
    const br = (index - bc) / boxWidth;
    for (const [c, r] of [
      [bc - 1, br],
      [bc + 1, br],
      [bc, br - 1],
      [bc, br + 1],
    ] as const) {
      if (c < 0 || r < 0 || c >= boxWidth || r >= boxHeight) continue;
      const n = r * boxWidth + c;
      if (outside[n] || inBody(c, r)) continue;
      outside[n] = 1;
      queue[tail++] = n;
    }
  }
  const inside = new Uint8Array(grown.length);
  let count = 0;
  for (let r = minRow; r <= maxRow; r++) {
    for (let c = minColumn; c <= maxColumn; c++) {
      if (!outside[(r - minRow + 1) * boxWidth + (c - minColumn + 1)]) {
        inside[r * width + c] = 1;
        count++;
      }
    }
  }
  return { inside, count };
}
