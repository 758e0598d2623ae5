import { useCallback, useMemo, useRef, useState } from 'react';
import { calibrationBadgeShort } from '../../shared/calibration';
import { endplateLine } from '../../shared/measure/angles';
import { MEASUREMENTS, handlesOf, withHandleMoved } from '../../shared/measure/definitions';
import { cobbLinePoints } from '../../shared/measure/definitions/cobb';
import { freehandMeasurements, resultsForPlane } from '../../shared/measure/plane-measurements';
import type { Vec2 } from '../../shared/measure/types';
import { samePlane } from '../../shared/model/plane';
import type { Annotation, StudyAnnotations } from '../../shared/model/types';
import { imageToCanvas, pointerToImage } from '../viewer/canvas-coordinates';
import { distanceToSegment } from './annotation-geometry';
import { assistClick, assistKind } from './assist';
import { drawAnnotation } from './drawings';
import { HANDLE_RADIUS, LABEL_FONT, Label, Polyline, extend, labelBox } from './drawings/svg-parts';
import { placeLabels } from '../../shared/report/label-layout';
import { clickOnHandle, picksEndplates, travelledBeyondClick } from './handle-press';
import { bandOf, promptSide, type PromptSide } from './prompt-placement';
import { definitionOfTool, useMeasureStore } from './measure-store';
import type { PlaneContext } from './plane-context';

export interface AnnotationLayerProps {
  readonly element: HTMLDivElement | null;
  /** Changes whenever the image is re-rendered (pan, zoom, slice), so the overlay follows. */
  readonly renderTick: number;
  readonly ctx: PlaneContext;
  readonly doc: StudyAnnotations | undefined;
}

const SNAP_PX = 8;

