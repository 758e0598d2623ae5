import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AnnotationLayer } from '../tools/AnnotationLayer';
import { ProposalLayer } from '../tools/ProposalLayer';
import { AssistPanel } from '../tools/AssistPanel';
import { CalibrationDialog } from '../tools/CalibrationDialog';
import { MeasurePanel } from '../tools/MeasurePanel';
import { documentFor, useMeasureStore } from '../tools/measure-store';
import { planeContext, type PlaneContext } from '../tools/plane-context';
import { useToolKeys } from '../tools/use-tool-keys';
import { useShortcuts } from './keymap';
import { imagePointToPatient } from '../../shared/volume/reslice';
import { fromCornerstonePoint, headerGeometry } from '../viewer/image-geometry';
import { ReferenceLines, type ReferencePlane } from '../viewer/ReferenceLines';
import { sliceNearestPoint } from '../viewer/slice-sync';
import { Viewport } from '../viewer/Viewport';
import type { Stack } from '../viewer/stack';
import { AnswerOverlay } from '../cases/AnswerOverlay';
import { answerOnImage } from '../cases/answer-geometry';
import { CasePanel } from '../cases/CasePanel';
import { useTrainingStore } from '../cases/training-store';
import { SeriesPanel } from './SeriesPanel';
import { sliceOf, stackByKey, useStudyStore, VIEWPORT_COUNT } from './study-store';
import { ViewerToolbar } from './ViewerToolbar';

const VIEWPORT_COLOURS = ['#58a6ff', '#f0b429', '#3fb950', '#ff7b72'];

/**
 * One viewport of the grid. `activeCtx` is the plane context of the active viewport, computed once by the
 * screen, which needs it too; the other viewports compute their own. Memoised: a viewport re-renders for
 * its own store fields, not each time the active one moves.
 */
const ViewportCell = memo(function ViewportCell({ index, activeCtx }: { index: number; activeCtx: PlaneContext | undefined }) {
  const { stack, slice, active, count, showIdentifiers, linkZoom, loading } = useStudyStore(
    useShallow((s) => {
      const shown = stackByKey(s, s.viewports[index]);
      return {
        stack: shown,
        slice: shown ? sliceOf(s, shown) : 0,
        active: s.activeViewport === index,
        count: VIEWPORT_COUNT[s.layout],
        showIdentifiers: s.showIdentifiers,
        linkZoom: s.linkZoom,
        loading: !!s.progress,
      };
    }),
  );
  // The image shown in each other visible viewport, for its reference line; undefined for this one and empty slots.
  const otherHeaders = useStudyStore(
    useShallow((s) =>
      s.viewports.slice(0, VIEWPORT_COUNT[s.layout]).map((key, i) => {
        const other = i === index ? undefined : stackByKey(s, key);
        return other ? other.headers[sliceOf(s, other)] : undefined;
      }),
    ),
  );
  const markImageShown = useStudyStore((s) => s.markImageShown);
  const doc = useMeasureStore((m) => documentFor(m, stack?.studyInstanceUid));
  const ownCtx = useMemo(() => (!activeCtx && stack ? planeContext(stack, slice, doc) : undefined), [activeCtx, stack, slice, doc]);
  const ctx = activeCtx ?? ownCtx;
  const details = useTrainingStore((t) => t.details);
  const showAnswer = useTrainingStore((t) => t.showAnswer || t.score !== null);
  const answer = useMemo(() => (details && showAnswer && ctx ? answerOnImage(details, ctx.header, ctx.plane) : []), [details, showAnswer, ctx]);
  const others: ReferencePlane[] = useMemo(
    () => otherHeaders.flatMap((header, i) => (header ? [{ header, colour: VIEWPORT_COLOURS[i], label: String(i + 1) }] : [])),
    [otherHeaders],
  );

  const onSliceChange = useCallback((i: number) => stack && useStudyStore.getState().setSlice(stack.key, i), [stack]);

  const onLocate = useCallback(
    (point: { x: number; y: number }) => {
      const st = useStudyStore.getState();
      if (!stack || VIEWPORT_COUNT[st.layout] < 2) return;
      const geometry = headerGeometry(stack.headers[slice]);
      if (!geometry) return;
      const patient = imagePointToPatient(geometry, fromCornerstonePoint(point));
      st.viewports.slice(0, VIEWPORT_COUNT[st.layout]).forEach((key, i) => {
        const target = i === index ? undefined : stackByKey(st, key);
        if (!target || target.headers[0]?.frameOfReferenceUid !== stack.headers[slice].frameOfReferenceUid) return;
        const nearest = sliceNearestPoint(target.headers, patient);
        if (nearest !== undefined) useStudyStore.setState((x) => ({ sliceByStack: { ...x.sliceByStack, [target.key]: nearest } }));
      });
    },
    [stack, slice, index],
  );

  return (
    <div
      className={`viewport-cell${active ? ' viewport-cell-active' : ''}`}
      onPointerDownCapture={() => !active && useStudyStore.getState().setActiveViewport(index)}
      onDragOver={(e) => e.dataTransfer.types.includes('application/x-spinelab-stack') && e.preventDefault()}
      onDrop={(e) => {
        const key = e.dataTransfer.getData('application/x-spinelab-stack');
        if (key) {
          e.preventDefault();
          e.stopPropagation();
          useStudyStore.getState().selectStack(key, index);
        }
      }}
      data-testid={`viewport-cell-${index}`}
      style={{ borderColor: active && count > 1 ? VIEWPORT_COLOURS[index] : undefined }}
    >
      {stack && ctx ? (
        <Viewport
          stack={stack}
          sliceIndex={slice}
          onSliceChange={onSliceChange}
          showIdentifiers={showIdentifiers}
          index={index}
          active={active}
          linkZoom={linkZoom}
          onLocate={onLocate}
          onImageShown={markImageShown}
          overlay={(element, tick) =>
            element && (
              <>
                {others.length > 0 && <ReferenceLines element={element} header={stack.headers[slice]} others={others} />}
                {answer.length > 0 && <AnswerOverlay element={element} answer={answer} annotations={ctx.annotations} />}
                <AnnotationLayer element={element} renderTick={tick} ctx={ctx} doc={doc} />
                <ProposalLayer element={element} renderTick={tick} ctx={ctx} />
              </>
            )
          }
        />
      ) : (
        <div className="viewport-empty">{loading ? 'Loading…' : 'Drag a series here'}</div>
      )}
      {count > 1 && (
        <span className="viewport-number" style={{ color: VIEWPORT_COLOURS[index] }}>
          {index + 1}
        </span>
      )}
    </div>
  );
});

