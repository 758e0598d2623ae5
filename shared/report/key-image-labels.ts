/**
 * Where the annotation labels of a key image go on the printed page. The viewer's labels are sized for
 * the screen and shrink with the image on paper, so the PDF draws them itself as text: a size fixed
 * relative to the printed image but never below a legible minimum, light text on a dark box, and moved
 * off each other where they would overlap.
 */
import type { Vec2 } from '../measure/types';

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
export interface PlacedLabel {
  readonly lines: readonly string[];
  readonly colour: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
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

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * The boxes of `labels` on an image printed `printed` points wide and high from `imageWidthPx` pixels.
 * Each keeps its place when it can; otherwise it moves down or up by whole box heights, nearest first,
 * to the first place that overlaps no label placed before it (left where it was when none is free).
 */
export function placeLabels(
  labels: readonly KeyImageLabel[],
  printed: { readonly width: number; readonly height: number },
  imageWidthPx: number,
  textWidth: (text: string, size: number) => number,
): PlacedLabel[] {
  const size = clamp(printed.width / LABELS_ACROSS, MIN_LABEL_SIZE_PT, MAX_LABEL_SIZE_PT);
  const padding = size * 0.25;
  const scale = printed.width / imageWidthPx;
  const placed: PlacedLabel[] = [];
  for (const label of labels) {
    const width = Math.max(...label.lines.map((l) => textWidth(l, size))) + 2 * padding;
    const height = label.lines.length * size * LABEL_LINE_SPACING + 2 * padding;
    const at = (y: number): PlacedLabel => ({
      lines: label.lines,
      colour: label.colour,
      x: clamp(label.at.x * scale - (label.anchor === 'end' ? width : 0), 0, Math.max(0, printed.width - width)),
      y: clamp(y, 0, Math.max(0, printed.height - height)),
      width,
      height,
      size,
      padding,
    });
    const home = at(label.at.y * scale);
    const candidates = [home, ...Array.from({ length: 12 }, (_, i) => at(home.y + (i % 2 === 0 ? 1 : -1) * Math.ceil((i + 1) / 2) * height))];
    placed.push(candidates.find((c) => placed.every((p) => !overlaps(c, p))) ?? home);
  }
  return placed;
}