/** SVG drawing of the annotations of one image, plus point placement and handle dragging. */
export function AnnotationLayer({ element, renderTick, ctx, doc }: AnnotationLayerProps) {
  const tool = useMeasureStore((s) => s.tool);
  const draft = useMeasureStore((s) => s.draft);
  const selectedId = useMeasureStore((s) => s.selectedId);
  const nextLevel = useMeasureStore((s) => s.nextLevel);
  const assist = useMeasureStore((s) => s.assist);
  const proposing = useMeasureStore((s) => s.proposal !== null);
  const drag = useRef<{ id: string; index: number; before: StudyAnnotations } | null>(null);
  // Only the band the pointer is in, so moving it re-renders the layer only when the prompt may move.
  const [pointerBand, setPointerBand] = useState<PromptSide | undefined>(undefined);
  const uid = ctx.studyInstanceUid;

  // renderTick is a dependency on purpose: the same element maps differently after a pan, zoom or slice change.
  const toScreen = useCallback((p: Vec2): Vec2 => (element ? imageToCanvas(element, p) : p), [element, renderTick]);
  const toImage = useCallback((e: { clientX: number; clientY: number }): Vec2 => pointerToImage(element!, e), [element]);

  const { results } = useMemo(() => resultsForPlane(ctx), [ctx]);
  const freehand = useMemo(() => freehandMeasurements(ctx), [ctx]);
  const draftOnPlane = draft && samePlane(draft.plane, ctx.plane) ? draft : null;
  const textWidth = useMemo(() => {
    const measure = document.createElement('canvas').getContext('2d');
    if (measure) measure.font = LABEL_FONT;
    // Without a 2D context (never in a browser), a generous average glyph width of the 13 px font.
    return (line: string) => measure?.measureText(line).width ?? line.length * 8.5;
  }, []);

  /** A pointer position in the viewport's own pixels (what toScreen gives for image points). */
  const screenOf = (e: { clientX: number; clientY: number }): Vec2 => {
    const rect = element!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

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
    const screen = screenOf(e);
    if (picksEndplates(tool, draftOnPlane)) {
      const near = endplateNear(screen);
      if (near) {
        store.addCobbEndplate(uid, ctx.plane, { kind: 'endplate', ...near });
        return;
      }
    }
    const point = toImage(e);
    if (assistClick(element!, ctx, point)) return;
    store.addPoint(uid, ctx.plane, point);
  };

  const startDrag = (a: Annotation, index: number) => (e: React.PointerEvent) => {
    if (e.button !== 0 || !doc) return;
    e.stopPropagation();
    e.preventDefault();
    // A press that may be the tool's click (Cobb on a vertebra's point) moves the point only once it travels.
    const click = clickOnHandle(tool, draftOnPlane, a, index);
    const down = { x: e.clientX, y: e.clientY };
    let dragging = !click;
    if (dragging) useMeasureStore.getState().select(a.id);
    drag.current = { id: a.id, index, before: doc };
    const target = e.currentTarget as Element;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      const d = drag.current;
      const current = useMeasureStore.getState().studies[uid]?.history.present.annotations.find((x) => x.id === d?.id);
      if (!d || !current) return;
      if (!dragging) {
        if (!travelledBeyondClick(down, { x: ev.clientX, y: ev.clientY })) return;
        dragging = true;
        useMeasureStore.getState().select(a.id);
      }
      useMeasureStore.getState().replace(uid, withHandleMoved(current, d.index, toImage(ev)), false);
    };
    const up = (ev: PointerEvent) => {
      const store = useMeasureStore.getState();
      if (click?.kind === 'endplate' && !dragging) store.addCobbEndplate(uid, ctx.plane, click.line);
      else if (click?.kind === 'point' && !dragging) store.addPoint(uid, ctx.plane, toImage(ev));
      else if (drag.current) store.commitDrag(uid, drag.current.before);
      drag.current = null;
      target.removeEventListener('pointermove', move as EventListener);
      target.removeEventListener('pointerup', up as EventListener);
    };
    target.addEventListener('pointermove', move as EventListener);
    target.addEventListener('pointerup', up as EventListener);
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

  function view(a: Annotation) {
    return {
      toScreen,
      results,
      freehand,
      onPlane: ctx.annotations,
      selected: a.id === selectedId,
      badge,
      posterior,
      onSelect: (e: React.PointerEvent) => {
        if (tool !== 'navigate') return;
        e.stopPropagation();
        useMeasureStore.getState().select(a.id);
      },
      handles: (colour: string) => handles(a, colour),
    };
  }

  const drawn = ctx.annotations.map((a) => drawAnnotation(a, view(a))).filter((d) => d !== null);
  const measuredPoints = [...ctx.annotations.flatMap((a) => handlesOf(a)), ...(draftOnPlane?.points ?? [])].map(toScreen);
  const placements = placeLabels(
    drawn.map((d) => labelBox(d.label, textWidth)),
    measuredPoints,
    { pointClearance: HANDLE_RADIUS + 2, gap: 2, bounds: { x: 0, y: 0, width: element.clientWidth, height: element.clientHeight } },
  );

  const drafting = definitionOfTool(tool);
  // With assistance on CT the proposal layer says what a click does; its prompt replaces this one.
  const assisted = assist && tool === 'vertebra' && (assistKind(ctx) === 'one-click' || proposing);
  const prompt = !assisted && drafting?.prompt({ points: draftOnPlane?.points ?? [], cobbLines: draftOnPlane?.cobbLines ?? [], level: nextLevel }, ctx.spacing);
  // The first Cobb line, highlighted until the second is placed: a picked endplate, or a line drawn with two clicks.
  const draftCobbLines =
    draftOnPlane?.tool === MEASUREMENTS.cobb.tool.name
      ? [
          ...draftOnPlane.cobbLines.flatMap((l) => {
            const ends = cobbLinePoints(l, ctx.annotations);
            return ends ? [ends] : [];
          }),
          ...(draftOnPlane.points.length >= 2 ? [[draftOnPlane.points[0], draftOnPlane.points[1]] as const] : []),
        ].map((line) => line.map(toScreen))
      : [];
  const placing = [...(draftOnPlane?.points ?? []).map(toScreen), ...draftCobbLines.flat()];
  const side = promptSide(placing, pointerBand, element.clientHeight);

  return (
    <>
      <svg
        className={`annotation-layer${tool === 'navigate' ? '' : ' annotation-layer-drawing'}`}
        onPointerDown={onPointerDown}
        onPointerMove={(e) => setPointerBand(bandOf(screenOf(e), element.clientHeight))}
        onPointerLeave={() => setPointerBand(undefined)}
        data-testid="annotation-layer"
        aria-hidden="true"
      >
        {drawn.map((d, i) => d.render(<Label label={d.label} placement={placements[i]} />))}
        {draftOnPlane &&
          draftOnPlane.points.map((p, i) => {
            const s = toScreen(p);
            return <circle key={i} cx={s.x} cy={s.y} r={HANDLE_RADIUS} fill="#58a6ff" stroke="#fff" strokeWidth={1} data-testid="draft-point" />;
          })}
        {draftCobbLines.map((line, i) => (
          <g key={`cobb-draft-${i}`} data-testid="cobb-draft-endplate">
            <Polyline points={extend(line)} colour="#58a6ff" width={3} />
          </g>
        ))}
        {draftOnPlane?.tool === MEASUREMENTS.vertebra.tool.name && draftOnPlane.points.length >= 2 && (
          <Polyline points={draftOnPlane.points.slice(0, 3).map(toScreen)} colour="#58a6ff" dashed />
        )}
      </svg>
      {prompt && (
        <div className={`tool-prompt tool-prompt-${side}`} role="status" data-testid="tool-prompt" data-side={side}>
          {prompt}
        </div>
      )}
    </>
  );
}
