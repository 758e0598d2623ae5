/**
 * Where annotation labels go on screen: each as near its wanted place as it can be, overlapping no other
 * label and covering no measured point, because a label over a handle hides the point being judged.
 * Pure rectangles in screen pixels; the annotation layer measures the text and draws the result.
 */
import type { Vec2 } from '../../shared/measure/types';

/** An axis-aligned box, top-left corner and size, in screen pixels. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LabelPlacement {
  readonly box: Rect;
  /** Placed away from where it was wanted: draw a leader line back to what it labels. */
  readonly moved: boolean;
}

export interface LabelLayoutOptions {
  /** Least distance between a label and a measured point (a handle's radius and a little air). */
  readonly pointClearance: number;
  /** Least gap between two labels. */
  readonly gap: number;
  /** Labels stay inside this box (the viewport) when they can. */
  readonly bounds?: Rect;
  /** Furthest a label may travel from its wanted place, along each axis. */
  readonly reach?: number;
  /** Grid step of the positions tried. */
  readonly step?: number;
}

export function rectsOverlap(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

export function distanceToRect(p: Vec2, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

/** The point of r nearest to p: where a leader line from p meets its label. */
export function nearestPointOnRect(p: Vec2, r: Rect): Vec2 {
  return { x: Math.min(Math.max(p.x, r.x), r.x + r.width), y: Math.min(Math.max(p.y, r.y), r.y + r.height) };
}

function inside(r: Rect, bounds: Rect): boolean {
  return r.x >= bounds.x && r.y >= bounds.y && r.x + r.width <= bounds.x + bounds.width && r.y + r.height <= bounds.y + bounds.height;
}

/**
 * Offsets to try, nearest first. Moving along the spine (up or down) costs less than sideways, so a label
 * beside a column of vertebrae slides past its neighbour's rather than out over the image.
 */
function offsetsNearestFirst(reach: number, step: number): Vec2[] {
  const offsets: Vec2[] = [];
  for (let dx = -reach; dx <= reach; dx += step) for (let dy = -reach; dy <= reach; dy += step) offsets.push({ x: dx, y: dy });
  const cost = (o: Vec2) => Math.abs(o.y) + 1.5 * Math.abs(o.x);
  return offsets.sort((a, b) => cost(a) - cost(b));
}

/**
 * Places the labels in the order given (earlier ones keep their wanted place first). Greedy search over a
 * grid of offsets, nearest first: the first box clear of the labels already placed and of every point wins.
 * When none is clear within reach, the box with the fewest conflicts is taken.
 */
export function placeLabels(wanted: readonly Rect[], points: readonly Vec2[], options: LabelLayoutOptions): LabelPlacement[] {
  const { pointClearance, gap, bounds } = options;
  const offsets = offsetsNearestFirst(options.reach ?? 160, options.step ?? 4);
  const placed: Rect[] = [];
  return wanted.map((box) => {
    const conflicts = (r: Rect) =>
      placed.filter((p) => rectsOverlap(r, p, gap)).length + points.filter((p) => distanceToRect(p, r) < pointClearance).length + (bounds && !inside(r, bounds) ? 1 : 0);
    let best = { box, conflicts: Infinity };
    for (const o of offsets) {
      const candidate = { ...box, x: box.x + o.x, y: box.y + o.y };
      const n = conflicts(candidate);
      if (n < best.conflicts) best = { box: candidate, conflicts: n };
      if (n === 0) break;
    }
    placed.push(best.box);
    return { box: best.box, moved: best.box.x !== box.x || best.box.y !== box.y };
  });
}
