import { cobbEndplateLabel, cobbLinePoints } from '../../../shared/measure/definitions/cobb';
import type { Drawing } from './drawing';
import { Polyline, extend, fmt, strokeWidth } from './svg-parts';

/** The two lines lengthened across the body, with the angle and its curvature beside them. */
export const drawCobb: Drawing<'cobb'> = (a, view) => {
  const [l1, l2] = a.lines.map((l) => cobbLinePoints(l, view.onPlane));
  if (!l1 || !l2) return null;
  const measured = view.freehand[a.id];
  const angle = measured && 'signedDeg' in measured ? measured : undefined;
  const deg = angle?.signedDeg ?? 0;
  const colour = '#ffd479';
  const endplates = cobbEndplateLabel(a, view.onPlane);
  const s1 = l1.map(view.toScreen);
  const s2 = l2.map(view.toScreen);
  const mid = { x: Math.max(s1[0].x, s1[1].x, s2[0].x, s2[1].x) + 14, y: (s1[0].y + s1[1].y + s2[0].y + s2[1].y) / 4 };
  return {
    label: { target: { x: mid.x - 14, y: mid.y }, at: mid, lines: [`Cobb ${fmt(Math.abs(deg))}° ${angle?.description ?? ''}`, ...(endplates ? [endplates] : [])], colour },
    render: (label) => (
      <g key={a.id} data-testid="cobb-annotation" data-degrees={deg.toFixed(2)} onPointerDown={view.onSelect}>
        <Polyline points={extend(s1)} colour={colour} width={strokeWidth(view.selected, 1.8)} />
        <Polyline points={extend(s2)} colour={colour} width={strokeWidth(view.selected, 1.8)} />
        {label}
        {view.handles(colour)}
      </g>
    ),
  };
};
