import type { Drawing } from './drawing';
import { Polyline, fmt, strokeWidth } from './svg-parts';

export const drawAngle: Drawing<'angle'> = (a, view) => {
  const [p, v, q] = a.points.map(view.toScreen);
  const colour = '#7fd4ff';
  const measured = view.freehand[a.id];
  const between = measured && 'signedDeg' in measured ? measured.signedDeg : 0;
  return {
    label: { target: v, at: { x: v.x + 10, y: v.y - 8 }, lines: [`${fmt(between)}°`], colour },
    render: (label) => (
      <g key={a.id} data-testid="angle-annotation" onPointerDown={view.onSelect}>
        <Polyline points={[p, v, q]} colour={colour} width={strokeWidth(view.selected)} />
        {label}
        {view.handles(colour)}
      </g>
    ),
  };
};
