/**
 * Where annotation labels go on an image, on screen or on the printed report: each as near its wanted place
 * as it can be, overlapping no other label and covering no measured point, because a label over a handle
 * hides the point being judged. Pure rectangles in one unit (screen pixels, printed points); the caller
 * measures the text and draws the result.
 */
import type { Vec2 } from '../measure/types';

/** An axis-aligned box, top-left corner and size, y downwards. */
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
function offsetsNearestFirst(reach: number, step: number): readonly Vec2[] {
  const offsets: Vec2[] = [];
  for (let dx = -reach; dx <= reach; dx += step) for (let dy = -reach; dy <= reach; dy += step) offsets.push({ x: dx, y: dy });
  const cost = (o: Vec2) => Math.abs(o.y) + 1.5 * Math.abs(o.x);
  return offsets.sort((a, b) => cost(a) - cost(b));
}

/** Up to 160 px each way on a 4 px grid, computed once: the layout runs on every frame of a pan. */
const OFFSETS = offsetsNearestFirst(160, 4);

/**
 * Places the labels in the order given (earlier ones keep their wanted place first). Greedy search over a
 * grid of offsets, nearest first: the first box clear of the labels already placed and of every point wins.
 * When none is clear within reach, the box with the fewest conflicts is taken.
 */
export function placeLabels(wanted: readonly Rect[], points: readonly Vec2[], options: LabelLayoutOptions): LabelPlacement[] {
  const { pointClearance, gap, bounds } = options;
  const placed: Rect[] = [];
  return wanted.map((box) => {
    const at = (o: Vec2): Rect => ({ ...box, x: box.x + o.x, y: box.y + o.y });
    const offBounds = (r: Rect) => (bounds && !inside(r, bounds) ? 1 : 0);
    const clear = (r: Rect) => !offBounds(r) && !placed.some((p) => rectsOverlap(r, p, gap)) && !points.some((p) => distanceToRect(p, r) < pointClearance);
    const conflicts = (r: Rect) => placed.filter((p) => rectsOverlap(r, p, gap)).length + points.filter((p) => distanceToRect(p, r) < pointClearance).length + offBounds(r);
    const free = OFFSETS.find((o) => clear(at(o)));
    const chosen = free ? at(free) : OFFSETS.map(at).reduce((best, r) => (conflicts(r) < conflicts(best) ? r : best));
    placed.push(chosen);
    return { box: chosen, moved: chosen.x !== box.x || chosen.y !== box.y };
  });
}
