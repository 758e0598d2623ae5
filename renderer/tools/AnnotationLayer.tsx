import cornerstone from 'cornerstone-core';
import { useCallback, useMemo, useRef } from 'react';
import { calibrationBadgeShort } from '../../shared/calibration';
import { effectiveGrade } from '../../shared/measure/genant';
import { lengthOf } from '../../shared/measure/units';
import type { AngleMeasurement, Length, Vec2 } from '../../shared/measure/types';
import { endplateLine } from '../../shared/measure/angles';
import { samePlane } from '../../shared/model/plane';
import type { Annotation, StudyAnnotations } from '../../shared/model/types';
import { cobbLinePoints, distanceToSegment, handlesOf, withHandleMoved } from './annotation-geometry';
import { GRADE_COLOURS } from './grade-colours';
import { SIX_POINT_NAMES } from '../../shared/measure/six-points';
import { SIX_POINT_PROMPTS, useMeasureStore } from './measure-store';
import type { PlaneContext } from './plane-context';
import { freehandMeasurements, resultsForPlane } from './spine-results';

export interface AnnotationLayerProps {
  readonly element: HTMLDivElement | null;
  /** Changes whenever the image is re-rendered (pan, zoom, slice), so the overlay follows. */
  readonly renderTick: number;
  readonly ctx: PlaneContext;
  readonly doc: StudyAnnotations | undefined;
}

const HANDLE_RADIUS = 5;
const SNAP_PX = 8;

function fmt(v: number, digits = 1): string {
  return v.toFixed(digits);
}