export function ViewerScreen() {
  const { stack, slice, activeViewport, layout, label, message, caseId } = useStudyStore(
    useShallow((s) => {
      const active: Stack | undefined = stackByKey(s, s.viewports[s.activeViewport]);
      return { stack: active, slice: active ? sliceOf(s, active) : 0, activeViewport: s.activeViewport, layout: s.layout, label: s.label, message: s.message, caseId: s.caseId };
    }),
  );
  const studyUid = stack?.studyInstanceUid;
  const entry = useMeasureStore((m) => (studyUid ? m.studies[studyUid] : undefined));
  const doc = useMeasureStore((m) => documentFor(m, studyUid));
  const pendingCalibration = useMeasureStore((m) => m.pendingCalibration);
  const ctx = useMemo(() => (stack ? planeContext(stack, slice, doc) : undefined), [stack, slice, doc]);
  const [cine, setCine] = useState(false);
  const [panel, setPanel] = useState<'measure' | 'case'>('measure');
  useEffect(() => {
    void useTrainingStore.getState().load(caseId);
    setPanel(caseId ? 'case' : 'measure');
  }, [caseId]);
  const [fps, setFps] = useState(10);

  useEffect(() => {
    if (studyUid) void useMeasureStore.getState().openStudy(studyUid);
  }, [studyUid]);
  useToolKeys(studyUid, !!stack);

  useEffect(() => {
    if (!cine || !stack) return;
    const timer = setInterval(() => {
      const st = useStudyStore.getState();
      const current = st.sliceByStack[stack.key] ?? 0;
      st.setSlice(stack.key, (current + 1) % stack.imageIds.length);
    }, 1000 / fps);
    return () => clearInterval(timer);
  }, [cine, fps, stack]);

  useShortcuts(useMemo(() => ({ cine: () => setCine((c) => !c) }), []));

  const count = VIEWPORT_COUNT[layout];
  return (
    <div className="viewer-layout">
      <aside className="side-panel" aria-label="Study">
        <h2 className="panel-title">{label || 'No study'}</h2>
        <SeriesPanel />
      </aside>
      <section className="viewer-main" aria-label="Images">
        <ViewerToolbar cine={cine} onToggleCine={() => setCine((c) => !c)} fps={fps} onFps={setFps} />
        {message && (
          <div className="viewer-message" role="alert" data-testid="viewer-message">
            {message}
            <button type="button" className="button" onClick={() => useStudyStore.getState().setMessage(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        <div className={`viewport-grid viewport-grid-${layout}`}>
          {Array.from({ length: count }, (_, i) => (
            <ViewportCell key={i} index={i} activeCtx={i === activeViewport ? ctx : undefined} />
          ))}
        </div>
      </section>
      <div className="right-panel">
        {caseId && (
          <div className="panel-tabs" role="tablist" aria-label="Side panel">
            <button type="button" role="tab" aria-selected={panel === 'case'} aria-controls="side-tabpanel" className={`tab${panel === 'case' ? ' tab-active' : ''}`} onClick={() => setPanel('case')} data-testid="tab-case">
              Case
            </button>
            <button type="button" role="tab" aria-selected={panel === 'measure'} aria-controls="side-tabpanel" className={`tab${panel === 'measure' ? ' tab-active' : ''}`} onClick={() => setPanel('measure')} data-testid="tab-measure">
              Measure
            </button>
          </div>
        )}
        <div id="side-tabpanel" role={caseId ? 'tabpanel' : undefined}>
          {stack && ctx && caseId && panel === 'case' ? (
            <CasePanel caseId={caseId} ctx={ctx} />
          ) : stack && ctx ? (
            <>
              <MeasurePanel ctx={ctx} doc={doc} readOnly={entry?.readOnly ?? false} onExport={(kind) => void import('../tools/exports').then((m) => m.exportMeasurements(kind, stack, slice, ctx, doc))} />
              <AssistPanel stack={stack} />
            </>
          ) : null}
        </div>
      </div>
      {pendingCalibration && studyUid && (
        <CalibrationDialog onConfirm={(mm) => useMeasureStore.getState().confirmCalibration(studyUid, mm)} onCancel={() => useMeasureStore.getState().cancelDraft()} />
      )}
    </div>
  );
}
