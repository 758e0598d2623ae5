/**
 * Where the annotation labels of a key image go on the printed page. The viewer's labels are sized for
 * the screen and shrink with the image on paper, so the PDF draws them itself as text: a size fixed
 * relative to the printed image but never below a legible minimum, light text on a dark box, and moved
 * off each other where they would overlap.
 */
import type { Vec2 } from '../measure/types';
import { placeLabels, type Rect } from './label-layout';

/** A label as the viewer showed it: its lines, its annotation's colour, and where it stood in image pixels. */
export interface KeyImageLabel {
  readonly lines: readonly string[];
  /** "#rrggbb" */
  readonly colour: string;
  /** The top of its anchored side: its left edge, or its right edge when it ends there (`anchor: 'end'`). */
  readonly at: Vec2;
  /** A label that ended at `at` (set beside the body, away from it) grows away from what it labels. */
  readonly anchor?: 'start' | 'end';
}

/** A label's box on the printed image, in points from the image's top-left corner, y downwards. */
export interface PlacedLabel extends Rect {
  readonly lines: readonly string[];
  readonly colour: string;
  /** Font size, in points. */
  readonly size: number;
  /** Padding between the box edge and the text, in points. */
  readonly padding: number;
}

/** 10 pt Helvetica has a cap height of 7.2 pt (CapHeight 718/1000 in its AFM), 2.5 mm: the least the report prints. */
export const MIN_LABEL_SIZE_PT = 10;
const MAX_LABEL_SIZE_PT = 14;
/** The printed image is about 40 label heights wide: big enough to read, small enough to leave the image visible. */
const LABELS_ACROSS = 40;
/** Between the baselines of a label's lines, in font sizes. */
export const LABEL_LINE_SPACING = 1.2;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * The boxes of `labels` on an image printed `printed` points wide and high from `imageWidthPx` pixels.
 * Each keeps its place when it can; otherwise it moves to the nearest place on the image that overlaps
 * no label placed before it (the same layout as on screen, label-layout.ts).
 */
export function placeKeyImageLabels(
  labels: readonly KeyImageLabel[],
  printed: { readonly width: number; readonly height: number },
  imageWidthPx: number,
  textWidth: (text: string, size: number) => number,
): PlacedLabel[] {
  const size = clamp(printed.width / LABELS_ACROSS, MIN_LABEL_SIZE_PT, MAX_LABEL_SIZE_PT);
  const padding = size * 0.25;
  const scale = printed.width / imageWidthPx;
  const wanted = labels.map((label) => {
    const width = Math.max(...label.lines.map((l) => textWidth(l, size))) + 2 * padding;
    const height = label.lines.length * size * LABEL_LINE_SPACING + 2 * padding;
    return {
      x: clamp(label.at.x * scale - (label.anchor === 'end' ? width : 0), 0, Math.max(0, printed.width - width)),
      y: clamp(label.at.y * scale, 0, Math.max(0, printed.height - height)),
      width,
      height,
    };
  });
  const placements = placeLabels(wanted, [], { pointClearance: 0, gap: 0, bounds: { x: 0, y: 0, ...printed } });
  return placements.map(({ box }, i) => ({ ...box, lines: labels[i].lines, colour: labels[i].colour, size, padding }));
}
