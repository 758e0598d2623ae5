import type { Vec2 } from '../../../shared/measure/types';
import type { DrawingView, DrawnAnnotation } from './drawing';
import { Polyline, strokeWidth } from './svg-parts';

/** A two-point line with its text at the far end: what a length and a calibration both look like. */
export function drawSegment({ id, testId, points, text, colour, view }: { id: string; testId: string; points: readonly [Vec2, Vec2]; text: string; colour: string; view: DrawingView }): DrawnAnnotation {
  const [p, q] = points.map(view.toScreen);
  return {
    label: { target: q, at: { x: q.x + 8, y: q.y - 6 }, lines: [text], colour },
    render: (label) => (
      <g key={id} data-testid={testId} onPointerDown={view.onSelect}>
        <Polyline points={[p, q]} colour={colour} width={strokeWidth(view.selected)} />
        {label}
        {view.handles(colour)}
      </g>
    ),
  };
}