/** SVG drawing of the annotations of one image, plus point placement and handle dragging. */
export function AnnotationLayer({ element, renderTick, ctx, doc }: AnnotationLayerProps) {
  const tool = useMeasureStore((s) => s.tool);
  const draft = useMeasureStore((s) => s.draft);
  const selectedId = useMeasureStore((s) => s.selectedId);
  const nextLevel = useMeasureStore((s) => s.nextLevel);
  const drag = useRef<{ id: string; index: number; before: StudyAnnotations } | null>(null);
  const uid = ctx.studyInstanceUid;

  const toScreen = useCallback((p: Vec2): Vec2 => (element ? cornerstone.pixelToCanvas(element, p as never) : p), [element, renderTick]);
  const toImage = useCallback(
    (e: { clientX: number; clientY: number }): Vec2 => {
      const rect = element!.getBoundingClientRect();
      return cornerstone.canvasToPixel(element!, { x: e.clientX - rect.left, y: e.clientY - rect.top } as never);
    },
    [element],
  );

  const { results } = useMemo(() => resultsForPlane(ctx), [ctx]);
  const freehand = useMemo(() => freehandMeasurements(ctx), [ctx]);
  const draftOnPlane = draft && samePlane(draft.plane, ctx.plane) ? draft : null;

  const endplateNear = useCallback(
    (screen: Vec2) => {
      for (const a of ctx.annotations) {
        if (a.type !== 'vertebra') continue;
        for (const endplate of ['superior', 'inferior'] as const) {
          const { from, to } = endplateLine(a.points, endplate);
          if (distanceToSegment(screen, toScreen(from), toScreen(to)) < SNAP_PX) return { annotationId: a.id, endplate };
        }
      }
      return undefined;
    },
    [ctx.annotations, toScreen],
  );

  const onPointerDown = (e: React.PointerEvent<SVGSVGElement>) => {
    if (tool === 'navigate' || e.button !== 0 || e.shiftKey || e.ctrlKey) return;
    e.stopPropagation();
    e.preventDefault();
    const store = useMeasureStore.getState();
    const rect = element!.getBoundingClientRect();
    const screen = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    if (tool === 'cobb' && !(draftOnPlane && draftOnPlane.points.length % 2 === 1)) {
      const near = endplateNear(screen);
      if (near) {
        store.addCobbEndplate(uid, ctx.plane, { kind: 'endplate', ...near });
        return;
      }
    }
    store.addPoint(uid, ctx.plane, toImage(e));
  };

  const startDrag = (a: Annotation, index: number) => (e: React.PointerEvent) => {
    if (e.button !== 0 || !doc) return;
    e.stopPropagation();
    e.preventDefault();
    useMeasureStore.getState().select(a.id);
    drag.current = { id: a.id, index, before: doc };
    const target = e.currentTarget as Element;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      const d = drag.current;
      const current = useMeasureStore.getState().studies[uid]?.history.present.annotations.find((x) => x.id === d?.id);
      if (!d || !current) return;
      useMeasureStore.getState().replace(uid, withHandleMoved(current, d.index, toImage(ev)), false);
    };
    const up = () => {
      if (drag.current) useMeasureStore.getState().commitDrag(uid, drag.current.before);
      drag.current = null;
      target.removeEventListener('pointermove', move as EventListener);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move as EventListener);
    target.addEventListener('pointerup', up);
  };

  if (!element) return null;
  const badge = calibrationBadgeShort(ctx.spacing.source);
  const posterior = { x: -ctx.orientation.anterior.x, y: -ctx.orientation.anterior.y };

  function handles(a: Annotation, colour: string) {
    return handlesOf(a).map((p, i) => {
      const s = toScreen(p);
      return (
        <circle
          key={i}
          className="handle"
          cx={s.x}
          cy={s.y}
          r={HANDLE_RADIUS}
          fill={a.id === selectedId ? colour : '#0008'}
          stroke={colour}
          strokeWidth={1.5}
          onPointerDown={startDrag(a, i)}
          data-testid="annotation-handle"
        />
      );
    });
  }

  function polyline(points: Vec2[], colour: string, dashed = false, width = 1.6) {
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

  function label(at: Vec2, lines: string[], colour: string, anchor: 'start' | 'end' = 'start') {
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

  function drawAnnotation(a: Annotation) {
    const selected = a.id === selectedId;
    const select = (e: React.PointerEvent) => {
      if (tool !== 'navigate') return;
      e.stopPropagation();
      useMeasureStore.getState().select(a.id);
    };
    switch (a.type) {
      case 'vertebra': {
        const m = results?.vertebrae.find((v) => v.level === a.level);
        const grade = m ? effectiveGrade(m.suggestedGrade, a.finalGrade) : 0;
        const colour = GRADE_COLOURS[String(grade)];
        const P = a.points;
        const [as, ms, ps, ai, mi, pi] = [P.anteriorSuperior, P.middleSuperior, P.posteriorSuperior, P.anteriorInferior, P.middleInferior, P.posteriorInferior].map(toScreen);
        const labelAt = {
          x: (ps.x + pi.x) / 2 + posterior.x * 18,
          y: (ps.y + pi.y) / 2 + posterior.y * 18 - 8,
        };
        const anchor = posterior.x < 0 ? 'end' : 'start';
        const text = m
          ? [`${a.level}  G${grade}${a.finalGrade !== undefined ? ' (reader)' : ''}`, `Ha ${fmt(m.heights.ha.value)} Hm ${fmt(m.heights.hm.value)} Hp ${fmt(m.heights.hp.value)} ${badge}`]
          : [a.level];
        return (
          <g key={a.id} data-testid="vertebra-annotation" data-level={a.level} onPointerDown={select} className={selected ? 'annotation-selected' : undefined}>
            {polyline([as, ms, ps], colour, false, selected ? 2.4 : 1.6)}
            {polyline([ai, mi, pi], colour, false, selected ? 2.4 : 1.6)}
            {polyline([as, ai], colour, true, 1)}
            {polyline([ms, mi], colour, true, 1)}
            {polyline([ps, pi], colour, true, 1)}
            {label(labelAt, text, colour, anchor)}
            {handles(a, colour)}
          </g>
        );
      }
      case 'length':
      case 'calibration': {
        const [p, q] = a.points.map(toScreen);
        const colour = a.type === 'calibration' ? '#c792ea' : '#7fd4ff';
        const text =
          a.type === 'calibration'
            ? `calibration ${a.knownLengthMm} mm`
            : `${fmt((freehand[a.id] as Length | undefined)?.value ?? 0)} ${badge}`;
        return (
          <g key={a.id} data-testid={`${a.type}-annotation`} onPointerDown={select}>
            {polyline([p, q], colour, false, selected ? 2.4 : 1.6)}
            {label({ x: q.x + 8, y: q.y - 6 }, [text], colour)}
            {handles(a, colour)}
          </g>
        );
      }
      case 'angle': {
        const [p, v, q] = a.points.map(toScreen);
        const colour = '#7fd4ff';
        const between = (freehand[a.id] as AngleMeasurement | undefined)?.signedDeg ?? 0;
        return (
          <g key={a.id} data-testid="angle-annotation" onPointerDown={select}>
            {polyline([p, v, q], colour, false, selected ? 2.4 : 1.6)}
            {label({ x: v.x + 10, y: v.y - 8 }, [`${fmt(between)}°`], colour)}
            {handles(a, colour)}
          </g>
        );
      }
      case 'cobb': {
        const lines = a.lines.map((l) => cobbLinePoints(l, ctx.annotations));
        if (!lines[0] || !lines[1]) return null;
        const [l1, l2] = lines as [readonly [Vec2, Vec2], readonly [Vec2, Vec2]];
        const deg = (freehand[a.id] as AngleMeasurement | undefined)?.signedDeg ?? 0;
        const colour = '#ffd479';
        const words = (freehand[a.id] as AngleMeasurement | undefined)?.description ?? '';
        const s1 = l1.map(toScreen);
        const s2 = l2.map(toScreen);
        const mid = { x: Math.max(s1[0].x, s1[1].x, s2[0].x, s2[1].x) + 14, y: (s1[0].y + s1[1].y + s2[0].y + s2[1].y) / 4 };
        return (
          <g key={a.id} data-testid="cobb-annotation" data-degrees={deg.toFixed(2)} onPointerDown={select}>
            {polyline(extend(s1), colour, false, selected ? 2.4 : 1.8)}
            {polyline(extend(s2), colour, false, selected ? 2.4 : 1.8)}
            {label(mid, [`Cobb ${fmt(Math.abs(deg))}° ${words}`], colour)}
            {handles(a, colour)}
          </g>
        );
      }
    }
  }

  let prompt: string | undefined;
  if (tool === 'vertebra') {
    const n = draftOnPlane?.points.length ?? 0;
    prompt = `${nextLevel}: click the ${SIX_POINT_PROMPTS[SIX_POINT_NAMES[n]]} (${n + 1}/6)`;
    if (draftOnPlane && n >= 4) {
      const ha = lengthOf(draftOnPlane.points[0], draftOnPlane.points[3], ctx.spacing);
      prompt += ` · Ha ${fmt(ha.value)} ${badge}`;
      if (n >= 5) prompt += ` · Hm ${fmt(lengthOf(draftOnPlane.points[1], draftOnPlane.points[4], ctx.spacing).value)} ${badge}`;
    }
  } else if (tool === 'length') prompt = 'Length: click the two ends';
  else if (tool === 'angle') prompt = 'Angle: click a point, the vertex, then another point';
  else if (tool === 'cobb') prompt = 'Cobb: click an endplate of a measured vertebra, or draw a line with two clicks; then the second line';
  else if (tool === 'calibrate') prompt = 'Calibration: click both ends of an object of known size';


  return (
    <>
      <svg
        className={`annotation-layer${tool === 'navigate' ? '' : ' annotation-layer-drawing'}`}
        onPointerDown={onPointerDown}
        data-testid="annotation-layer"
        aria-hidden="true"
      >
        {ctx.annotations.map(drawAnnotation)}
        {draftOnPlane &&
          draftOnPlane.points.map((p, i) => {
            const s = toScreen(p);
            return <circle key={i} cx={s.x} cy={s.y} r={HANDLE_RADIUS} fill="#58a6ff" stroke="#fff" strokeWidth={1} data-testid="draft-point" />;
          })}
        {draftOnPlane?.tool === 'vertebra' &&
          draftOnPlane.points.length >= 2 &&
          polyline(draftOnPlane.points.slice(0, 3).map(toScreen), '#58a6ff', true)}
      </svg>
      {prompt && (
        <div className="tool-prompt" role="status" data-testid="tool-prompt">
          {prompt}
        </div>
      )}
    </>
  );
}

/** Lengthens a segment on screen so the Cobb lines read as lines across the vertebra. */
function extend([a, b]: Vec2[]): Vec2[] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return [
    { x: a.x - dx * 0.25, y: a.y - dy * 0.25 },
    { x: b.x + dx * 0.25, y: b.y + dy * 0.25 },
  ];
}
