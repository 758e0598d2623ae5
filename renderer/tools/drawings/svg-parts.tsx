import type { Vec2 } from '../../../shared/measure/types';
import { nearestPointOnRect, type LabelPlacement, type Rect } from '../../../shared/report/label-layout';
import type { AnnotationLabel } from './drawing';

export const HANDLE_RADIUS = 5;

export function fmt(v: number, digits = 1): string {
  return v.toFixed(digits);
}

/** Line width: thicker when the annotation is selected. */
export const strokeWidth = (selected: boolean, normal = 1.6) => (selected ? 2.4 : normal);

export function Polyline({ points, colour, dashed = false, width = 1.6 }: { points: readonly Vec2[]; colour: string; dashed?: boolean; width?: number }) {
  return (
    <polyline
      points={points.map((p) => `${p.x},${p.y}`).join(' ')}
      fill="none"
      stroke={colour}
      strokeWidth={width}
      strokeDasharray={dashed ? '4 3' : undefined}
    />
  );
}

/** Font of the on-image labels, also used to measure them for placement. */
export const LABEL_FONT = '600 13px system-ui, sans-serif';
const LINE_HEIGHT = 15;
/** Baseline of the first line below the top of its box. */
const ASCENT = 12;

/** The box a label of these lines takes, with `at` the first baseline's start (or end) as SVG text places it. */
export function labelBox(label: AnnotationLabel, textWidth: (line: string) => number): Rect {
  const width = Math.max(...label.lines.map(textWidth));
  const x = label.anchor === 'end' ? label.at.x - width : label.at.x;
  return { x, y: label.at.y - ASCENT, width, height: LINE_HEIGHT * label.lines.length };
}

/** A label drawn in the box the layout gave it, with a leader line back to its target when it was moved. */
export function Label({ label, placement }: { label: AnnotationLabel; placement: LabelPlacement }) {
  const { box, moved } = placement;
  const end = nearestPointOnRect(label.target, box);
  return (
    <>
      {moved && <line x1={label.target.x} y1={label.target.y} x2={end.x} y2={end.y} stroke={label.colour} strokeWidth={1} data-testid="label-leader" />}
      <text
        x={box.x}
        y={box.y + ASCENT}
        fill={label.colour}
        style={{ font: LABEL_FONT }}
        className="annotation-label"
        paintOrder="stroke"
        stroke="#000"
        strokeWidth={3}
        data-testid="annotation-label"
        data-box={[box.x, box.y, box.width, box.height].map((v) => v.toFixed(1)).join(',')}
      >
        {label.lines.map((l, i) => (
          <tspan key={i} x={box.x} dy={i === 0 ? 0 : LINE_HEIGHT}>
            {l}
          </tspan>
        ))}
      </text>
    </>
  );
}

/** Lengthens a segment on screen so the Cobb lines read as lines across the vertebra. */
export function extend([a, b]: readonly Vec2[]): Vec2[] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return [
    { x: a.x - dx * 0.25, y: a.y - dy * 0.25 },
    { x: b.x + dx * 0.25, y: b.y + dy * 0.25 },
  ];
}
