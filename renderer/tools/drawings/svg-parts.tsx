import type { Vec2 } from '../../../shared/measure/types';

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

export function Label({ at, lines, colour, anchor = 'start' }: { at: Vec2; lines: readonly string[]; colour: string; anchor?: 'start' | 'end' }) {
  return (
    <text x={at.x} y={at.y} fill={colour} fontSize={13} textAnchor={anchor} className="annotation-label" paintOrder="stroke" stroke="#000" strokeWidth={3}>
      {lines.map((l, i) => (
        <tspan key={i} x={at.x} dy={i === 0 ? 0 : 15}>
          {l}
        </tspan>
      ))}
    </text>
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
