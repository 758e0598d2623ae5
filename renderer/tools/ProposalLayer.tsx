import { useCallback } from 'react';
import { SIX_POINT_NAMES } from '../../shared/measure/six-points';
import type { SixPoints, Vec2 } from '../../shared/measure/types';
import { samePlane } from '../../shared/model/plane';
import { imageToCanvas, pointerToImage } from '../viewer/canvas-coordinates';
import { assistKind } from './assist';
import { HANDLE_RADIUS, Polyline } from './drawings/svg-parts';
import { useMeasureStore } from './measure-store';
import type { PlaneContext } from './plane-context';

const PROPOSAL_COLOUR = '#f0b429';

/** The body's outline through its six points: superior endplate, anterior wall, inferior endplate, posterior wall. */
function outline(p: SixPoints): Vec2[] {
  return [p.anteriorSuperior, p.middleSuperior, p.posteriorSuperior, p.posteriorInferior, p.middleInferior, p.anteriorInferior, p.anteriorSuperior];
}

/** A proposed vertebra (dashed, amber) with draggable points, and what to do with it; or the assist hint. */
export function ProposalLayer({ element, renderTick, ctx }: { element: HTMLDivElement | null; renderTick: number; ctx: PlaneContext }) {
  const proposal = useMeasureStore((s) => s.proposal);
  const assist = useMeasureStore((s) => s.assist);
  const tool = useMeasureStore((s) => s.tool);
  const draft = useMeasureStore((s) => s.draft);
  const nextLevel = useMeasureStore((s) => s.nextLevel);
  // renderTick is a dependency on purpose: the same element maps differently after a pan, zoom or slice change.
  const toScreen = useCallback((p: Vec2): Vec2 => (element ? imageToCanvas(element, p) : p), [element, renderTick]);
  if (!element || tool !== 'vertebra') return null;
  const shown = proposal && samePlane(proposal.plane, ctx.plane) ? proposal : null;
  if (!shown) {
    if (!assist || draft) return null;
    const hint =
      assistKind(ctx) === 'one-click'
        ? `Assist on: click inside the ${nextLevel} body for its six points · N places them by hand`
        : `Assist on: place the six points roughly; they snap to the cortex · N turns snapping off`;
    return (
      <div className="proposal-prompt" role="status" data-testid="assist-hint">
        {hint}
      </div>
    );
  }

  const startDrag = (role: keyof SixPoints) => (e: React.PointerEvent<SVGCircleElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => useMeasureStore.getState().moveProposalPoint(role, pointerToImage(element, ev));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  return (
    <>
      <svg className="annotation-layer proposal-layer" data-testid="proposal-layer" data-source={shown.source} aria-hidden="true">
        <Polyline points={outline(shown.points).map(toScreen)} colour={PROPOSAL_COLOUR} dashed width={1.8} />
        {shown.rough &&
          SIX_POINT_NAMES.map((name) => {
            const from = toScreen(shown.rough![name]);
            const to = toScreen(shown.points[name]);
            return (
              <g key={`rough-${name}`}>
                <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} stroke="#ffffffa0" strokeWidth={1} />
                <circle cx={from.x} cy={from.y} r={2.5} fill="none" stroke="#ffffffc0" strokeWidth={1} data-testid="rough-point" />
              </g>
            );
          })}
        {SIX_POINT_NAMES.map((name) => {
          const s = toScreen(shown.points[name]);
          return (
            <circle
              key={name}
              className="handle"
              cx={s.x}
              cy={s.y}
              r={HANDLE_RADIUS}
              fill="#0008"
              stroke={PROPOSAL_COLOUR}
              strokeWidth={2}
              onPointerDown={startDrag(name)}
              data-testid="proposal-point"
              data-role={name}
            />
          );
        })}
      </svg>
      <div className="proposal-prompt proposal-prompt-pending" role="status" data-testid="proposal-prompt">
        <strong>{shown.level} proposed</strong> ({shown.source === 'one-click' ? 'from one click' : 'snapped'}; {shown.detail}) · <kbd>Enter</kbd> accept · drag a point · <kbd>Esc</kbd> discard
      </div>
    </>
  );
}
