import { useCallback, useEffect, useMemo } from 'react';
import { AnnotationLayer } from '../tools/AnnotationLayer';
import { CalibrationDialog } from '../tools/CalibrationDialog';
import { exportMeasurements } from '../tools/exports';
import { MeasurePanel } from '../tools/MeasurePanel';
import { documentFor, useMeasureStore } from '../tools/measure-store';
import { planeContext } from '../tools/plane-context';
import { useToolKeys } from '../tools/use-tool-keys';
import { Viewport } from '../viewer/Viewport';
import { SeriesPanel } from './SeriesPanel';
import { useStudyStore } from './study-store';

export function ViewerScreen() {
  const label = useStudyStore((s) => s.label);
  const stacks = useStudyStore((s) => s.stacks);
  const activeKey = useStudyStore((s) => s.activeStackKey);
  const slices = useStudyStore((s) => s.sliceByStack);
  const setSlice = useStudyStore((s) => s.setSlice);
  const showIdentifiers = useStudyStore((s) => s.showIdentifiers);
  const progress = useStudyStore((s) => s.progress);
  const stack = stacks.find((s) => s.key === activeKey);
  const slice = stack ? Math.min(slices[stack.key] ?? 0, stack.imageIds.length - 1) : 0;
  const studyUid = stack?.studyInstanceUid;
  const entry = useMeasureStore((s) => (studyUid ? s.studies[studyUid] : undefined));
  const doc = useMeasureStore((s) => documentFor(s, studyUid));
  const pendingCalibration = useMeasureStore((s) => s.pendingCalibration);
  const ctx = useMemo(() => (stack ? planeContext(stack, slice, doc) : undefined), [stack, slice, doc]);

  useEffect(() => {
    if (studyUid) void useMeasureStore.getState().openStudy(studyUid);
  }, [studyUid]);
  useToolKeys(studyUid, !!stack);

  const onSliceChange = useCallback((i: number) => stack && setSlice(stack.key, i), [stack, setSlice]);

  return (
    <div className="viewer-layout">
      <aside className="side-panel" aria-label="Study">
        <h2 className="panel-title">{label || 'No study'}</h2>
        <SeriesPanel />
      </aside>
      <section className="viewport-area" aria-label="Image">
        {stack && ctx ? (
          <Viewport
            stack={stack}
            sliceIndex={slice}
            onSliceChange={onSliceChange}
            showIdentifiers={showIdentifiers}
            overlay={(element, tick) => <AnnotationLayer element={element} renderTick={tick} ctx={ctx} doc={doc} />}
          />
        ) : (
          <div className="viewport-empty">{progress ? 'Loading…' : 'Open DICOM files or a folder, or drop them here.'}</div>
        )}
      </section>
      {stack && ctx ? (
        <MeasurePanel ctx={ctx} doc={doc} readOnly={entry?.readOnly ?? false} onExport={(kind) => void exportMeasurements(kind, stack, slice, ctx, doc)} />
      ) : (
        <aside className="measure-panel" aria-label="Measurements" />
      )}
      {pendingCalibration && studyUid && (
        <CalibrationDialog onConfirm={(mm) => useMeasureStore.getState().confirmCalibration(studyUid, mm)} onCancel={() => useMeasureStore.getState().cancelDraft()} />
      )}
    </div>
  );
}
