import { describe, expect, it } from 'vitest';
import { distanceToRect, placeLabels, rectsOverlap, type Rect } from '../../../shared/report/label-layout';

const options = { pointClearance: 7, gap: 2 };
const box = (x: number, y: number, width = 200, height = 30): Rect => ({ x, y, width, height });

function noTwoOverlap(boxes: readonly Rect[], gap = 0) {
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(rectsOverlap(boxes[i], boxes[j], gap), `labels ${i} and ${j}`).toBe(false);
}

describe('placeLabels', () => {
  it('leaves labels that fit where they were wanted, with no leader line', () => {
    const wanted = [box(100, 50), box(100, 120)];
    const placed = placeLabels(wanted, [{ x: 50, y: 60 }], options);
    expect(placed.map((p) => p.box)).toEqual(wanted);
    expect(placed.every((p) => !p.moved)).toBe(true);
  });

  it('separates the two-line labels of five vertebrae 20 px apart (a zoomed-out CT reformat, T10–L2)', () => {
    const wanted = [0, 1, 2, 3, 4].map((i) => box(300, 100 + 20 * i));
    const placed = placeLabels(wanted, [], options);
    noTwoOverlap(
      placed.map((p) => p.box),
      options.gap,
    );
    expect(placed[0].moved).toBe(false);
    expect(placed.slice(1).every((p) => p.moved)).toBe(true);
  });

  it('moves a label off a measured point it would cover, and keeps the clearance', () => {
    const point = { x: 150, y: 65 };
    const [placed] = placeLabels([box(100, 50)], [point], options);
    expect(placed.moved).toBe(true);
    expect(distanceToRect(point, placed.box)).toBeGreaterThanOrEqual(options.pointClearance);
  });

  it('moves the Cobb label off a vertebra label it lands on, and neither covers the handles around them', () => {
    const handles = [0, 1, 2, 3, 4, 5].map((i) => ({ x: 240 + 30 * (i % 3), y: 100 + 40 * Math.floor(i / 3) }));
    const vertebra = box(340, 100, 210, 30);
    const cobb = box(330, 108, 150, 15);
    const placed = placeLabels([vertebra, cobb], handles, options);
    noTwoOverlap(placed.map((p) => p.box));
    for (const p of placed) for (const h of handles) expect(distanceToRect(h, p.box)).toBeGreaterThanOrEqual(options.pointClearance);
  });

  it('keeps labels inside the viewport when it can', () => {
    const bounds = box(0, 0, 400, 300);
    const [placed] = placeLabels([box(300, 100)], [], { ...options, bounds });
    expect(placed.box.x + placed.box.width).toBeLessThanOrEqual(400);
  });

  it('moves a label the shortest way, along the spine before sideways', () => {
    const [, second] = placeLabels([box(100, 100), box(100, 110)], [], options);
    expect(second.box.x).toBe(100);
    expect(second.box.y).toBeGreaterThanOrEqual(132);
  });
});
